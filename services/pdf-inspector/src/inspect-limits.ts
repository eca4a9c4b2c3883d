export interface InspectLimits {
  readonly maxPages: number;
  /** A page with fewer non-blank characters than this in its text layer has no usable text. */
  readonly minTextCharacters: number;
  /** Resolution of the images made for OCR. */
  readonly rasterDpi: number;
  /** A page whose raster would be larger is rendered at a lower resolution instead (a hostile MediaBox). */
  readonly maxRasterPixels: number;
  /** The whole inspection, in its worker thread; past it the worker is stopped. Well under the message's deadline (service.ts). */
  readonly timeoutMs: number;
  /** V8 heap of the worker thread; beyond it the worker dies, not the service. */
  readonly maxHeapMb: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = {
  maxPages: 20,
  minTextCharacters: 16,
  rasterDpi: 300,
  maxRasterPixels: 16_000_000,
  timeoutMs: 30_000,
  maxHeapMb: 512,
};
