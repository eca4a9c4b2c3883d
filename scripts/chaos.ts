// `npm run chaos -- <name>`: runs a fault scenario on a platform or stack of its own at full length
// and prints its figures (the test suite runs the same scenarios smaller).
import { catalog } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { outageEntry, restartReport, runOutageScenario, runRestart, type StopMode } from '@ndf/testkit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const scenarios: Record<string, (args: string[]) => Promise<void>> = {
  // A bad deploy of a role: DynamoDB answers AccessDenied to a service's writes for a minute.
  outage: async (args) => {
    const { values } = parseArgs({
      args,
      options: { seconds: { type: 'string', default: '60' }, messages: { type: 'string', default: '500' } },
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'ndf-chaos-outage-'));
    const stack = await startLocalStack(await ephemeralConfig('chaos-outage-', dataDir), {
      catalog: { ...catalog, services: [outageEntry] },
    });
    try {
      const figures = await runOutageScenario({ stack, faultMs: Number(values.seconds) * 1_000, messages: Number(values.messages) });
      console.log(
        `outage: ${Object.entries(figures)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`,
      );
      if (figures.quarantined > 0 || figures.done < figures.sent) process.exitCode = 1;
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  // Receipts in flight on a platform as `npm start` runs it, SIGKILL of its whole tree and/or SIGINT
  // (Ctrl-C) at a random moment, started again on the same data: every receipt must become final.
  restart: async (args) => {
    const { values } = parseArgs({
      args,
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
      !(Number.isInteger(receipts) && receipts >= 1 && receipts <= 2_000) ||
      !(ocrShare >= 0 && ocrShare <= 1) ||
      !modes.every((mode) => mode === 'kill' || mode === 'interrupt')
    ) {
      console.error('usage: npm run chaos -- restart [--receipts 1..2000] [--mode kill|interrupt|both] [--ocr-share 0..1] [--seed S]');
      process.exit(2);
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
      reports.push(restartReport(figures, tickSeconds, stuckAfterSeconds));
      console.log(reports.at(-1));
      if (figures.allFinalAfterMs === undefined || Object.keys(figures.effectsTwice).length > 0) process.exitCode = 1;
    }
    if (reports.length > 1) console.log(`\n${reports.join('\n')}`);
  },
};

const [name, ...args] = process.argv.slice(2);
const scenario = name ? scenarios[name] : undefined;
if (!scenario) {
  console.error(`usage: npm run chaos -- <${Object.keys(scenarios).join('|')}> [options]`);
  process.exit(2);
}
await scenario(args);
