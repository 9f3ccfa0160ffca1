import { createPoolOptions, effectivePrice, type Db } from '@brandi/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { createPool } from 'mysql2';
import { buildProductListQuery } from '../src/routes/products/products.repository.js';

const PLACEHOLDER_CATEGORY = 987654321;

/**
 * The floor to measure the service against: a bare Fastify handler (no validation, no schemas, no logger)
 * sending the exact SQL GET /products runs for `firstCategoryId=N&sort=newest&limit=60` through raw mysql2.
 */
export async function buildRawBaseline(db: Db, databaseUrl: string, poolSize: number, publicUrl: string): Promise<FastifyInstance> {
  const compiled = buildProductListQuery(db, {
    filter: { firstCategoryId: PLACEHOLDER_CATEGORY },
    sort: 'newest',
    limit: 60,
    now: new Date(),
  }).compile();
  const categoryIndex = compiled.parameters.indexOf(PLACEHOLDER_CATEGORY);
  const pool = createPool(createPoolOptions({ url: databaseUrl, poolSize })).promise();
  const app = Fastify();
  app.addHook('onClose', () => pool.end());
  app.get('/raw/products', async (request) => {
    const params = [...compiled.parameters];
    params[categoryIndex] = Number((request.query as { firstCategoryId: string }).firstCategoryId);
    const [rows] = (await pool.query(compiled.sql, params)) as unknown as [Array<Record<string, any>>];
    const now = new Date();
    const page = rows.slice(0, 60);
    return {
      items: page.map((row) => {
        const { discountRate, discountedPrice } = effectivePrice(row as never, now);
        return {
          id: row.id,
          name: row.name,
          imageUrl: row.main_image_key === null ? null : `${publicUrl}/${row.main_image_key}`,
          thumbnailUrl:
            (row.main_thumbnail_key ?? row.main_image_key) === null ? null : `${publicUrl}/${row.main_thumbnail_key ?? row.main_image_key}`,
          price: row.price,
          discountRate,
          discountedPrice,
          salesCount: row.sales_count,
          seller: { id: row.seller_id, name: row.seller_name },
        };
      }),
      nextCursor:
        rows.length > 60 ? Buffer.from(JSON.stringify(['newest', page[59].sort_key.getTime(), page[59].id])).toString('base64url') : null,
    };
  });
  return app;
}
