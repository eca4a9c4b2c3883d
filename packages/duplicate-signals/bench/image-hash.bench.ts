// `npm run bench -- image-hash [--receipts N]`: the perceptual hash's Hamming distances on the
// synthetic receipts: the same receipt as a scan and as a phone photo, the scan re-encoded,
// halved, brightened and turned 3°, and every pair of different receipts. Prints the
// distributions and, per threshold, how many same-receipt pairs it catches and how many
// different-receipt pairs it would flag: the figures IMAGE_DISTANCE_THRESHOLD was chosen by.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateFixture } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { hammingDistance, IMAGE_DISTANCE_THRESHOLD, receiptImageHash } from '../src/index.js';

const { values } = parseArgs({ options: { receipts: { type: 'string', default: '40' } } });
const receipts = Number(values.receipts);
if (!Number.isInteger(receipts) || receipts < 2 || receipts > 200) {
  console.error('usage: npm run bench -- image-hash [--receipts N (2 to 200)]');
  process.exit(2);
}
const SEED = 1;

const variants: Record<string, (bytes: Buffer) => Promise<Buffer>> = {
  'jpeg q60': (bytes) => sharp(bytes).jpeg({ quality: 60 }).toBuffer(),
  'half size': async (bytes) =>
    sharp(bytes)
      .resize({ width: Math.round((await sharp(bytes).metadata()).width / 2) })
      .png()
      .toBuffer(),
  'brighter (0.85x + 20)': (bytes) => sharp(bytes).linear(0.85, 20).png().toBuffer(),
  'turned +3°': (bytes) => sharp(bytes).rotate(3, { background: '#ffffff' }).png().toBuffer(),
  'turned -3°': (bytes) => sharp(bytes).rotate(-3, { background: '#ffffff' }).png().toBuffer(),
};

const scans: string[] = [];
const photos: string[] = [];
const same: Record<string, number[]> = { 'photo (JPEG, ±5°, light, noise, blur, EXIF)': [] };
for (const name of Object.keys(variants)) same[name] = [];
const started = performance.now();
for (let index = 0; index < receipts; index += 1) {
  const scan = await readFile((await generateFixture(SEED, index, 'png')).path);
  scans.push(await receiptImageHash(scan));
  photos.push(await receiptImageHash(await readFile((await generateFixture(SEED, index, 'photo')).path)));
  same['photo (JPEG, ±5°, light, noise, blur, EXIF)']!.push(hammingDistance(scans[index]!, photos[index]!));
  for (const [name, variant] of Object.entries(variants))
    same[name]!.push(hammingDistance(scans[index]!, await receiptImageHash(await variant(scan))));
}
const elapsed = performance.now() - started;
const different: number[] = [];
for (let i = 0; i < receipts; i += 1)
  for (let j = 0; j < receipts; j += 1) {
    if (i === j) continue;
    different.push(hammingDistance(scans[i]!, photos[j]!));
    if (i < j) different.push(hammingDistance(scans[i]!, scans[j]!), hammingDistance(photos[i]!, photos[j]!));
  }

const sorted = (list: readonly number[]): number[] => [...list].sort((a, b) => a - b);
const at = (list: readonly number[], share: number): number => sorted(list)[Math.floor((list.length - 1) * share)]!;
const summary = (list: readonly number[]): string =>
  `min ${at(list, 0)}  median ${at(list, 0.5)}  p90 ${at(list, 0.9)}  max ${at(list, 1)}`;

console.log(
  `${receipts} receipts (seed ${SEED}), ${receipts * (2 + Object.keys(variants).length)} hashes in ${(elapsed / 1000).toFixed(1)} s (fixtures made on first use included)\n`,
);
console.log('same receipt, Hamming distance to its scan (of 64 bits):');
for (const [name, list] of Object.entries(same)) console.log(`  ${name.padEnd(46)} ${summary(list)}`);
console.log(`different receipts (${different.length} pairs: scan/scan, photo/photo, scan/photo):`);
console.log(`  ${''.padEnd(46)} ${summary(different)}  p1 ${at(different, 0.01)}\n`);
console.log('threshold  photos caught  scan variants caught  different pairs flagged');
const variantDistances = Object.keys(variants).flatMap((name) => same[name]!);
for (let threshold = 4; threshold <= 16; threshold += 2) {
  const count = (list: readonly number[]): number => list.filter((distance) => distance <= threshold).length;
  const photo = same['photo (JPEG, ±5°, light, noise, blur, EXIF)']!;
  const mark = threshold === IMAGE_DISTANCE_THRESHOLD ? '  ← IMAGE_DISTANCE_THRESHOLD' : '';
  console.log(
    `  ≤ ${String(threshold).padStart(2)}     ${`${count(photo)}/${photo.length}`.padStart(9)}      ${`${count(variantDistances)}/${variantDistances.length}`.padStart(9)}            ${`${count(different)}/${different.length}`.padStart(9)}${mark}`,
  );
}
