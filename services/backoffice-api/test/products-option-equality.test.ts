import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { buildApp } from '../src/app.js';
import { startTestApp, type TestContext } from './harness.js';
import { createStoredProduct, productJson, productTableCounts } from './products.fixtures.js';
import { expectValidationFailed, patchProduct, postProduct } from './products-input.fixtures.js';
import { bearerFor, createSeller } from './sellers.fixtures.js';

// Option lines (color, size) are unique as the database compares them (utf8mb4_unicode_ci), not as JavaScript does.

type Injector = Parameters<typeof postProduct>[0];
let ctx: TestContext;
let seller: number;
let auth: Record<string, string>;
beforeAll(async () => {
  ctx = await startTestApp();
  seller = await createSeller(ctx.db, { attributeId: 1 });
  auth = await bearerFor(ctx.app, seller);
});
afterAll(() => ctx.close());

const post = (product: Record<string, unknown>, app: Injector = ctx.app) => postProduct(app, auth, product);
const patch = (id: number, product: Record<string, unknown>) => patchProduct(ctx, auth, id, product);

describe('options the database holds as equal (item 9: 500 on red / ｒｅｄ)', () => {
  test.each([
    ['full-width', { color: 'ｒｅｄ', size: 'M' }],
    ['case', { color: 'RED', size: 'm' }],
    ['accents', { color: 'réd', size: 'M' }],
    ['full-width size', { color: 'red', size: 'Ｍ' }],
  ])('registration: %s is 400 naming the line', async (_what, repeat) => {
    const counts = await productTableCounts(ctx.db);
    const res = await post(
      productJson({
        options: [
          { color: 'red', size: 'M', stock: 1 },
          { color: 'red', size: 'L', stock: 1 },
          { ...repeat, stock: 2 },
        ],
      }),
    );
    expect(expectValidationFailed(res, 'product.options.2')).toContain('options.0');
    expect(await productTableCounts(ctx.db)).toEqual(counts);
  });

  test('PATCH: black / blàck is 400 naming the line; nothing changes', async () => {
    const id = await createStoredProduct(ctx, seller, { options: [{ color: 'black', size: 'M', stock: 5 }] });
    const options = await ctx.db.selectFrom('product_options').select(['color', 'size']).where('product_id', '=', id).execute();
    const res = await patch(id, {
      options: [
        { color: 'white', size: 'M', stock: 1 },
        { color: 'black', size: 'M', stock: 1 },
        { color: 'blàck', size: 'M', stock: 1 },
      ],
    });
    expect(expectValidationFailed(res, 'product.options.2')).toContain('options.1');
    expect(await ctx.db.selectFrom('product_options').select(['color', 'size']).where('product_id', '=', id).execute()).toEqual(options);
  });

  test('options that only look alike to JavaScript but differ to the database are accepted', async () => {
    const res = await post(
      productJson({
        options: [
          { color: 'red', size: 'M', stock: 1 },
          { color: 'red', size: 'L', stock: 1 },
          { color: '레드', size: 'M', stock: 1 },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
  });

  test('a duplicate key that still reaches the insert is 409, never 500', async () => {
    const blind = await buildApp({ config: ctx.config, db: ctx.db.withPlugin(blindDuplicateOptionCheck()), store: ctx.s3.store });
    try {
      const counts = await productTableCounts(ctx.db);
      const res = await post(
        productJson({
          options: [
            { color: 'red', size: 'M', stock: 1 },
            { color: 'ｒｅｄ', size: 'M', stock: 1 },
          ],
        }),
        blind,
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'product.options' }] });
      expect(await productTableCounts(ctx.db)).toEqual(counts);
    } finally {
      await blind.close();
    }
  });
});

/** Makes the duplicate-option query find nothing, so the duplicate reaches the unique key (fault injection). */
function blindDuplicateOptionCheck(): KyselyPlugin {
  const blinded = new WeakSet<QueryId>();
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (args.node.kind === 'RawNode' && args.node.sqlFragments.some((fragment) => fragment.includes('option_lines')))
        blinded.add(args.queryId);
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return blinded.has(args.queryId) ? { ...args.result, rows: [] } : args.result;
    },
  };
}
