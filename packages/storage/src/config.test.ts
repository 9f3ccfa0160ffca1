import { readS3Config, StorageConfigError, storageConfigFromEnv } from './config.js';

const minimal = { S3_BUCKET: 'images', S3_PUBLIC_URL: 'http://localhost:4569/images' };

test('reads the S3 settings with the defaults every reader shares', () => {
  const { config, problems } = readS3Config({ ...minimal, S3_ENDPOINT: '  ', S3_FORCE_PATH_STYLE: 'TRUE' });
  expect(problems).toEqual([]);
  expect(config).toEqual({
    endpoint: undefined,
    region: 'ap-northeast-2',
    bucket: 'images',
    accessKeyId: undefined,
    secretAccessKey: undefined,
    forcePathStyle: true,
    publicUrl: 'http://localhost:4569/images',
  });
  expect(Object.isFrozen(config)).toBe(true);
  expect(readS3Config({ ...minimal, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: '0' }).config).toMatchObject({
    region: 'us-east-1',
    forcePathStyle: false,
  });
});

test('names every missing and invalid variable at once', () => {
  const { config, problems } = readS3Config({
    S3_ENDPOINT: 'ftp://s3.example.com',
    S3_ACCESS_KEY_ID: 'key-without-secret',
    S3_FORCE_PATH_STYLE: 'maybe',
    S3_PUBLIC_URL: 'http://cdn.example.com/',
  });
  expect(config).toBeUndefined();
  expect(problems).toEqual([
    { variable: 'S3_ENDPOINT', reason: 'must be an http(s) URL' },
    { variable: 'S3_BUCKET', reason: 'required' },
    { variable: 'S3_SECRET_ACCESS_KEY', reason: 'must be set together with its pair' },
    { variable: 'S3_FORCE_PATH_STYLE', reason: 'must be true or false' },
    { variable: 'S3_PUBLIC_URL', reason: 'must be an http(s) URL without a trailing slash' },
  ]);
});

test('storageConfigFromEnv throws the problems as lines for command-line tools', () => {
  expect(storageConfigFromEnv(minimal).bucket).toBe('images');
  const err = (() => {
    try {
      storageConfigFromEnv({ S3_BUCKET: 'b' });
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(StorageConfigError);
  expect((err as StorageConfigError).problems).toEqual(['S3_PUBLIC_URL: required']);
});
