/** The 2D DCT-II of a square block of size n (row-major), unscaled: only coefficients' order matters here. */
export function dct2d(block: Float64Array, n: number): Float64Array {
  const cosines = new Float64Array(n * n);
  for (let k = 0; k < n; k += 1) for (let i = 0; i < n; i += 1) cosines[k * n + i] = Math.cos(((2 * i + 1) * k * Math.PI) / (2 * n));
  const rows = new Float64Array(n * n);
  for (let y = 0; y < n; y += 1)
    for (let k = 0; k < n; k += 1) {
      let sum = 0;
      for (let x = 0; x < n; x += 1) sum += block[y * n + x]! * cosines[k * n + x]!;
      rows[y * n + k] = sum;
    }
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k += 1)
    for (let l = 0; l < n; l += 1) {
      let sum = 0;
      for (let y = 0; y < n; y += 1) sum += rows[y * n + l]! * cosines[k * n + y]!;
      out[k * n + l] = sum;
    }
  return out;
}

/**
 * pHash's bits from a DCT of size `size`: one per coefficient of its `kept` × `kept` lowest
 * frequencies, set when above their median, as hex.
 */
export function lowFrequencyBits(coefficients: Float64Array, size: number, kept: number): string {
  const low: number[] = [];
  for (let y = 0; y < kept; y += 1) for (let x = 0; x < kept; x += 1) low.push(coefficients[y * size + x]!);
  // The DC term is the page's mean brightness: left out of the median, so light does not tilt every bit.
  const median = [...low.slice(1)].sort((a, b) => a - b)[(low.length - 1) >> 1]!;
  let hash = 0n;
  for (const value of low) hash = (hash << 1n) | (value > median ? 1n : 0n);
  return hash.toString(16).padStart((kept * kept) / 4, '0');
}
