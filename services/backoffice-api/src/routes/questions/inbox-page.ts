import { nameTokensContaining, nameWords } from '../products/sql/filter-predicates.js';
import { phraseLead } from '../products/sql/word-routes.js';
import {
  buildQuestionCountsQuery,
  buildTokenInboxCountQuery,
  buildTokenInboxIdsQuery,
  countInboxQuestions,
  type Executor,
  findInboxPage,
  findInboxRows,
  type InboxFilter,
  type InboxRow,
  type Window,
} from './inbox.repository.js';
import {
  buildPhraseInboxCountQuery,
  buildPhraseInboxIdsQuery,
  buildPhrasePostingsIdsQuery,
  phraseOthers,
  phraseProducts,
} from './inbox-phrase.repository.js';
import { deletedWithWords, phraseByLists } from './inbox-phrase-lists.repository.js';

// Which statements answer a page of the inbox and its total: the plain filters, a one-word product-name search
// (question postings), or a phrase (id lists while the products are few, joined statements past that).

/**
 * Whether a product-name search is one word (no whitespace, nor a character the names' collation equates with
 * a space): it can then only occur inside one token of the name, and the name-token postings answer it.
 */
const isOneWord = (name: string | undefined): name is string => name !== undefined && !/\s/.test(name);

/** Whether question_counts says no live question at all has the answered/type/day filters (so nothing matches). */
async function noneCounted(db: Executor, filter: InboxFilter): Promise<boolean> {
  if (filter.answered === undefined && filter.typeId === undefined && filter.from === undefined && filter.to === undefined) return false;
  const row = await buildQuestionCountsQuery(db, filter).executeTakeFirstOrThrow();
  return Number(row.total ?? 0) === 0;
}

/** A page of the inbox and its exact total. */
export async function findInboxListPage(db: Executor, filter: InboxFilter, window: Window): Promise<{ rows: InboxRow[]; total: number }> {
  const { productName } = filter;
  // A product name of spaces only is left out (as a name search of spaces only filters nothing in the product list).
  if (productName !== undefined && nameWords(productName).length === 0) filter = { ...filter, productName: undefined };
  else if (productName !== undefined && (await noneCounted(db, filter))) {
    // No question at all has the other filters (an absent type, a day to come): no name needs looking up.
    return { rows: [], total: 0 };
  } else if (filter.sellerId === undefined && productName !== undefined) {
    if (isOneWord(productName)) {
      // Every question of a product whose name has a token containing the word, deleted products included.
      const tokens = (await nameTokensContaining(db, productName).execute()).map((t) => t.token);
      if (tokens.length === 0) return { rows: [], total: 0 };
      const [rows, count] = await Promise.all([
        findInboxRows(db, buildTokenInboxIdsQuery(db, tokens, filter, window)),
        buildTokenInboxCountQuery(db, tokens, filter).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.total) };
    }
    const words = nameWords(productName);
    const [lead, deleted] = await Promise.all([phraseLead(db, productName), deletedWithWords(db, productName, words)]);
    if (deleted !== undefined) {
      const listed = await phraseByLists(db, lead, deleted, words, filter, window);
      if (listed !== undefined) return listed;
    }
    // Past PHRASE_LISTS, the joined statements. Most of the lead word's names hold the phrase (as a sample of
    // its facet rows says): pages are read in order off its question postings, and the total is the word's
    // postings minus the questions of the products without the phrase. Otherwise the phrase's products are few
    // next to the word's: their questions.
    const mostly = lead !== undefined && lead.holding * 2 > lead.sampled;
    if (mostly) {
      const [rows, all, others] = await Promise.all([
        findInboxRows(db, buildPhrasePostingsIdsQuery(lead, productName, filter, window)),
        buildTokenInboxCountQuery(db, lead.tokens, filter).executeTakeFirstOrThrow(),
        buildPhraseInboxCountQuery(phraseOthers(lead, productName), filter).execute(db),
      ]);
      return { rows, total: Number(all.total) - Number(others.rows[0]?.total ?? 0) };
    }
    const products = phraseProducts(lead, productName);
    const [rows, count] = await Promise.all([
      findInboxRows(db, buildPhraseInboxIdsQuery(products, filter, window)),
      buildPhraseInboxCountQuery(products, filter).execute(db),
    ]);
    return { rows, total: Number(count.rows[0]?.total ?? 0) };
  }
  const [rows, total] = await Promise.all([findInboxPage(db, filter, window), countInboxQuestions(db, filter)]);
  return { rows, total };
}
