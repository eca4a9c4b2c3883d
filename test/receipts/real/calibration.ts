import { bareAmount } from './truth.js';

// How often a field is right at each level of the parser's confidence: a confidence means
// something when its band's share of right fields is about the band itself.

export interface ConfidenceBand {
  readonly name: string;
  /** Inclusive. */
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

/** Below 0.3 the parser gives no value (the field is unreadable); 0.9 and above, users may trust it unchecked. */
export const CONFIDENCE_BANDS: readonly ConfidenceBand[] = [
  { name: '0.3-0.6', from: 0.3, to: 0.6 },
  { name: '0.6-0.9', from: 0.6, to: 0.9 },
  { name: '>= 0.9', from: 0.9, to: Number.POSITIVE_INFINITY },
];

/** A field the parser gave, judged against the truth. */
export interface JudgedField {
  readonly confidence: number;
  readonly right: boolean;
}

/** "7/9 (77.8 %)" for each band, "-" for a band no field fell in. */
export function calibrationByBand(fields: readonly JudgedField[], bands: readonly ConfidenceBand[] = CONFIDENCE_BANDS): string[] {
  return bands.map((band) => {
    const inBand = fields.filter((field) => field.confidence >= band.from && field.confidence < band.to);
    const right = inBand.filter((field) => field.right).length;
    return inBand.length === 0 ? '-' : `${right}/${inBand.length} (${((100 * right) / inBand.length).toFixed(1)} %)`;
  });
}

/**
 * The parser's total judged against the truth's, or nothing to judge: a receipt whose truth has
 * no total (none printed) counts neither in the total's accuracy nor in its calibration.
 */
export function judgedTotal(printed: string, read: { value: string; confidence: number } | null | undefined): JudgedField | undefined {
  const truth = bareAmount(printed);
  if (truth === undefined || !read) return undefined;
  return { confidence: read.confidence, right: read.value === truth };
}
