import { Writable } from 'node:stream';
import { writeWorkbook } from '../src/routes/products/export-workbook.js';
import { EXPORT_COLUMNS, toExportCells, type ExportRow } from '../src/routes/products/export-columns.js';
const now = new Date();
const rows: ExportRow[] = Array.from({ length: 500 }, (_, i) => ({ id: 900000 + i, code: 'B00000012345', name: '루즈핏 캐시미어 블렌드 가디건 ' + i, created_at: new Date(now.getTime() - i * 1e6), main_image_key: 'bench/shared-1.jpg', attribute_name: '쇼핑몰', seller_name: '벤치셀러123', price: 123400, discount_rate: i % 3 ? 0 : 10, discount_starts_at: null, discount_ends_at: null, is_on_sale: true, is_displayed: true }));
async function* batches() { for (let b = 0; b < 200; b++) yield rows; }
let bytes = 0;
const sink = new Writable({ write(chunk, _e, cb) { bytes += chunk.length; cb(); } });
const t = performance.now(); const cpu = process.cpuUsage();
const n = await writeWorkbook(sink, '상품', EXPORT_COLUMNS, batches(), (r) => toExportCells(r, now, (k) => 'http://127.0.0.1:4569/brandi/' + k));
const c = process.cpuUsage(cpu);
console.log(n, bytes, Math.round(performance.now() - t), 'ms wall', Math.round((c.user + c.system) / 1000), 'ms cpu');
