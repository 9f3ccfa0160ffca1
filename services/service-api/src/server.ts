import { runService } from '@brandi/http';
import { serviceApi } from './app.js';
import { startPriceRefresher } from './price-refresher.js';

await runService(serviceApi, { background: ({ db, app }) => startPriceRefresher(db, app.log, 60_000) });
