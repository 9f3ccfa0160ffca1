export { failingDeletes, failingPuts, injectS3Fault, type Fault, type FaultOptions } from './faults.js';
export { captureLogger, readLedger, type CapturedLog, type LedgerRow } from './ledger.js';
export { startLocalS3, startTestS3, type RunningS3 } from './s3-server.js';
