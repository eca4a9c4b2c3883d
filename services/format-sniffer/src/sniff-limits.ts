export interface SniffLimits {
  /** Larger files are refused without reading a byte. */
  readonly maxBytes: number;
  /** How much of the start is read: enough for every signature and for browsers' content sniffing. */
  readonly headBytes: number;
  /** How much of the end is read: a ZIP directory hides in the last 65,557 bytes, end markers sit there too. */
  readonly tailBytes: number;
}

export const DEFAULT_SNIFF_LIMITS: SniffLimits = {
  maxBytes: 20 * 1024 * 1024,
  headBytes: 64 * 1024,
  tailBytes: 64 * 1024 + 1024,
};
