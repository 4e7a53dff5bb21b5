// @tenantkit/worker: the Content Hub publisher (SCHEDULED items whose publishAt has passed
// become PUBLISHED, with an audit event each), as functions for `pnpm dev`, tests and benchmarks.
export { checkDatabase, WorkerDatabaseError } from './check-database.ts'
export { createLogger, type Logger } from './logger.ts'
export { type PublishBatchOptions, type PublishedItem, publishDueBatch } from './publish-due.ts'
export { type RunPublisherOptions, type RunSummary, runPublisher } from './run-publisher.ts'
export { readWorkerSettings, type WorkerSettings, WorkerSettingsError } from './settings.ts'
export {
  applicationName,
  MIGRATIONS_DIR,
  type RunningWorker,
  startWorker,
  workerConnectionUrl,
} from './worker.ts'
