export { holdOn, placeHold, readHolds, releaseHold, type HeldSubject, type Hold, type HoldScope } from './holds.js';
export {
  ERASURE_STATUSES,
  readErasure,
  readErasureItem,
  requestErasure,
  type ErasureItem,
  type ErasureReport,
  type ErasureRequest,
  type ErasureStatus,
} from './erasure-requests.js';
export { RETENTION_YEARS, expiryDecision, monthsDueBefore, retentionEndsAt, type ExpiryDecision, type ExpiryFacts } from './expiry.js';
export {
  nextDay,
  sealManifest,
  verifyChain,
  type ChainBreak,
  type ChainVerification,
  type DailyManifest,
  type SealedOriginal,
} from './manifest.js';
export { indexOriginal, listIndexedOriginals, type IndexPage, type OriginalIndexEntry, type OriginalIndexItem } from './original-index.js';
