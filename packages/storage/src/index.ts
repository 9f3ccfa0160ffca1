export {
  DEFAULT_S3_REGION,
  readS3Config,
  StorageConfigError,
  storageConfigFromEnv,
  type S3ConfigProblem,
  type S3ConfigResult,
} from './config.js';
export type { StorageDeps, StorageLogger } from './deps.js';
export { isStorageUnavailable, LedgerConflictError, StorageDeleteError, type DeleteFailure } from './errors.js';
export { ledgerDb, type LedgerTables, type StorageObjectState, type StorageObjectsTable } from './ledger-table.js';
export {
  claimForSweep,
  findKeysInState,
  forgetDeleted,
  markDeleted,
  markDoomed,
  markLive,
  recordDeleteFailure,
  recordPending,
  releaseClaims,
  type ClaimCriteria,
  type ClaimedObject,
} from './ledger.js';
export {
  createObjectStore,
  createS3Client,
  type ObjectStore,
  type ObjectStoreOptions,
  type StorageConfig,
} from './object-store.js';
export { sweep, type SweepOptions, type SweepResult } from './sweeper.js';
export { deleteAfterCommit, doom, withUploads, type UploadDeps, type UploadFile, type UploadOptions } from './uploads.js';
