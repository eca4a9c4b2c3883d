// `pnpm bench receipts --real <folder> [--engines tesseract,paddle[+deskew][+crop][+contrast][+clahe][+upscale][+mp<N>][+reread],paddle-default,paddle-prepared] [--limit N] [--threads T] [--save <folder>] [--pages <folder>] [--today yyyy-mm-dd] [--as-uploaded]`:
// OCR engines compared on a folder of real receipts with a truth.json ([{ id, file, merchant, date, total }],
// fields as printed). `paddle+step+...` is PaddleOCR with exactly those preparation steps (`mp<N>`: its
// pixel cap in megapixels; `reread`: its total lines without an amount read again), `paddle-default`
// with the engine's default steps. For each engine: how often its text holds the total, the date and the merchant;
// its time per receipt and memory; what the receipt parser reads from its text, the amounts it took
// instead of the total, and how often fields it is sure of (confidence >= 0.9) are right. `--save`
// keeps each engine's pages (text, words, boxes); `--pages` reads them back instead of running the
// engines, to measure a change of the parser in seconds (its times are then the saved run's); with it,
// `A>B` names two saved engines' fields merged (combinedRun). `--as-uploaded` gives each engine the image
// normaliser's copy of each receipt, what the OCR service reads once it is uploaded, instead of the file.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { PADDLE_STEPS, createOcrEngine, createPaddleOcrEngine, type OcrEngine, type OcrPage, type PaddleStep } from '@ndf/ocr/engine';
import { parseReceipt, type ReceiptFields } from '@ndf/receipt-parser/parser';
import { percentile } from './ocr-throughput.js';
import { table } from './table.js';
import {
  bareAmount,
  holdsAmount,
  holdsDate,
  holdsNameUnspaced,
  judgeFields,
  printedDateToIso,
  readTruth,
  tokenOverlap,
  type RealReceipt,
} from './real/truth.js';
import { asUploaded } from './real/as-uploaded.js';
import { CONFIDENCE_BANDS, calibrationByBand, judgedTotal, type JudgedField } from './real/calibration.js';
import { WRONG_TOTAL_KINDS, wrongTotalKind, type WrongTotalKind } from './real/wrong-total.js';

const usage =
  'usage: pnpm bench receipts --real <folder> [--engines tesseract,paddle[+deskew][+crop][+contrast][+clahe][+upscale][+mp<N>][+reread],paddle-default,paddle-prepared] [--limit N] [--threads T] [--save <folder>] [--pages <folder> (then also A>B, A>>B: the fields of two saved engines merged)] [--today yyyy-mm-dd] [--as-uploaded]';
const parsed = (() => {
  try {
    return parseArgs({
      options: {
        real: { type: 'string' },
        engines: { type: 'string', default: 'tesseract,paddle,paddle-prepared' },
        limit: { type: 'string' },
        threads: { type: 'string', default: '1' },
        save: { type: 'string' },
        pages: { type: 'string' },
        // The day the receipts count as uploaded on: the parser judges their dates from it (default: now).
        today: { type: 'string' },
        'as-uploaded': { type: 'boolean', default: false },
        // Internal: run one engine and write its run here (each engine gets a process of its own, so that its memory is its own).
        'run-to': { type: 'string' },
      },
      allowPositionals: false,
    });
  } catch {
    return undefined;
  }
})();
if (!parsed) {
  console.error(usage);
  process.exit(2);
}
const { values } = parsed;
const ENGINES: Record<string, (threads: number) => Promise<OcrEngine>> = {
  tesseract: (threads) => createOcrEngine({ workers: threads }),
  // The same engine on the image prepared as for tesseract (levelled, light evened, greyscale).
  'paddle-prepared': (threads) => createPaddleOcrEngine({ threads, preprocess: {} }),
};

/**
 * `paddle`, `paddle+deskew+crop`..., `paddle+mp4`: PaddleOCR with exactly the preparation steps
 * named (PADDLE_STEPS; `paddle` alone has none but the pixel cap) and the cap in megapixels;
 * `paddle-default` with the engine's default steps. Undefined for another name.
 */
