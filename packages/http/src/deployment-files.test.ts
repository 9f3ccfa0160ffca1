import { readFileSync } from 'node:fs';
import { PUBLISHED_PLACEHOLDER_SECRETS } from './index.js';

// .env.example and docker-compose.yml are read by people and by compose, not by code: these checks keep them
// from shipping a usable secret or a listable bucket (issue 10, items 4 and 14).
const root = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

test('every JWT secret .env.example shows is a placeholder the services refuse to boot with', () => {
  const shown = [...read('.env.example').matchAll(/^JWT_SECRET=(\S+)/gm)].map((match) => match[1]);
  expect(shown.length).toBeGreaterThan(0);
  for (const secret of shown) expect(PUBLISHED_PLACEHOLDER_SECRETS).toContain(secret);
});

test('compose requires each service secret from the environment instead of shipping one', () => {
  const values = [...read('docker-compose.yml').matchAll(/JWT_SECRET: (.+)/g)].map((match) => match[1]);
  expect(values).toEqual([
    expect.stringMatching(/^"\$\{JWT_SECRET_SERVICE_API:\?[^}]+\}"$/),
    expect.stringMatching(/^"\$\{JWT_SECRET_BACKOFFICE_API:\?[^}]+\}"$/),
  ]);
});

test("compose's bucket policy lets anyone read an object but not list the bucket", () => {
  const compose = read('docker-compose.yml');
  expect(compose).not.toMatch(/mc anonymous set (download|public)/);
  const json = /'(\{"Version".+\})'/.exec(compose)?.[1];
  expect(json).toBeDefined();
  expect(JSON.parse(json!)).toEqual({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::brandi/*'] }],
  });
  expect(compose).toContain('mc anonymous set-json /tmp/anonymous-read.json local/brandi');
});

test('compose builds each API from the one root Dockerfile, naming its folder and the port it listens on', () => {
  const compose = read('docker-compose.yml');
  for (const service of ['service-api', 'backoffice-api']) {
    const block = new RegExp(`^  ${service}:\\n((?:    .*\\n)+)`, 'm').exec(compose)?.[1] ?? '';
    const args = /build: \{ context: \., args: \{ SERVICE: ([\w-]+), PORT: "(\d+)" \} \}/.exec(block);
    expect({ service, SERVICE: args?.[1], PORT: args?.[2] }).toEqual({
      service,
      SERVICE: service,
      PORT: /PORT: "(\d+)"\n/.exec(block)?.[1],
    });
    expect(JSON.parse(read(`services/${service}/package.json`)).scripts.start).toMatch(/^node .*dist\/server\.js$/);
  }
  expect(read('Dockerfile')).toContain('scripts.start');
});
