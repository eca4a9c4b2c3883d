// One step of `pnpm bench files`, in a process of its own: reads the inputs the parent wrote,
// prepares, runs once to warm up, then times `runs` runs and prints one JSON line with the
// times and the process's peak resident set size during them, above its settled level before.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FileInputs } from './file-inputs.js';
import { STEPS } from './file-steps.js';

const { values } = parseArgs({ options: { step: { type: 'string' }, runs: { type: 'string' }, inputs: { type: 'string' } } });
const step = STEPS[values.step ?? ''];
if (!step || !values.inputs) throw new Error(`unknown step ${values.step}`);
const runs = Number(values.runs);
const inputs: FileInputs = {
  jpeg: await readFile(join(values.inputs, 'photo.jpg')),
  digitalPdf: await readFile(join(values.inputs, 'digital.pdf')),
  scannedPdf: await readFile(join(values.inputs, 'scanned.pdf')),
};
const { run, close } = await step.prepare(inputs);

/** Linux keeps the peak RSS in VmHWM, and resets it on request; elsewhere the lifetime peak is all there is. */
async function resetPeakRss(): Promise<void> {
  await writeFile('/proc/self/clear_refs', '5').catch(() => undefined);
}
async function peakRss(): Promise<number> {
  const kilobytes = /VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8').catch(() => ''))?.[1];
  return kilobytes ? Number(kilobytes) * 1024 : process.resourceUsage().maxRSS * 1024;
}

setFlagsFromString('--expose-gc');
await run();
(runInNewContext('gc') as () => void)();
const before = process.memoryUsage().rss;
await resetPeakRss();
const times: number[] = [];
for (let index = 0; index < runs; index++) {
  const started = performance.now();
  await run();
  times.push(performance.now() - started);
}
const peak = await peakRss();
await close?.();
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    p50: times[Math.floor((times.length - 1) / 2)],
    mean: times.reduce((sum, time) => sum + time, 0) / times.length,
    memory: Math.max(0, peak - before),
  }),
);