function paddleEngine(name: string): ((threads: number) => Promise<OcrEngine>) | undefined {
  if (name === 'paddle-default') return (threads) => createPaddleOcrEngine({ threads });
  const [base, ...parts] = name.split('+');
  if (base !== 'paddle') return undefined;
  const steps = parts.filter((part): part is PaddleStep => (PADDLE_STEPS as readonly string[]).includes(part));
  const caps = parts.filter((part) => /^mp\d+(\.\d+)?$/.test(part)).map((part) => Number(part.slice(2)) * 1e6);
  const rereadTotals = parts.includes('reread');
  if (steps.length + caps.length + Number(rereadTotals) !== parts.length || caps.length > 1) return undefined;
  return (threads) => createPaddleOcrEngine({ threads, steps, rereadTotals, ...(caps[0] === undefined ? {} : { maxPixels: caps[0] }) });
}
const engineOf = (name: string) => ENGINES[name] ?? paddleEngine(name);
const engineNames = values.engines.split(',').map((name) => name.trim());
// With --pages, `A>B` (and `A>>B`) are two saved engines' fields merged: see combinedRun.
const combinedNames = values.pages ? engineNames.filter((name) => /^[^>]+>>?[^>]+$/.test(name)) : [];
const combinedParts = (name: string) => name.split(/>>?/) as [string, string];
const savedNames = [...new Set(engineNames.flatMap((name) => (combinedNames.includes(name) ? combinedParts(name) : [name])))];
const threads = Number(values.threads);
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
if (!values.real || savedNames.some((name) => !engineOf(name)) || !Number.isInteger(threads) || threads < 1 || !(limit >= 1)) {
  console.error(usage);
  process.exit(2);
}
const today = referenceDay(values.today);
const folder = resolve(values.real);
/** The file's bytes, or the process ends with a message naming it. */
async function readOrExit(path: string): Promise<Buffer> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    console.error(`cannot read ${path}: ${error.code ?? error.message}`);
    process.exit(2);
  });
}
let truthJson: unknown;
try {
  truthJson = JSON.parse((await readOrExit(join(folder, 'truth.json'))).toString('utf8'));
} catch (error) {
  console.error(`${join(folder, 'truth.json')} is not JSON: ${(error as Error).message}`);
  process.exit(2);
}
const truth = readTruth(truthJson);
if ('error' in truth) {
  console.error(`${join(folder, 'truth.json')}: ${truth.error}`);
  process.exit(2);
}
const receipts = truth.slice(0, limit);
const files = await Promise.all(receipts.map((receipt) => readOrExit(join(folder, receipt.file))));
// Normalised in the engine's own process (--run-to), one at a time (scans of 35 MP), before its clock starts.
const images: Buffer[] = [];
for (const file of files) images.push(values['as-uploaded'] && values['run-to'] ? await asUploaded(file) : file);

interface Reading {
  readonly receipt: RealReceipt;
  readonly text: string;
  /** What the engine read (kept by --save, read back by --pages). */
  readonly page?: OcrPage;
  readonly fields: ReceiptFields | undefined;
  readonly ms: number;
  readonly error?: string;
}
interface EngineRun {
  readonly name: string;
  readonly readings: Reading[];
  readonly startMs: number;
  readonly rssBeforeMb: number;
  readonly rssPeakMb: number;
}

