import { describe, expect, it } from 'vitest';
import { evenLight } from '../src/illumination.js';
import { inset, paperBox } from '../src/paper-box.js';
import { estimateSkew } from '../src/skew.js';

/** A grey picture from a function of (x, y). */
function picture(width: number, height: number, grey: (x: number, y: number) => number): Uint8Array {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) pixels[y * width + x] = grey(x, y);
  return pixels;
}

describe("a page's geometry", () => {
  it('evens out light falling off across the picture', () => {
    // Light 100 on the left to 200 on the right (x = 0..99): a plane 100 + x·100/99. The table
    // reflects 0.6 of it, the paper 1.2: divided by the border's plane (the table's 0.6 × light),
    // the table reads 1 everywhere and the paper 1.2 / 0.6 = 2, left and right alike.
    const light = (x: number): number => 100 + (x * 100) / 99;
    const pixels = picture(100, 60, (x, y) => Math.round(light(x) * (x > 30 && x < 70 && y > 15 && y < 45 ? 1.2 : 0.6)));
    const even = evenLight(pixels, 100, 60);
    expect(even[10 * 100 + 5]).toBeCloseTo(1, 1);
    expect(even[10 * 100 + 95]).toBeCloseTo(1, 1);
    expect(even[30 * 100 + 35]).toBeCloseTo(2, 1);
    expect(even[30 * 100 + 65]).toBeCloseTo(2, 1);
  });

  it('finds the bright page on its table, and takes a scan whole', () => {
    // Paper (250) from x 20 to 79 and y 10 to 89 on a table of 80: 60 × 80 pixels.
    const photo = picture(100, 100, (x, y) => (x >= 20 && x < 80 && y >= 10 && y < 90 ? 250 : 80));
    expect(paperBox(photo, 100, 100, 160)).toEqual({ left: 20, top: 10, width: 60, height: 80 });
    const scan = picture(100, 100, (_, y) => (y % 10 === 0 ? 20 : 250));
    expect(paperBox(scan, 100, 100, 300)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
    // 10 % off each side of 60 × 80: 6 and 8 pixels.
    expect(inset({ left: 20, top: 10, width: 60, height: 80 }, 0.1)).toEqual({ left: 26, top: 18, width: 48, height: 64 });
  });

  it('measures how far printed lines lean', () => {
    // Lines of ink every 10 rows, leaning 3° (y rises by tan 3° ≈ 0.0524 per column).
    for (const degrees of [3, -3, 0]) {
      const slope = Math.tan((degrees * Math.PI) / 180);
      const page = picture(160, 160, (x, y) => (Math.abs(((y - (x - 80) * slope + 1000) % 10) - 5) < 1 ? 0 : 250));
      expect(estimateSkew(page, 160, 160, 250)).toBe(degrees);
    }
  });
});
