// The product export's streaming engine (exceljs WorkbookWriter fed row XML with backpressure), reused as is:
// every import of it from the orders folder goes through this file.
export { formatKstMinute } from '../products/export/columns.js';
export { ExportAborted, writeWorkbook, XLSX_CONTENT_TYPE } from '../products/export/workbook.js';
export type { ExportColumn } from '../products/export/columns.js';
