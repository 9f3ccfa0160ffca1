// @ts-check
// Sanitizes product detail HTML off the event loop (see detail-html.ts, which owns the pool and the limits).
// Plain JavaScript so that a worker thread can load it as it is, from the sources (tests, `pnpm dev`) or dist.
import { parentPort, workerData } from 'node:worker_threads';
import sanitizeHtml from 'sanitize-html';

/** @type {{ maxDepth: number, maxLength: number }} */
const { maxDepth, maxLength } = workerData;

class TooDeep extends Error {}

/** A link that opens a new window gets no handle on this page (`window.opener`) and sends no referrer. */
/** @type {sanitizeHtml.Transformer} */
function safeLink(tagName, attribs) {
  const { target, ...rest } = attribs;
  if (target === undefined) return { tagName, attribs };
  // _top and _parent would navigate the page that shows the product, a named target keeps an opener: dropped.
  if (target.toLowerCase() !== '_blank') return { tagName, attribs: rest };
  const rel = new Set((rest.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  rel.add('noopener').add('noreferrer');
  return { tagName, attribs: { ...rest, target: '_blank', rel: [...rel].join(' ') } };
}

/** @returns {sanitizeHtml.IOptions} */
function options() {
  let depth = 0;
  return {
    // An allowlist: anything not named here (script, style, iframe, on* handlers, javascript: URLs) is dropped.
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: safeLink },
    // sanitize-html's work per element grows with its depth (each closing element copies its text into its
    // parent), so unbounded nesting is quadratic: the parse stops at the first element deeper than maxDepth.
    // These hooks see htmlparser2's own open-element stack, implied closes included.
    onOpenTag: () => {
      if (++depth > maxDepth) throw new TooDeep();
    },
    onCloseTag: () => {
      depth--;
    },
  };
}

parentPort?.on('message', (/** @type {string} */ html) => {
  try {
    const sanitized = sanitizeHtml(html, options());
    // An over-long result is not sent back: copying it would only cost the event loop.
    parentPort?.postMessage(sanitized.length > maxLength ? { tooLong: true } : { html: sanitized });
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
    parentPort?.postMessage({ tooDeep: true });
  }
});
