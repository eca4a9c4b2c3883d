import type { Box } from './paper-box.js';

/** A box of `size` in the middle of a picture. */
export function centred(width: number, height: number, size: Box): Box {
  return {
    left: Math.floor((width - size.width) / 2),
    top: Math.floor((height - size.height) / 2),
    width: size.width,
    height: size.height,
  };
}

/** The pixels of a box, as a picture of their own. */
export function crop(values: Uint8Array, width: number, box: Box): Uint8Array {
  const out = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y += 1)
    out.set(values.subarray((box.top + y) * width + box.left, (box.top + y) * width + box.left + box.width), y * box.width);
  return out;
}

/** The value below which `share` of the pixels fall. */
export function percentile(values: Uint8Array, share: number): number {
  return [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * share)]!;
}
