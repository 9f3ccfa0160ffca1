import { generateJpeg } from '@brandi/demo';
import { sanitizeDetailHtml } from '../src/routes/products/upload/detail-html.js';
import { hasJpegMagic, readJpegSize } from '../src/routes/products/upload/jpeg.js';

const segment = (marker: number, payload: number[]) => [
  0xff,
  marker,
  ((payload.length + 2) >> 8) & 0xff,
  (payload.length + 2) & 0xff,
  ...payload,
];
const sof = (marker: number, width: number, height: number) =>
  segment(marker, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);

describe('readJpegSize', () => {
  test('reads a real baseline JPEG', () => {
    expect(readJpegSize(generateJpeg(641, 723, { r: 1, g: 2, b: 3 }))).toEqual({ width: 641, height: 723 });
  });

  test('walks APP, DQT and fill bytes to a progressive SOF2', () => {
    const bytes = Buffer.from([
      0xff,
      0xd8,
      ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]),
      ...segment(0xdb, Array(65).fill(1)),
      0xff,
      ...sof(0xc2, 1920, 1080),
      0xff,
      0xd9,
    ]);
    expect(readJpegSize(bytes)).toEqual({ width: 1920, height: 1080 });
  });

  test('skips DHT (C4), which shares the SOF range', () => {
    const bytes = Buffer.from([0xff, 0xd8, ...segment(0xc4, Array(20).fill(0)), ...sof(0xc0, 800, 900)]);
    expect(readJpegSize(bytes)).toEqual({ width: 800, height: 900 });
  });

  test.each([
    ['not a JPEG', Buffer.from('\x89PNG\r\n\x1a\n')],
    ['SOI only', Buffer.from([0xff, 0xd8, 0xff])],
    ['scan before any frame', Buffer.from([0xff, 0xd8, ...segment(0xda, [1, 2, 3])])],
    ['truncated frame header', Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x02])],
    ['zero width', Buffer.from([0xff, 0xd8, ...sof(0xc0, 0, 900)])],
    ['garbage between segments', Buffer.from([0xff, 0xd8, 0x00, 0x00, ...sof(0xc0, 800, 900)])],
  ])('%s → undefined', (_label, bytes) => {
    expect(readJpegSize(bytes)).toBeUndefined();
  });

  test('magic bytes are FF D8 FF', () => {
    expect(hasJpegMagic(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(hasJpegMagic(Buffer.from([0xff, 0xd8, 0x00]))).toBe(false);
  });
});

describe('sanitizeDetailHtml', () => {
  test.each([
    ['<p>ok <b>bold</b></p>', '<p>ok <b>bold</b></p>'],
    ['<script>alert(1)</script><p>x</p>', '<p>x</p>'],
    ['<img src="https://cdn.example.com/a.jpg" onerror="alert(1)" alt="a">', '<img src="https://cdn.example.com/a.jpg" alt="a" />'],
    ['<img src="javascript:alert(1)">', '<img />'],
    ['<a href="javascript:alert(1)" onclick="x()">l</a>', '<a>l</a>'],
    ['<a href="JaVaScRiPt:alert(1)">l</a>', '<a>l</a>'],
    ['<a href="https://example.com">l</a>', '<a href="https://example.com">l</a>'],
    ['<iframe src="https://evil"></iframe><style>p{}</style>', ''],
    ['<p style="background:url(javascript:x)">s</p>', '<p>s</p>'],
  ])('%s', async (input, output) => {
    expect(await sanitizeDetailHtml(input)).toEqual({ ok: true, html: output });
  });
});
