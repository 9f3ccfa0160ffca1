// One session switch per trigger family on order_items: a session that sets one (`SET @skip_order_item_counts = 1`)
// writes items without that family's upkeep and must rebuild it before anyone reads (the bulk loader does).

export const ORDER_INDEX_SWITCHES = {
  /** order_item_counts; rebuildOrderItemCounts. */
  counts: '@skip_order_item_counts',
  /** order_item_name_tokens; rebuildOrderItemNameIndex (the bulk loader writes the postings itself). */
  nameIndex: '@skip_order_item_name_index',
} as const;
