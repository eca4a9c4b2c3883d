// `npm run chaos -- restart [--receipts N] [--mode kill|interrupt|both] [--ocr-share F] [--seed S]`: receipts
// uploaded to a platform of its own (own data folder, free ports, loopback only), the platform SIGKILLed
// (its whole process tree) or interrupted (Ctrl-C) at a random moment while they are in flight, started
// again on the same data, and every receipt followed until it is final. Prints what was in flight, how long
// the restart took to bring every receipt to a final state, what the reconciler drove again, and what ran twice.
import { parseArgs } from 'node:util';
import { runRestart, type RestartFigures, type StopMode } from './restart/run-restart.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    receipts: { type: 'string', default: '500' },
    mode: { type: 'string', default: 'both' },
    'ocr-share': { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '12' },
    'tick-seconds': { type: 'string', default: '5' },
    'stuck-after-seconds': { type: 'string', default: '20' },
    'timeout-minutes': { type: 'string', default: '15' },
  },
});
const receipts = Number(values.receipts);
const ocrShare = Number(values['ocr-share']);
const modes: StopMode[] = values.mode === 'both' ? ['kill', 'interrupt'] : [values.mode as StopMode];
if (
  positionals[0] !== 'restart' ||
  !(Number.isInteger(receipts) && receipts >= 1 && receipts <= 2_000) ||
  !(ocrShare >= 0 && ocrShare <= 1) ||
  !modes.every((mode) => mode === 'kill' || mode === 'interrupt')
) {
  console.error('usage: npm run chaos -- restart [--receipts 1..2000] [--mode kill|interrupt|both] [--ocr-share 0..1] [--seed S]');
  process.exit(2);
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'NOT within the timeout' : `${(ms / 1000).toFixed(1)} s`);
function report(figures: RestartFigures, tickSeconds: number, stuckAfterSeconds: number): string {
  const inFlight = Object.values(figures.inFlightAtStop).reduce((sum, count) => sum + count, 0);
  return [
    `\n${figures.mode === 'kill' ? `SIGKILL of the whole platform (${figures.processesKilled} processes)` : 'SIGINT (Ctrl-C)'}, ${figures.receipts} receipts`,
    `  in flight at the stop:      ${inFlight} ${JSON.stringify(figures.inFlightAtStop)}`,
    `  restart → API answering:    ${seconds(figures.apiReadyAfterMs)}`,
    `  restart → in flight final:  ${seconds(figures.inFlightFinalAfterMs)}  (every receipt asked for before the stop; reconciler: tick ${tickSeconds} s, stuck after ${stuckAfterSeconds} s)`,
    `  restart → all final:        ${seconds(figures.allFinalAfterMs)}  (the ${figures.inFlightAtStop['not asked yet'] ?? 0} not asked yet uploaded after the restart too)`,
    `  final statuses:             ${JSON.stringify(figures.finalStatuses)}`,
    `  needed the reconciler:      ${figures.reconciled} receipts (${figures.redrives} re-drives)`,
    `  effects twice:              ${Object.keys(figures.effectsTwice).length === 0 ? 'none' : JSON.stringify(figures.effectsTwice)} (of ${figures.stageWrites} stage writes, read from the stream)`,
    `  parsed twice (runs logged): ${figures.parsedTwice}`,
    ...figures.examples.map((example) => `    e.g. ${example}`),
  ].join('\n');
}

const tickSeconds = Number(values['tick-seconds']);
const stuckAfterSeconds = Number(values['stuck-after-seconds']);
const reports: string[] = [];
for (const mode of modes) {
  const figures = await runRestart({
    receipts,
    ocrShare,
    mode,
    seed: Number(values.seed),
    tickSeconds,
    stuckAfterSeconds,
    timeoutMs: Number(values['timeout-minutes']) * 60_000,
    log: (line) => console.log(`[chaos ${mode}] ${line}`),
  });
  reports.push(report(figures, tickSeconds, stuckAfterSeconds));
  console.log(reports.at(-1));
}
if (reports.length > 1) console.log(`\n${reports.join('\n')}`);
