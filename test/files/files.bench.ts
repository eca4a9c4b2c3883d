// `pnpm bench files [--runs N]`: time and memory per file of the chain's file checks, against
// plain library calls measured on the same machine in the same run: a 12-megapixel JPEG sniffed
// and normalised (baselines: plain sharp resizes), 4-page PDFs sniffed and inspected (baseline: a
// plain pdf-lib load). The inputs are made first; each step then runs in a process of its own,
// one after the other, so that the peak memory it reports is its own.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { bytesSource, sniffReceipt } from '@ndf/format-sniffer/lib';
import { makeFileInputs, type FileInputs } from './file-inputs.js';
import { STEPS } from './file-steps.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } }, allowPositionals: false });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: pnpm bench files [--runs N]');
  process.exit(2);
}

interface Measured {
  readonly p50: number;
  readonly mean: number;
  readonly memory: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

console.log(`making the inputs...`);
const inputs = await makeFileInputs();
const folder = await mkdtemp(join(tmpdir(), 'ndf-bench-files-'));
await Promise.all([
  writeFile(join(folder, 'photo.jpg'), inputs.jpeg),
  writeFile(join(folder, 'digital.pdf'), inputs.digitalPdf),
  writeFile(join(folder, 'scanned.pdf'), inputs.scannedPdf),
]);
const bytesRead = (await sniffReceipt(bytesSource(inputs.jpeg))).bytesRead;
const describeFile: Record<keyof FileInputs, string> = {
  jpeg: `12 MP JPEG, ${mb(inputs.jpeg.length)}`,
  digitalPdf: `4-page digital PDF, ${(inputs.digitalPdf.length / 1024).toFixed(0)} KB`,
  scannedPdf: `4-page scanned PDF, ${(inputs.scannedPdf.length / 1024).toFixed(0)} KB`,
};

const results = new Map<string, Measured>();
try {
  for (const [id, step] of Object.entries(STEPS)) {
    console.log(`${describeFile[step.file]}: ${step.label} (${runs} runs after one warm-up)...`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', join(here, 'file-step.ts'), '--step', id, '--runs', String(runs), '--inputs', folder],
      {
        cwd: here,
        maxBuffer: 1 << 20,
      },
    );
    results.set(id, JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured);
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}

const rows = Object.entries(STEPS).map(([id, step]) => {
  const measured = results.get(id)!;
  const baseline = step.baseline ? results.get(step.baseline) : undefined;
  const label = id === 'jpeg-sniff' ? `${step.label} (reads ${(bytesRead / 1024).toFixed(0)} KB)` : step.label;
  const ratio = baseline ? `x${(measured.p50 / baseline.p50).toFixed(2)} (${STEPS[step.baseline!]!.label})` : 'baseline';
  return [describeFile[step.file], label, measured.p50.toFixed(1), measured.mean.toFixed(1), `+${mb(measured.memory)}`, ratio];
});
const header = ['file', 'step', 'p50 ms', 'mean ms', 'peak RSS', 'p50 vs'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
console.log(`\n${line(header)}\n| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |\n${rows.map(line).join('\n')}`);
console.log(
  "\npeak RSS: the highest resident set size of the step's own process (worker threads included) during the timed runs, above its level after the warm-up run and a collection.",
);
