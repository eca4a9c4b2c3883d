// The error classes live in the core, so that every failure classification (here, the ingest
// path's, the stream router's) knows them.
export { PermanentError, TransientError } from '@ndf/core';
