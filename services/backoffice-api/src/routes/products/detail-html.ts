import sanitizeHtml from 'sanitize-html';

// An allowlist: anything not named here (script, style, iframe, on* handlers, javascript: URLs) is dropped.
const OPTIONS: sanitizeHtml.IOptions = {
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
};

/** The product detail HTML as stored: sanitized against the allowlist above. */
export function sanitizeDetailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
