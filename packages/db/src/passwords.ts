import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

// OWASP's first choice for password storage: argon2id, 19 MiB, 2 passes, 1 lane (~15 ms a hash here).
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

/** A PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`: the parameters travel with the hash. */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2_OPTIONS);
}

/** Checks a password against an argon2 hash or an older `scrypt$N$r$p$<salt>$<key>` one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false;
    }
  }
  return verifyScrypt(password, stored);
}

/** True when a verified hash should be replaced by a fresh `hashPassword` (older scheme or parameters). */
export function passwordNeedsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT_PREFIX);
}

/** A real hash of a random password: compare unknown logins against it so they take as long as known ones. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(12).toString('base64'));
  return decoyHash;
}

// The hashes written before argon2id; verified so existing accounts can still log in (and get rehashed).
function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64>$<key b64>`, the format of hashes stored before argon2id. */
export async function hashPasswordScryptLegacy(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 };
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, options);
  return timingSafeEqual(actual, expected);
}

// zxcvbn-ts's list of ~49k passwords most seen in breaches (lower case), imported on first use: importing it
// costs ~36 ms and ~15 MB, which every process that imports @brandi/db (each CLI, each jest file) would pay.
let commonPasswords: Promise<Set<string>> | undefined;

/**
 * Why a new password is refused, or undefined when it is acceptable: it must not contain the account's login
 * id (ignoring case) nor be one of the commonest breached passwords. Length and character classes are checked
 * by the request schema.
 */
export async function passwordWeakness(password: string, loginId: string): Promise<string | undefined> {
  const lower = password.toLowerCase();
  if (loginId !== '' && lower.includes(loginId.toLowerCase())) return 'must not contain the login id';
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common']));
  if ((await commonPasswords).has(lower)) return 'is too common (found in lists of breached passwords)';
  return undefined;
}
