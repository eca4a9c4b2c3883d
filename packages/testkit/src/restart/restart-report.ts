import type { RestartFigures } from './run-restart.js';

const seconds = (ms: number | undefined) => (ms === undefined ? 'NOT within the timeout' : `${(ms / 1000).toFixed(1)} s`);
/** The figures of one run, as `npm run chaos -- restart` prints them. */
export function restartReport(figures: RestartFigures, tickSeconds: number, stuckAfterSeconds: number): string {
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
