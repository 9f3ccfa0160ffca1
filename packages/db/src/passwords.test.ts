import {
  decoyPasswordHash,
  hashPassword,
  hashPasswordScryptLegacy,
  passwordNeedsRehash,
  passwordWeakness,
  verifyPassword,
} from './passwords.js';

test('new hashes are argon2id with m=19456 KiB, t=2, p=1 and verify only the right password', async () => {
  const hash = await hashPassword('Kettle-Drum-88');
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(await verifyPassword('Kettle-Drum-88', hash)).toBe(true);
  expect(await verifyPassword('kettle-drum-88', hash)).toBe(false);
  expect(passwordNeedsRehash(hash)).toBe(false);
});

test('older scrypt hashes still verify and are marked for rehashing', async () => {
  const legacy = await hashPasswordScryptLegacy('Kettle-Drum-88');
  expect(legacy).toMatch(/^scrypt\$16384\$8\$1\$/);
  expect(await verifyPassword('Kettle-Drum-88', legacy)).toBe(true);
  expect(await verifyPassword('Kettle-Drum-89', legacy)).toBe(false);
  expect(passwordNeedsRehash(legacy)).toBe(true);
  // Weaker argon2 parameters count as outdated too.
  expect(passwordNeedsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
});

test('garbage in the hash column never verifies and never throws', async () => {
  for (const stored of ['', 'plain', '$argon2id$broken', 'scrypt$1$1$1$$']) expect(await verifyPassword('x', stored)).toBe(false);
});

test('the decoy for unknown ids is an argon2id hash like a real one', async () => {
  expect(await decoyPasswordHash()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test.each([
  ['sectest_a', 'xSECTEST_A99', 'must not contain the login id'],
  ['sectest_a', 'password1', 'is too common (found in lists of breached passwords)'],
  ['sectest_a', 'Qwerty123', 'is too common (found in lists of breached passwords)'],
  ['sectest_a', 'secret123', 'is too common (found in lists of breached passwords)'],
])('%s may not use %s', async (loginId, password, reason) => {
  expect(await passwordWeakness(password, loginId)).toBe(reason);
});

test('an uncommon password without the login id passes', async () => {
  expect(await passwordWeakness('violet-harbor-42', 'sectest_a')).toBeUndefined();
});
