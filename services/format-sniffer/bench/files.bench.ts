// `pnpm bench files [--runs N]`: time and memory per file of the chain's file checks, against
// plain library calls measured in the same process: a 12-megapixel JPEG sniffed and normalised
// (baseline: a plain sharp resize), and 4-page PDFs sniffed and inspected (baseline: a plain
// pdf-lib load). Every input is made here, before anything is measured.
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { normaliseImage } from '@ndf/image-normalizer/lib';
import { PdfInspector, inspectPdfInProcess, DEFAULT_INSPECT_LIMITS } from '@ndf/pdf-inspector/lib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { bytesSource, sniffReceipt } from '../src/lib.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } }, allowPositionals: false });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: pnpm bench files [--runs N]');
  process.exit(2);
}

// A collection before each step, so that its memory is measured from a settled level.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Peak resident set size above the level when it started, sampled every 10 ms. */
class PeakRss {
  private readonly start = process.memoryUsage().rss;
  private peak = this.start;
  private readonly timer = setInterval(() => this.sample(), 10);

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak - this.start;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

interface Measure {
  readonly p50: number;
  readonly mean: number;
  readonly peakRss: number;
}

async function measure(step: () => Promise<unknown>): Promise<Measure> {
  await step();
  collectGarbage();
  const times: number[] = [];
  const rss = new PeakRss();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await step();
    times.push(performance.now() - started);
  }
  const peakRss = rss.stop();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor((times.length - 1) / 2)]!, mean: times.reduce((sum, time) => sum + time, 0) / times.length, peakRss };
}

async function photo12Mp(): Promise<Buffer> {
  const [width, height] = [4000, 3000];
  const noisy = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 170, sigma: 25 } } }).png().toBuffer();
  const lines = Array.from({ length: 40 }, (_, line) => `<text x="600" y="${300 + line * 60}" font-size="44" font-family="sans-serif">LIGNE ${line + 1} ........ ${(line * 3.7).toFixed(2)} EUR</text>`).join('');
  const text = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${lines}</svg>`);
  return sharp(noisy).composite([{ input: text }]).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toBuffer();
}

/** An A4 page scanned at 150 dpi: grey paper grain and lines of text. */
async function scannedPage(): Promise<Buffer> {
  const [width, height] = [1240, 1754];
  const paper = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 235, sigma: 8 } } }).png().toBuffer();
  const lines = Array.from({ length: 50 }, (_, line) => `<text x="100" y="${120 + line * 30}" font-size="20" font-family="sans-serif">Ligne ${line + 1} ........ ${(line * 3.7).toFixed(2)} EUR</text>`).join('');
  return sharp(paper).composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${lines}</svg>`) }]).jpeg({ quality: 80 }).toBuffer();
}

async function invoicePdf(pages: number, scanned: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const scan = scanned ? await pdf.embedJpg(await scannedPage()) : undefined;
  for (let number = 1; number <= pages; number++) {
    const page = pdf.addPage([595, 842]);
    if (scan) page.drawImage(scan, { x: 0, y: 0, width: 595, height: 842 });
    else for (let line = 0; line < 40; line++) page.drawText(`Ligne ${line + 1} de la page ${number} ........ ${(line * 3.7).toFixed(2)} EUR`, { x: 50, y: 800 - line * 18, size: 10, font });
  }
  return pdf.save();
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const rows: string[][] = [];
async function row(file: string, step: string, run: () => Promise<unknown>, baseline?: Measure): Promise<Measure> {
  console.log(`measuring ${file}: ${step}...`);
  const result = await measure(run);
  rows.push([file, step, result.p50.toFixed(1), result.mean.toFixed(1), `+${mb(result.peakRss)}`, baseline ? `x${(result.p50 / baseline.p50).toFixed(2)}` : 'baseline']);
  return result;
}

console.log(`making the inputs (${runs} runs per step, after one warm-up run)...`);
const jpeg = await photo12Mp();
const digital = await invoicePdf(4, false);
const scanned = await invoicePdf(4, true);
const inspector = new PdfInspector({ workers: 1 });
await inspector.warmUp();
const settings = { limits: DEFAULT_INSPECT_LIMITS, rasterise: 'scanned' as const, rasterFormat: 'png' as const };

const jpegName = `12 MP JPEG, ${mb(jpeg.length)}`;
const resize = await row(jpegName, 'plain sharp resize to 800 px', () => sharp(jpeg).resize(800).jpeg().toBuffer());
const normalised = await normaliseImage(jpeg);
const displayWidth = normalised.outcome === 'normalised' ? normalised.pages[0]!.display.width : 800;
await row(jpegName, `plain sharp upright + resize to ${displayWidth} px`, () => sharp(jpeg).autoOrient().resize(displayWidth).jpeg().toBuffer(), resize);
const sniffed = await sniffReceipt(bytesSource(jpeg));
await row(jpegName, `sniff (reads ${(sniffed.bytesRead / 1024).toFixed(0)} KB)`, () => sniffReceipt(bytesSource(jpeg)), resize);
await row(jpegName, 'normalise (display + 200/800 px)', () => normaliseImage(jpeg), resize);
await row(jpegName, 'sniff + normalise', async () => (await sniffReceipt(bytesSource(jpeg))).outcome === 'accepted' && normaliseImage(jpeg), resize);

for (const [label, pdf] of [[`4-page digital PDF, ${mb(digital.length)}`, digital], [`4-page scanned PDF, ${mb(scanned.length)}`, scanned]] as const) {
  const load = await row(label, 'plain pdf-lib load', () => PDFDocument.load(pdf), undefined);
  await row(label, 'sniff', () => sniffReceipt(bytesSource(pdf)), load);
  await row(label, 'inspect in process', () => inspectPdfInProcess(pdf, settings), load);
  await row(label, 'sniff + inspect (warm worker)', async () => (await sniffReceipt(bytesSource(pdf))).outcome === 'accepted' && inspector.inspect(pdf), load);
  if (pdf === scanned) await row(label, 'sniff + inspect, JPEG rasters', async () => (await sniffReceipt(bytesSource(pdf))).outcome === 'accepted' && inspector.inspect(pdf, { rasterFormat: 'jpeg' }), load);
}
await inspector.close();

const header = ['file', 'step', 'p50 ms', 'mean ms', 'peak RSS', 'p50 vs baseline'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
console.log(`\n${line(header)}\n| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |\n${rows.map(line).join('\n')}`);
console.log('\npeak RSS: the highest resident set size during the timed runs, above the level after a collection that follows one warm-up run (worker threads included).');
