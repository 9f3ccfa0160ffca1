import { SignJWT } from 'jose';
import { AppError, createTokenService, readBearerToken } from './index.js';

const secret = 'a-very-long-shopper-secret-of-32+chars';
const options = { secret, audience: 'service-api', issuer: 'brandi', ttlSeconds: 3600 };
const tokens = createTokenService(options);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expect401(promise: Promise<unknown>) {
  await expect(promise).rejects.toBeInstanceOf(AppError);
  await expect(promise).rejects.toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
}

describe('createTokenService', () => {
  it('signs HS256 tokens that verify back to their claims', async () => {
    const { accessToken, expiresIn } = await tokens.sign({ sub: '42', role: 'shopper', loginId: 'kim' });
    expect(expiresIn).toBe(3600);
    const header = JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');

    const claims = await tokens.verify(accessToken);
    expect(claims).toMatchObject({ sub: '42', role: 'shopper', loginId: 'kim', aud: 'service-api', iss: 'brandi' });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: 'shopper' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('42')
      .setAudience(options.audience)
      .setIssuer(options.issuer)
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode(secret));
    await expect401(tokens.verify(expired));
  });

  it('rejects a token signed with another secret or for another audience', async () => {
    const other = createTokenService({ ...options, secret: 'another-secret-that-is-long-enough-too' });
    await expect401(tokens.verify((await other.sign({ sub: '1', role: 'seller' })).accessToken));

    const backOffice = createTokenService({ ...options, audience: 'backoffice-api' });
    await expect401(tokens.verify((await backOffice.sign({ sub: '1', role: 'seller' })).accessToken));
  });

  it('rejects alg none, a tampered payload and garbage', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: '1', role: 'admin', aud: options.audience, iss: options.issuer, iat: now, exp: now + 60 };
    await expect401(tokens.verify(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`));

    const [header, , signature] = (await tokens.sign({ sub: '1', role: 'shopper' })).accessToken.split('.');
    await expect401(tokens.verify(`${header}.${base64url(claims)}.${signature}`));

    await expect401(tokens.verify('not-a-token'));
    await expect401(tokens.verify(''));
  });

  it('refuses a secret too short to be an HS256 key', () => {
    expect(() => createTokenService({ ...options, secret: 'short' })).toThrow(/32 characters/);
  });
});

describe('readBearerToken', () => {
  const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } });

  it('reads the token of a Bearer header and nothing from a missing one', () => {
    expect(readBearerToken(request())).toBeUndefined();
    expect(readBearerToken(request('Bearer abc.def.ghi'))).toBe('abc.def.ghi');
    expect(readBearerToken(request('bearer abc.def.ghi'))).toBe('abc.def.ghi');
  });

  it('answers 401 for a header that is not a Bearer token', () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', '']) {
      expect(() => readBearerToken(request(header))).toThrow(expect.objectContaining({ statusCode: 401 }));
    }
  });
});
