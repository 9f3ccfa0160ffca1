import { createProduct, createQuestion, createSeller, createShopper } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { bearer, startBothServices, type BothServices } from './harness.js';

let both: BothServices;
let owner: number;
let product: number;
const q: Record<string, number> = {};
const ASKER_LOGIN = 'alice_secret';

beforeAll(async () => {
  both = await startBothServices({ now: () => new Date('2026-06-01T00:00:00.000Z') });
  owner = await createSeller(both.db, { nameKo: '주인셀러' });
  product = await createProduct(both.db, owner, { name: '린넨 셔츠' });
  const asker = await createShopper(both.db, ASKER_LOGIN);
  q.open = await createQuestion(both.db, {
    productId: product,
    shopperId: asker,
    content: 'size?',
    createdAt: new Date('2026-05-09T00:00:00.000Z'),
  });
  q.private = await createQuestion(both.db, {
    productId: product,
    shopperId: asker,
    isPrivate: true,
    content: 'my address is secret',
    createdAt: new Date('2026-05-10T00:00:00.000Z'),
  });
});
afterAll(() => both.close());

const answer = async (questionId: number, content: string) => {
  const res = await both.backoffice.inject({
    method: 'PUT',
    url: `/questions/${questionId}/answer`,
    payload: { content },
    headers: await bearer(both.backoffice, { sub: String(owner), role: 'seller' }),
  });
  expect(res.statusCode).toBe(200);
};

test('a back-office answer shows at once on the shopper API, masked for a private question', async () => {
  await answer(q.open, 'free size');
  await answer(q.private, '배송지는 비공개로 처리했습니다');
  const res = await both.shopper.inject({ method: 'GET', url: `/products/${product}/questions` });
  expect(res.statusCode).toBe(200);
  const items = res.json().items as { id: number; content: string | null; author: string; answer: { content: string | null } | null }[];
  expect(items.find((item) => item.id === q.open)).toMatchObject({
    content: 'size?',
    author: 'ali***',
    answer: { content: 'free size', sellerName: '주인셀러' },
  });
  expect(items.find((item) => item.id === q.private)).toMatchObject({ content: null, answer: { content: null } });
  expect(res.body).not.toContain('비공개');
  expect(res.body).not.toContain(ASKER_LOGIN);
});

test("each service refuses the other's tokens (same secret, other audience)", async () => {
  const shopper = { sub: String(await createShopper(both.db)), role: 'shopper', tv: 0 };
  const seller = { sub: String(owner), role: 'seller', tv: 0 };
  const meAtShopperApi = async (signer: HttpApp) =>
    (await both.shopper.inject({ method: 'GET', url: '/me/questions', headers: await bearer(signer, shopper) })).statusCode;
  const meAtBackoffice = async (signer: HttpApp) =>
    (await both.backoffice.inject({ method: 'GET', url: '/auth/me', headers: await bearer(signer, seller) })).statusCode;
  expect(await meAtShopperApi(both.backoffice)).toBe(401);
  expect(await meAtBackoffice(both.shopper)).toBe(401);
  // The same claims signed by the service itself are accepted, so the refusals above are the audience's doing.
  expect(await meAtShopperApi(both.shopper)).toBe(200);
  expect(await meAtBackoffice(both.backoffice)).toBe(200);
});
