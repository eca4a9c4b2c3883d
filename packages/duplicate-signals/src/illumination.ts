/** The band around the picture taken as background: thinner than the margin a photo leaves around a page. */
const BORDER = 3;

/**
 * Light evened out: each pixel divided by a plane (a + b·x + c·y) fitted by least squares to the
 * picture's border. A phone photo is lit unevenly, so a page and its table are brighter on one
 * side; dividing by the light the border shows leaves the table near 1 everywhere and the paper,
 * much brighter than a table, well above it. A scan's border is its white margin: it stays flat.
 */
export function evenLight(pixels: Uint8Array, width: number, height: number): Float64Array {
  // Normal equations of the least-squares plane, over the border pixels.
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v = [0, 0, 0];
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      if (x >= BORDER && x < width - BORDER && y >= BORDER && y < height - BORDER) continue;
      const row = [1, x, y];
      const value = pixels[y * width + x]!;
      for (let i = 0; i < 3; i += 1) {
        v[i]! += row[i]! * value;
        for (let j = 0; j < 3; j += 1) m[i * 3 + j]! += row[i]! * row[j]!;
      }
    }
  const [a, b, c] = solve3(m, v);
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) out[y * width + x] = pixels[y * width + x]! / Math.max(1, a + b * x + c * y);
  return out;
}

/** Cramer's rule on a 3 × 3 system (row-major). */
function solve3(m: readonly number[], v: readonly number[]): [number, number, number] {
  const det = (q: readonly number[]): number =>
    q[0]! * (q[4]! * q[8]! - q[5]! * q[7]!) - q[1]! * (q[3]! * q[8]! - q[5]! * q[6]!) + q[2]! * (q[3]! * q[7]! - q[4]! * q[6]!);
  const d = det(m);
  const column = (k: number): number => det(m.map((value, index) => (index % 3 === k ? v[Math.floor(index / 3)]! : value)));
  return [column(0) / d, column(1) / d, column(2) / d];
}
