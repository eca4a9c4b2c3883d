// `npm run bench -- alert [--only name,name] [--keep]`: time to alert. Starts a platform as
// `npm start` runs it (its own free ports and data folder), waits until it is quiet, then injects
// each fault in turn (alert-faults.ts) and prints, per fault, the seconds from the injection to
// the first alert mail naming the component and its runbook in the platform's mail catcher, and
// from the fault's undoing to the mail that resolves it. Target: every alert within 15 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PORT_VARIABLES } from '@ndf/local-stack';
import { platformAccess, platformEnvironment, startPlatform, type PlatformProcess } from '@ndf/testkit';
import { BENCH_TENANT, FAULTS, type Fault } from './alert-faults.js';
import { AlertMailbox } from './alert-mailbox.js';

const TARGET_SECONDS = 15;
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'quiet-timeout-seconds': { type: 'string', default: '180' },
  },
});
const chosen = values.only ? values.only.split(',') : FAULTS.map((fault) => fault.name);
const unknown = chosen.filter((name) => !FAULTS.some((fault) => fault.name === name));
if (unknown.length > 0) {
  console.error(`usage: npm run bench -- alert [--only ${FAULTS.map((fault) => fault.name).join(',')}] (unknown: ${unknown.join(', ')})`);
  process.exit(2);
}
const faults = FAULTS.filter((fault) => chosen.includes(fault.name));

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  readonly fault: Fault;
  readonly alertMs?: number;
  readonly resolvedMs?: number;
  readonly alsoAlerted: readonly string[];
}

/** Until no incident is open (every firing page resolved) and none has opened for `calmMs`. */
async function quiet(mailbox: AlertMailbox, calmMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const notices = await mailbox.notices();
    const open = await mailbox.openComponents();
    const lastAt = notices.at(-1)?.at ?? 0;
    if (open.length === 0 && Date.now() - lastAt >= calmMs) return;
    if (Date.now() > deadline) {
      const latest = open.map((component) => notices.filter((notice) => notice.component === component).at(-1)?.text ?? component);
      throw new Error(`the platform did not settle: open alerts:\n${latest.join('\n\n')}`);
    }
    await wait(1_000);
  }
}

async function measure(
  fault: Fault,
  platform: PlatformProcess,
  access: Awaited<ReturnType<typeof platformAccess>>,
  mailbox: AlertMailbox,
): Promise<Row> {
  process.stdout.write(`${fault.name}: ${fault.what}… `);
  const { at: injectedAt, undo } = await fault.inject({ root: platform.pid, access });
  const runbook = `${fault.runbook}.md`;
  const alert = await mailbox.first(
    (notice) => notice.firing && notice.component === fault.component && notice.text.includes(runbook),
    injectedAt,
    60_000,
  );
  // A fault is held a little past its alert (or the wait for it), as a real incident lasts, then undone.
  await wait(3_000);
  const undoneAt = Date.now();
  await undo();
  const resolved = alert
    ? await mailbox.first((notice) => !notice.firing && notice.component === fault.component, undoneAt, 120_000)
    : undefined;
  const others = (await mailbox.notices()).filter(
    (notice) => notice.firing && notice.at >= injectedAt && notice.component !== fault.component,
  );
  const row: Row = {
    fault,
    ...(alert ? { alertMs: alert.at - injectedAt } : {}),
    ...(resolved ? { resolvedMs: resolved.at - undoneAt } : {}),
    alsoAlerted: [...new Set(others.map((notice) => notice.component))],
  };
  console.log(`alert ${seconds(row.alertMs)}, resolved ${seconds(row.resolvedMs)}`);
  return row;
}

const dataDir = mkdtempSync(join(tmpdir(), 'ndf-bench-alert-'));
const environment = await platformEnvironment(dataDir, { NDF_ALERT_LANGUAGE: 'fr' });
console.log('starting a platform as npm start runs it…');
const platform = await startPlatform(environment);
const rows: Row[] = [];
try {
  const access = await platformAccess(environment, BENCH_TENANT);
  const mailbox = new AlertMailbox(`http://127.0.0.1:${environment[PORT_VARIABLES.mailHttp]}`);
  console.log('waiting for the platform to be quiet (every alert of its start resolved)…');
  await quiet(mailbox, 15_000, Number(values['quiet-timeout-seconds']) * 1000);
  for (const fault of faults) {
    rows.push(await measure(fault, platform, access, mailbox));
    await quiet(mailbox, 5_000, Number(values['quiet-timeout-seconds']) * 1000);
  }
} finally {
  await platform.interrupt();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\n| fault | injected | alert mail after | resolved mail after the fault is undone | other components that paged |`);
console.log('|---|---|---|---|---|');
for (const row of rows)
  console.log(
    `| ${row.fault.name} | ${row.fault.what} | ${seconds(row.alertMs)} | ${seconds(row.resolvedMs)} | ${row.alsoAlerted.join(', ') || '—'} |`,
  );
const worst = Math.max(...rows.map((row) => row.alertMs ?? Infinity));
console.log(`\nslowest alert: ${seconds(Number.isFinite(worst) ? worst : undefined)} (target ${TARGET_SECONDS} s)`);
if (!(worst <= TARGET_SECONDS * 1000)) process.exitCode = 1;
