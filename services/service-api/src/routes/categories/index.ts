import { createHash } from 'node:crypto';
import { catalogReads, ETAG_HEADER, errorResponses, NoQuery, withResponseHeaders } from '@brandi/http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { cacheFillDb } from '../../cache-source.js';
import { findCategoryTree } from './categories.repository.js';
import { CategoryHeaders, CategoryTree } from './schemas.js';

function etagOf(tree: CategoryTree): string {
  return `"${createHash('sha1').update(JSON.stringify(tree)).digest('base64url')}"`;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === '*' || candidate === etag;
  });
}

const CACHE_CONTROL = { description: 'public, max-age=60', schema: Type.String() };

export const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/categories',
    {
      config: { reads: 'replica' },
      schema: {
        operationId: 'listCategories',
        tags: ['categories'],
        summary: 'The full category tree (main → first → second), ordered by id; answers 304 to a matching If-None-Match',
        headers: CategoryHeaders,
        querystring: NoQuery,
        response: {
          200: withResponseHeaders(CategoryTree, { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL }),
          304: withResponseHeaders(Type.Null({ description: 'Not modified' }), { ETag: ETAG_HEADER, 'Cache-Control': CACHE_CONTROL }),
          ...errorResponses(400, 401, 500, 503),
        },
      },
    },
    async (request, reply) => {
      const tree = await app.cache.remember(catalogReads.categoryTree(), () => findCategoryTree(cacheFillDb(request)));
      const etag = etagOf(tree);
      // Categories change only with a migration; a minute of caching spares the tree queries.
      reply.header('etag', etag).header('cache-control', 'public, max-age=60');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return tree;
    },
  );
};
