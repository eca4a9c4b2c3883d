/** The turns tried, in degrees: a hand-held phone is rarely more than a few degrees off. */
const MAX_SKEW = 6;
const STEP = 0.5;
/** Ink: darker than half the paper's brightness. */
const INK = 0.5;

/**
 * How many degrees the printed lines lean (positive: clockwise), by projection profiles: the
 * ink's rows are summed along each candidate angle, and the angle whose rows are sharpest (the
 * largest sum of squares: lines of ink and white gaps between them) is the page's.
 */
export function estimateSkew(values: Uint8Array, width: number, height: number, paperLevel: number): number {
  const ink: [number, number][] = [];
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) if (values[y * width + x]! < paperLevel * INK) ink.push([x - width / 2, y - height / 2]);
  let [best, bestScore] = [0, -1];
  const rows = new Float64Array(width + height * 2);
  for (let angle = -MAX_SKEW; angle <= MAX_SKEW; angle += STEP) {
    const [sin, cos] = [Math.sin((angle * Math.PI) / 180), Math.cos((angle * Math.PI) / 180)];
    rows.fill(0);
    for (const [x, y] of ink) rows[Math.round(y * cos - x * sin + height)]! += 1;
    const score = rows.reduce((sum, count) => sum + count * count, 0);
    if (score > bestScore) [best, bestScore] = [angle, score];
  }
  return best;
}
