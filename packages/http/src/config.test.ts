import Type from 'typebox';
import { ConfigError, DatabaseEnv, HttpEnv, JwtEnv, loadConfig, PUBLISHED_PLACEHOLDER_SECRETS, trustProxyOption } from './index.js';

const ServiceEnv = Type.Object({
  ...HttpEnv.properties,
  ...DatabaseEnv.properties,
  ...JwtEnv.properties,
});

const validEnv = {
  PORT: '3000',
  DATABASE_URL: 'mysql://brandi:secret@localhost:3306/brandi',
  JWT_SECRET: 'x'.repeat(32),
};

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('coerces values, applies defaults and freezes the result', () => {
    const config = loadConfig(ServiceEnv, {
      ...validEnv,
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      DATABASE_POOL_SIZE: '',
    });
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: ['https://shop.example.com', 'http://localhost:5173'],
      DATABASE_POOL_SIZE: 10,
      JWT_TTL_SECONDS: 3600,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.CORS_ORIGINS)).toBe(true);
  });

  it('refuses a pool of one connection: a job run holds one for its lock while its body needs another', () => {
    const error = configErrorOf(() => loadConfig(ServiceEnv, { ...validEnv, DATABASE_POOL_SIZE: '1' }));
    expect(error.message).toContain('DATABASE_POOL_SIZE: must be an integer 2-100');
    expect(loadConfig(ServiceEnv, { ...validEnv, DATABASE_POOL_SIZE: '2' }).DATABASE_POOL_SIZE).toBe(2);
  });

  it('names every missing and invalid variable at once, with those another reader found', () => {
    const { DATABASE_URL: _omitted, ...rest } = validEnv;
    const fromStorage = [
      { variable: 'S3_BUCKET', reason: 'required' },
      { variable: 'S3_FORCE_PATH_STYLE', reason: 'must be true or false' },
    ];
    const error = configErrorOf(() => loadConfig(ServiceEnv, { ...rest, PORT: '70000', JWT_SECRET: 'short' }, fromStorage));
    expect(error.message).toContain('Invalid configuration:');
    expect(error.message).toContain('DATABASE_URL: required');
    expect(error.message).toContain('S3_BUCKET: required');
    expect(error.message).toContain('PORT: must be an integer 1-65535');
    expect(error.message).toContain('JWT_SECRET: must be at least 32 characters');
    expect(error.message).toContain('S3_FORCE_PATH_STYLE: must be true or false');
    expect(error.problems).toHaveLength(5);
  });

  it('refuses numbers that are not plain decimal integers', () => {
    for (const PORT of ['1.5', '80abc', '0x50', '0']) {
      expect(configErrorOf(() => loadConfig(HttpEnv, { PORT })).message).toContain('PORT: must be an integer 1-65535');
    }
    expect(configErrorOf(() => loadConfig(HttpEnv, { PORT: '  ' })).message).toContain('PORT: required');
  });

  it('checks the shape of URLs and log levels', () => {
    const error = configErrorOf(() =>
      loadConfig(ServiceEnv, {
        ...validEnv,
        DATABASE_URL: 'postgres://localhost/db',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL']);
  });

  it('refuses a JWT secret that was ever published as a placeholder, naming the variable', () => {
    for (const JWT_SECRET of PUBLISHED_PLACEHOLDER_SECRETS) {
      const error = configErrorOf(() => loadConfig(ServiceEnv, { ...validEnv, JWT_SECRET, PORT: 'x' }));
      expect(error.problems).toEqual([
        { variable: 'PORT', reason: 'must be an integer 1-65535' },
        { variable: 'JWT_SECRET', reason: expect.stringContaining('placeholder') },
      ]);
    }
  });

  it('reads TRUST_PROXY as a hop count or proxy addresses; unset believes no proxy', () => {
    const trustOf = (TRUST_PROXY?: string) => trustProxyOption(loadConfig(HttpEnv, { PORT: '1', TRUST_PROXY }).TRUST_PROXY);
    expect(trustOf(undefined)).toBe(false);
    expect(trustOf('')).toBe(false);
    expect(trustOf('2')).toBe(2);
    expect(trustOf('10.0.0.0/8, 192.168.1.7,fd00::/8, loopback')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
    for (const TRUST_PROXY of ['true', '10.0.0.0/33', 'proxy.example.com', '1,2', '10.0.0.1/8/1', '99']) {
      const error = configErrorOf(() => loadConfig(HttpEnv, { PORT: '1', TRUST_PROXY }));
      expect(error.problems).toEqual([{ variable: 'TRUST_PROXY', reason: expect.any(String) }]);
    }
  });
});