const execFileAsync = promisify(execFile);
const rssMb = () => process.memoryUsage.rss() / 1e6;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
if (!values['run-to'])
  console.log(
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${load()}; ` +
      `${receipts.length} receipts from ${folder}, read as uploaded on ${today.toISOString().slice(0, 10)}${values['as-uploaded'] ? ', each image as the image normaliser copies it' : ''}; each engine in a process of its own on ${threads} thread(s), one receipt at a time, engines one after the other`,
  );

async function runEngine(name: string): Promise<EngineRun> {
  const rssBeforeMb = rssMb();
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb())), 50);
  try {
    const started = performance.now();
    const engine = await engineOf(name)!(threads);
    const readings: Reading[] = [];
    try {
      // Unreported: the first recognition loads the models.
      await engine.recognize(images[0]!);
      const startMs = performance.now() - started;
      for (const [index, receipt] of receipts.entries()) {
        const start = performance.now();
        try {
          const page = await engine.recognize(images[index]!);
          const ms = performance.now() - start;
          readings.push({ receipt, text: page.text, page, ms, fields: parseReceipt(page, { today }) });
        } catch (error) {
          readings.push({ receipt, text: '', ms: performance.now() - start, fields: undefined, error: String(error) });
        }
      }
      rssPeakMb = Math.max(rssPeakMb, rssMb());
      console.log(`${name}: ${readings.length} receipts read, load average now ${load()}`);
      return { name, readings, startMs, rssBeforeMb, rssPeakMb };
    } finally {
      await engine.close();
    }
  } finally {
    clearInterval(sampler);
  }
}

if (values['run-to']) {
  await writeFile(values['run-to'], JSON.stringify(await runEngine(engineNames[0]!)));
  process.exit(0);
}

/** One engine's run in a child process, on the same Node options (tsx, conditions). */
async function runInChild(name: string, folder: string): Promise<EngineRun> {
  const out = join(folder, `${name}.json`);
  const args = process.argv.slice(2).filter((_, index, all) => all[index] !== '--engines' && all[index - 1] !== '--engines');
  await execFileAsync(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--engines', name, '--run-to', out], {
    maxBuffer: 1 << 24,
  }).then(({ stdout }) => process.stdout.write(stdout));
  return JSON.parse(await readFile(out, 'utf8')) as EngineRun;
}

/** An engine's run from pages saved by --save, parsed again by the parser as it is now. */
async function runFromPages(name: string, pagesFolder: string): Promise<EngineRun> {
  const readings: Reading[] = [];
  for (const receipt of receipts) {
    const path = join(pagesFolder, `${receipt.id}.${name}.json`);
    const saved = JSON.parse((await readOrExit(path)).toString('utf8')) as { page: OcrPage; ms: number };
    readings.push({ receipt, text: saved.page.text, page: saved.page, ms: saved.ms, fields: parseReceipt(saved.page, { today }) });
  }
  return { name, readings, startMs: 0, rssBeforeMb: 0, rssPeakMb: 0 };
}

const SURE = 0.9;
type MergedField = 'totalInclVat' | 'date' | 'merchant';
const MERGED_FIELDS: readonly MergedField[] = ['totalInclVat', 'date', 'merchant'];

/**
 * Two engines' readings merged field by field, the first engine's unless it is unsure of it
 * (confidence < 0.9, or no value) and the second's is surer; with `A>B`, the second's total is
 * taken only when the first engine's text holds that amount too (a candidate the first engine
 * read but did not choose), with `A>>B` whenever it is surer. The time is the first engine's,
 * plus the second's on the receipts where the first was unsure of a field (the second engine
 * runs on those only); the text is the first engine's.
 */
function combinedRun(name: string, first: EngineRun, second: EngineRun): EngineRun {
  const agreeing = !name.includes('>>');
  const readings = first.readings.map((reading, index): Reading => {
    const other = second.readings[index]!;
    if (!reading.fields) return reading;
    const unsure = MERGED_FIELDS.filter((field) => (reading.fields![field]?.confidence ?? 0) < SURE);
    if (unsure.length === 0) return reading;
    const fields = { ...reading.fields };
    for (const field of unsure) {
      const mine = reading.fields[field];
      const theirs = other.fields?.[field];
      if (!theirs || theirs.confidence <= (mine?.confidence ?? 0)) continue;
      if (agreeing && field === 'totalInclVat' && mine && !holdsAmount(reading.text, theirs.value)) continue;
      (fields as Record<MergedField, unknown>)[field] = theirs;
    }
    return { ...reading, fields, ms: reading.ms + other.ms };
  });
  return { name, readings, startMs: 0, rssBeforeMb: 0, rssPeakMb: 0 };
}

const runs: EngineRun[] = [];
const scratch = await mkdtemp(join(tmpdir(), 'real-receipts-bench-'));
try {
  if (values.pages) {
    const saved = new Map<string, EngineRun>();
    for (const name of savedNames) saved.set(name, await runFromPages(name, resolve(values.pages)));
    for (const name of engineNames)
      runs.push(
        combinedNames.includes(name)
          ? combinedRun(name, saved.get(combinedParts(name)[0])!, saved.get(combinedParts(name)[1])!)
          : saved.get(name)!,
      );
    console.log(`pages read from ${resolve(values.pages)}: the OCR times below are the saved run's, its memory was not kept`);
  }
  for (const name of values.pages ? [] : engineNames) {
    try {
      runs.push(await runInChild(name, scratch));
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' | ');
      console.log(`${name}: could not run: ${stderr || (error instanceof Error ? error.message : String(error))}`);
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
if (values.save) {
  await mkdir(values.save, { recursive: true });
  for (const run of runs)
    for (const reading of run.readings) {
      await writeFile(join(values.save, `${reading.receipt.id}.${run.name}.txt`), reading.text);
      if (reading.page)
        await writeFile(
          join(values.save, `${reading.receipt.id}.${run.name}.json`),
          JSON.stringify({ page: reading.page, ms: reading.ms }),
        );
    }
}

/** "12/20 (60.0 %)" over the readings the check applies to. */
function share(readings: readonly Reading[], applies: (reading: Reading) => boolean, right: (reading: Reading) => boolean): string {
  const judged = readings.filter(applies);
  const count = judged.filter(right).length;
  return judged.length === 0 ? '-' : `${count}/${judged.length} (${((100 * count) / judged.length).toFixed(1)} %)`;
}
const total = (reading: Reading) => bareAmount(reading.receipt.total);
const hasTotal = (reading: Reading) => total(reading) !== undefined;
const hasDate = (reading: Reading) => printedDateToIso(reading.receipt.date) !== undefined;
const always = () => true;
const totalInText = (reading: Reading) => hasTotal(reading) && holdsAmount(reading.text, total(reading)!);
const dateInText = (reading: Reading) => holdsDate(reading.text, reading.receipt.date);
const merchantInText = (reading: Reading) => tokenOverlap(reading.receipt.merchant, reading.text) >= 0.8;
/** The parser's fields judged as the chain benchmark judges the note's (a field the truth lacks is never right). */
const judgedFields = (reading: Reading) =>
  judgeFields(reading.receipt, {
    total: reading.fields?.totalInclVat?.value,
    date: reading.fields?.date?.value,
    merchant: reading.fields?.merchant?.value,
  });
const totalRight = (reading: Reading) => judgedFields(reading).total === true;
const dateRight = (reading: Reading) => judgedFields(reading).date === true;
const merchantRight = (reading: Reading) => judgedFields(reading).merchant;
const columns = (cell: (run: EngineRun) => string) => runs.map(cell);
const header = ['', ...runs.map((run) => run.name)];

console.log('\nText accuracy: receipts whose OCR text holds the field\n');
console.log(
  table([
    header,
    ['total (exact amount)', ...columns((run) => share(run.readings, hasTotal, totalInText))],
    ['date (as printed, spacing aside)', ...columns((run) => share(run.readings, always, dateInText))],
    ['merchant (>= 80 % of its words)', ...columns((run) => share(run.readings, always, merchantInText))],
    [
      'merchant (spaces and signs aside)',
      ...columns((run) => share(run.readings, always, (r) => holdsNameUnspaced(r.text, r.receipt.merchant))),
    ],
    [
      'total, date and merchant',
      ...columns((run) => share(run.readings, hasTotal, (r) => totalInText(r) && dateInText(r) && merchantInText(r))),
    ],
    ['OCR errors', ...columns((run) => String(run.readings.filter((reading) => reading.error).length))],
  ]),
);

console.log('\nOCR time per receipt and memory (under the load average printed above)\n');
const times = (run: EngineRun) => run.readings.map((reading) => reading.ms).sort((a, b) => a - b);
console.log(
  table([
    header,
    ['p50 ms', ...columns((run) => percentile(times(run), 50).toFixed(0))],
    ['p95 ms', ...columns((run) => percentile(times(run), 95).toFixed(0))],
    ['mean ms', ...columns((run) => (times(run).reduce((sum, ms) => sum + ms, 0) / run.readings.length).toFixed(0))],
    ['start + first receipt ms', ...columns((run) => run.startMs.toFixed(0))],
    ['process RSS before, MB', ...columns((run) => run.rssBeforeMb.toFixed(0))],
    ['process RSS peak, MB', ...columns((run) => run.rssPeakMb.toFixed(0))],
    ['engine (peak - before), MB', ...columns((run) => (run.rssPeakMb - run.rssBeforeMb).toFixed(0))],
  ]),
);

console.log("\nField accuracy: what the platform's receipt parser reads from each engine's text\n");
console.log(
  table([
    header,
    ['total', ...columns((run) => share(run.readings, hasTotal, totalRight))],
    ['total, when the text holds it', ...columns((run) => share(run.readings, totalInText, totalRight))],
    ['date', ...columns((run) => share(run.readings, hasDate, dateRight))],
    ['date, when the text holds it', ...columns((run) => share(run.readings, (r) => hasDate(r) && dateInText(r), dateRight))],
    ['merchant (fuzzy)', ...columns((run) => share(run.readings, always, merchantRight))],
  ]),
);

console.log('\nWrong totals: what the parser took instead (text holding the right total / not)\n');
const wrongTotals = (run: EngineRun, kind: WrongTotalKind, inText: boolean) =>
  run.readings.filter(
    (r) => hasTotal(r) && !totalRight(r) && totalInText(r) === inText && wrongTotalKind(r.text, r.fields?.totalInclVat?.value) === kind,
  ).length;
console.log(
  table([
    header,
    ...WRONG_TOTAL_KINDS.map((kind) => [kind, ...columns((run) => `${wrongTotals(run, kind, true)} / ${wrongTotals(run, kind, false)}`)]),
  ]),
);

printCalibration();
printUnreadable();

for (const run of runs) {
  const misses = run.readings
    .filter((r) => hasTotal(r) && !totalRight(r))
    .map((r) => `${r.receipt.id} ${wrongTotalKind(r.text, r.fields?.totalInclVat?.value)}${totalInText(r) ? '' : ' (not in text)'}`);
  console.log(`\n${run.name}: totals missed (${misses.length}): ${misses.join('; ')}`);
}

/** For each field and confidence band, how many of the fields the parser gave are right (a receipt without a total printed is not judged on it). */
function printCalibration(): void {
  console.log('\nConfidence: how many of the fields the parser gives in each band are right\n');
  const judged = (run: EngineRun, judge: (reading: Reading, fields: ReceiptFields) => JudgedField | undefined): JudgedField[] =>
    run.readings.flatMap((reading) => {
      const found = reading.fields && judge(reading, reading.fields);
      return found ? [found] : [];
    });
  const fields: [string, (reading: Reading, fields: ReceiptFields) => JudgedField | undefined][] = [
    ['total', (reading, fields) => judgedTotal(reading.receipt.total, fields.totalInclVat)],
    [
      'date',
      (reading, fields) =>
        hasDate(reading) && fields.date ? { confidence: fields.date.confidence, right: dateRight(reading) } : undefined,
    ],
    [
      'merchant',
      (reading, fields) => (fields.merchant ? { confidence: fields.merchant.confidence, right: merchantRight(reading) } : undefined),
    ],
  ];
  const rows = fields.flatMap(([name, judge]) => {
    const bands = runs.map((run) => calibrationByBand(judged(run, judge)));
    return CONFIDENCE_BANDS.map((band, index) => [`${name} ${band.name}`, ...bands.map((cells) => cells[index]!)]);
  });
  console.log(table([header, ...rows]));
}

/** Of the receipts whose total the parser does not get right, how many it says it could not read, and how many it gives wrong. */
function printUnreadable(): void {
  console.log('\nTotals not right: said unreadable (no value given) / given wrong\n');
  const missed = (run: EngineRun) => run.readings.filter((reading) => hasTotal(reading) && !totalRight(reading));
  const unreadable = (reading: Reading) => reading.fields?.unreadable.includes('totalInclVat') === true;
  console.log(
    table([
      header,
      ['totals', ...columns((run) => `${missed(run).filter(unreadable).length} / ${missed(run).filter((r) => !unreadable(r)).length}`)],
    ]),
  );
}

/** The day given by --today (yyyy-mm-dd), now without it; the process ends with the usage for another value. */
function referenceDay(given: string | undefined): Date {
  if (given === undefined) return new Date();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(given) ? new Date(`${given}T12:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(day.getTime())) {
    console.error(`--today must be a day, yyyy-mm-dd, not ${given}\n${usage}`);
    process.exit(2);
  }
  return day;
}
