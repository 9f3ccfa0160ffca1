import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { inProcessPins, redisPins, type PrimaryPins } from './primary-pins.js';

const WINDOW_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clients: Redis[] = [];
const redis = (options: RedisOptions = {}) => {
  const client = new Redis({ host: '127.0.0.1', port: 6379, ...options });
  clients.push(client);
  return client;
};
afterAll(async () => {
  await Promise.all(
    clients.map((client) => (client.status === 'end' ? undefined : new Promise((resolve) => client.once('end', resolve).disconnect()))),
  );
});

// Redis is shared by concurrent test runs: each test's pins live under a key prefix of its own.
const makers: [string, () => PrimaryPins][] = [
  ['in process', () => inProcessPins(WINDOW_MS)],
  ['Redis', () => redisPins(redis(), WINDOW_MS, { keyPrefix: `test:pins:${randomUUID()}:` })],
];

describe.each(makers)('%s pins', (_name, makePins) => {
  test('a caller is pinned for the window after a pin, other callers are not', async () => {
    const pins = makePins();
    expect(await pins.isPinned('seller:1')).toBe(false);
    await pins.pin('seller:1');
    expect(await pins.isPinned('seller:1')).toBe(true);
    expect(await pins.isPinned('seller:2')).toBe(false);
    await sleep(WINDOW_MS + 50);
    expect(await pins.isPinned('seller:1')).toBe(false);
  });

  test('a new pin restarts the window', async () => {
    const pins = makePins();
    await pins.pin('shopper:7');
    await sleep(WINDOW_MS / 2 + 50);
    await pins.pin('shopper:7');
    await sleep(WINDOW_MS / 2 + 50);
    expect(await pins.isPinned('shopper:7')).toBe(true);
  });
});

test('Redis pins are seen by every instance (each with its own client)', async () => {
  const keyPrefix = `test:pins:${randomUUID()}:`;
  const [a, b] = [redisPins(redis(), WINDOW_MS, { keyPrefix }), redisPins(redis(), WINDOW_MS, { keyPrefix })];
  await a.pin('seller:3');
  expect(await b.isPinned('seller:3')).toBe(true);
});

test('with Redis not answering every caller counts as pinned (reads go to the primary) and a pin rejects, quickly', async () => {
  // A server that accepts and never answers: ioredis waits (and queues) until the pins' own timeout decides.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const pins = redisPins(redis({ port: (silent.address() as { port: number }).port }), WINDOW_MS, { timeoutMs: 100 });
    const started = Date.now();
    expect(await pins.isPinned('seller:1')).toBe(true);
    await expect(pins.pin('seller:1')).rejects.toThrow('Redis did not answer within 100 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
