// `pnpm bench receipts [--clean N] [--photo N] [--text N] [--seed S] [--workers W] [--engine paddle|tesseract]`: field accuracy of
// OCR → parser on synthetic receipts (clean scans and phone-like photos), of the parser alone on
// the printed text (what a digital PDF's text layer gives), and the OCR-alone throughput with the
// worker pool: the ceiling the end-to-end benchmark is compared against.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_OCR_ENGINE, createNamedOcrEngine, isOcrEngineName } from '@ndf/ocr/engine';
import { composeReceipt, documentText, generateFixtures, type FixtureFormat } from '@ndf/receipt-fixtures';
import { parseReceipt } from '@ndf/receipt-parser/parser';
import { AccuracyTally, FIELDS, compareFields, type FieldName } from './field-accuracy.js';
import { runOcr, type OcrThroughput } from './ocr-throughput.js';
import { table } from './table.js';

const { values } = parseArgs({
  options: {
    clean: { type: 'string', default: '100' },
    photo: { type: 'string', default: '100' },
    text: { type: 'string', default: '400' },
    seed: { type: 'string', default: '2024' },
    workers: { type: 'string', default: String(availableParallelism()) },
    engine: { type: 'string', default: DEFAULT_OCR_ENGINE },
  },
  allowPositionals: false,
});
const [clean, photo, text, seed, workers] = [values.clean, values.photo, values.text, values.seed, values.workers].map(Number) as [
  number,
  number,
  number,
  number,
  number,
];
const engineName = values.engine;
if (
  ![clean, photo, text, seed, workers].every((value) => Number.isInteger(value) && value >= 0) ||
  workers < 1 ||
  !isOcrEngineName(engineName)
) {
  console.error('usage: pnpm bench receipts [--clean N] [--photo N] [--text N] [--seed S] [--workers W] [--engine paddle|tesseract]');
  process.exit(2);
}

const TARGETS: Partial<Record<FieldName, { clean: number; photo: number }>> = {
  date: { clean: 95, photo: 85 },
  total: { clean: 95, photo: 85 },
};
const columns: { label: string; tally: AccuracyTally }[] = [];

// Throughput depends on what else the machine runs: the load average is printed with the figures.
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${load()}, OCR by ${engineName} on ${workers} cores, seed ${seed}`,
);

const textTally = new AccuracyTally();
for (let index = 0; index < text; index++) {
  const document = composeReceipt(seed, index);
  textTally.add(
    compareFields(parseReceipt({ text: documentText(document) }, { today: new Date(document.truth.uploadedAt) }), document.truth),
  );
}
if (text > 0) columns.push({ label: `printed text (${text})`, tally: textTally });

const engine = await createNamedOcrEngine(engineName, { cores: workers });
const throughputs: { format: FixtureFormat; result: OcrThroughput }[] = [];
const misses: string[] = [];
try {
  for (const [format, count] of [
    ['png', clean],
    ['photo', photo],
  ] as const) {
    if (count === 0) continue;
    const made = performance.now();
    const fixtures = await generateFixtures({ seed, count, format });
    console.log(`${format}: ${count} fixtures ready in ${((performance.now() - made) / 1000).toFixed(1)} s (cached after the first run)`);
    // Unreported: starts every worker and loads its trained data.
    await runOcr(engine, fixtures.slice(0, engine.workers));
    const tally = new AccuracyTally();
    const result = await runOcr(engine, fixtures, (fixture, page) => {
      const compared = compareFields(parseReceipt(page, { today: new Date(fixture.truth.uploadedAt) }), fixture.truth);
      tally.add(compared);
      for (const field of ['date', 'total'] as const)
        if (!compared[field]) misses.push(`${format} ${fixture.truth.id} ${fixture.truth.kind} ${field}`);
    });
    throughputs.push({ format, result });
    columns.push({ label: `${format === 'png' ? 'clean scan' : 'photo'} (${count})`, tally });
    console.log(`${format}: OCR + parse of ${count} in ${result.seconds.toFixed(1)} s, load average now ${load()}`);
  }
} finally {
  await engine.close();
}

console.log('\nField accuracy (% of receipts with the field exactly right)\n');
console.log(
  table([
    ['field', ...columns.map((column) => column.label)],
    ...FIELDS.map((field) => [field, ...columns.map((column) => column.tally.percent(field).toFixed(1))]),
  ]),
);

console.log('\nTargets');
for (const [field, target] of Object.entries(TARGETS) as [FieldName, { clean: number; photo: number }][]) {
  for (const [label, goal, column] of [
    ['clean', target.clean, columns.find((c) => c.label.startsWith('clean'))],
    ['photo', target.photo, columns.find((c) => c.label.startsWith('photo'))],
  ] as const) {
    if (!column) continue;
    const value = column.tally.percent(field);
    console.log(`${field} on ${label}: ${value.toFixed(1)} % (target >= ${goal} %) ${value >= goal ? 'MET' : 'MISSED'}`);
  }
}

console.log(
  `\nOCR throughput: preprocessing + ${engineName}, one receipt per worker at a time (the parse of each page, about a millisecond, is included)\n`,
);
console.log(
  table([
    ['images', 'receipts', 'workers', 'seconds', 'receipts/min', 'p50 ms', 'p99 ms'],
    ...throughputs.map(({ format, result }) => [
      format === 'png' ? 'clean scan' : 'photo',
      String(result.receipts),
      String(result.workers),
      result.seconds.toFixed(1),
      result.perMinute.toFixed(1),
      result.p50Ms.toFixed(0),
      result.p99Ms.toFixed(0),
    ]),
  ]),
);
if (misses.length > 0)
  console.log(`\nDate or total missed (${misses.length}): ${misses.slice(0, 40).join('; ')}${misses.length > 40 ? '; ...' : ''}`);
