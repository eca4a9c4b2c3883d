export type { EncodedImage, OutputFormat } from './encode.js';
export { readImageHeader, type ImageHeader } from './image-header.js';
export { DEFAULT_NORMALISE_LIMITS, type NormaliseLimits } from './normalise-limits.js';
export {
  normaliseImage,
  type Normalised,
  type NormalisedPage,
  type NormaliseOptions,
  type NormaliseRefused,
  type NormaliseResult,
} from './normalise.js';
export { normaliseRefusalMessage, type NormaliseRefusalCode, type UserMessage } from './refusals.js';
