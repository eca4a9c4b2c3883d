export { ThreadPool, type RunOptions, type ThreadOutcome, type ThreadPoolOptions } from './thread-pool.js';
export { serveJobs, type ServeOptions } from './serve-jobs.js';
