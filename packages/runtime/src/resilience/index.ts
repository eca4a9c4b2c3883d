export { BreakerRegistry, type BreakerListener, type BreakerOptions, type BreakerState } from './breakers.js';
export { DependencyUnavailableError, classifyFailure, type FailureKind } from './classify.js';
export { retryTransient, type RetryOptions } from './retry.js';
