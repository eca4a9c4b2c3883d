export interface NormaliseLimits {
  /** A page with more pixels is refused from its header, before any decoding (a 48 MP phone photo passes). */
  readonly maxInputPixels: number;
  /**
   * An HEVC-coded HEIF with more pixels is refused from its header: it is decoded in WebAssembly
   * (about 4 bytes a pixel, twice over), and phones' largest HEIC photos have 48 MP (8064 x 6048).
   */
  readonly maxHevcPixels: number;
  /** The same for all the pages of a multi-page TIFF together. */
  readonly maxTotalPixels: number;
  readonly maxPages: number;
  /** Below this, no receipt can be read. */
  readonly minShortSide: number;
  readonly minLongSide: number;
  /** The display and OCR copy keeps at most this many pixels and this long a side (a long till roll keeps its height). */
  readonly maxDisplayPixels: number;
  readonly maxDisplaySide: number;
  /** Thumbnails fit in squares of these sides. */
  readonly thumbnailSides: readonly number[];
  /** libvips gives up on one pipeline after this long. */
  readonly pipelineTimeoutSeconds: number;
  /** The HEVC decoding thread is stopped after this long. */
  readonly hevcTimeoutMs: number;
  /** The whole image, checked between pipelines: half the message's 30 s deadline, so a slow image is refused before the deadline. */
  readonly budgetMs: number;
}

export const DEFAULT_NORMALISE_LIMITS: NormaliseLimits = {
  maxInputPixels: 100_000_000,
  maxHevcPixels: 50_000_000,
  maxTotalPixels: 200_000_000,
  maxPages: 20,
  minShortSide: 300,
  minLongSide: 500,
  maxDisplayPixels: 8_000_000,
  maxDisplaySide: 4096,
  thumbnailSides: [200, 800],
  pipelineTimeoutSeconds: 10,
  hevcTimeoutMs: 10_000,
  budgetMs: 15_000,
};
