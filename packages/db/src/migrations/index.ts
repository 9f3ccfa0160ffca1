import type { Migration, MigrationProvider } from 'kysely/migration';
import * as coreSchema from './20261125000100_core_schema.js';
import * as referenceData from './20261125000200_reference_data.js';
import * as shopperListIndexes from './20261125000300_shopper_list_indexes.js';
import * as backofficeBenchIndexes from './20261125000500_backoffice_bench_indexes.js';
import * as productCounts from './20261130000100_product_counts.js';
import * as productDiscounts from './20261130000200_product_discounts.js';
import * as productNameTokens from './20261130000300_product_name_tokens.js';
import * as tokenVersions from './20261201000100_token_versions.js';
import * as imageThumbnails from './20261201000200_image_thumbnails.js';
import * as productNameTokenPairs from './20261201000400_product_name_token_pairs.js';
import * as questionInbox from './20261201000500_question_inbox.js';
import * as productListPaths from './20261201000600_product_list_paths.js';
import * as questionNameTokens from './20261201000700_question_name_tokens.js';
import * as productTokenFacets from './20261201000800_product_token_facets.js';
import * as orderReferenceData from './20261202000100_order_reference_data.js';
import * as orders from './20261202000200_orders.js';
import * as orderItemCounts from './20261202000300_order_item_counts.js';
import * as reviews from './20261202000400_reviews.js';
import * as reviewRatingAsc from './20261202001000_review_rating_asc.js';
import * as orderItemNameIndexes from './20261202002000_order_item_name_indexes.js';
import * as productIndexSwitches from './20261202003000_product_index_switches.js';
import * as orderItemNameTokens from './20261203000100_order_item_name_tokens.js';

// Listed explicitly (not read from disk) so the same set runs from sources, from dist and under jest.
const MIGRATIONS: Record<string, Migration> = {
  '20261125000100_core_schema': coreSchema,
  '20261125000200_reference_data': referenceData,
  '20261125000300_shopper_list_indexes': shopperListIndexes,
  '20261125000500_backoffice_bench_indexes': backofficeBenchIndexes,
  '20261130000100_product_counts': productCounts,
  '20261130000200_product_discounts': productDiscounts,
  '20261130000300_product_name_tokens': productNameTokens,
  '20261201000100_token_versions': tokenVersions,
  '20261201000200_image_thumbnails': imageThumbnails,
  '20261201000400_product_name_token_pairs': productNameTokenPairs,
  '20261201000500_question_inbox': questionInbox,
  '20261201000600_product_list_paths': productListPaths,
  '20261201000700_question_name_tokens': questionNameTokens,
  '20261201000800_product_token_facets': productTokenFacets,
  '20261202000100_order_reference_data': orderReferenceData,
  '20261202000200_orders': orders,
  '20261202000300_order_item_counts': orderItemCounts,
  '20261202000400_reviews': reviews,
  '20261202001000_review_rating_asc': reviewRatingAsc,
  '20261202002000_order_item_name_indexes': orderItemNameIndexes,
  '20261202003000_product_index_switches': productIndexSwitches,
  '20261203000100_order_item_name_tokens': orderItemNameTokens,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
