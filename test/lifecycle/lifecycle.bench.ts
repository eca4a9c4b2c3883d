// `npm run bench -- lifecycle`: notes per second from submission to approval-ready (every check
// of the submitted version in, the note routed to its approvers) on a platform as `npm start`
// runs it, for the lifecycle test's month of 200 notes, against a baseline measured in the same
// run: the same notes created through the ingest API. Then, per stage, how long after its
// submission a note's result came (p50, p95, max), the slowest stage first.
import { randomUUID } from 'node:crypto';
import type { NoteDetail } from '@ndf/contracts';
import { APPROVERS } from './month.js';
import { startMonthPlatform, waitForEach } from './month-platform.js';

const month = await startMonthPlatform();
try {
  const admin = await month.tokenOf('bench-admin', ['admin']);
  await fetch(`${month.expenseApi}/settings/approvers`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'if-match': '"0"' },
    body: JSON.stringify(APPROVERS),
  });

  const createdAt = performance.now();
  const notes = await month.createMonth();
  const createSeconds = (performance.now() - createdAt) / 1000;
  // The drafts' own checks first, so that what follows measures the submission alone.
  await waitForEach('the drafts checked', notes, async (note) => (await month.note(note.id, note.employee)).stages.length >= 3, 600_000);

  // The five employees' apps submit at once, each its notes one after the other.
  const submittedAt = new Map<string, number>();
  const start = performance.now();
  const byEmployee = new Map<string, typeof notes>();
  for (const note of notes) byEmployee.set(note.employee, [...(byEmployee.get(note.employee) ?? []), note]);
  await Promise.all(
    [...byEmployee].map(async ([employee, own]) => {
      const token = await month.tokenOf(employee, ['employee']);
      for (const note of own) {
        await month.expense('POST', `/notes/${note.id}/submit`, token, undefined, { 'idempotency-key': randomUUID() });
        submittedAt.set(note.id, Date.now());
      }
    }),
  );
  const submitSeconds = (performance.now() - start) / 1000;
  const details = new Map<string, NoteDetail>();
  await waitForEach(
    'every note approval-ready',
    notes,
    async (note) => {
      const detail = await month.note(note.id, note.employee);
      details.set(note.id, detail);
      return detail.status === 'awaiting_approval';
    },
    900_000,
  );
  const throughSeconds = (performance.now() - start) / 1000;

  const createRate = notes.length / createSeconds;
  const throughRate = notes.length / throughSeconds;
  console.log(`\n${notes.length} notes`);
  console.log(`baseline  created through the ingest API: ${createRate.toFixed(1)} notes/s (${createSeconds.toFixed(1)} s)`);
  console.log(
    `submitted through the expense API (5 apps at once): ${(notes.length / submitSeconds).toFixed(1)} notes/s (${submitSeconds.toFixed(1)} s)`,
  );
  console.log(
    `lifecycle submitted to approval-ready:     ${throughRate.toFixed(1)} notes/s (${throughSeconds.toFixed(1)} s), ` +
      `${(throughRate / createRate).toFixed(2)} × the baseline`,
  );

  // Each stage's latest result, in seconds after the change of the note it was computed for (a
  // check runs again on each version of an open note: the routing's own change included); and
  // the routing, in seconds after the submission.
  const delays = new Map<string, number[]>();
  const add = (stage: string, from: string | number, at: string) =>
    delays.set(stage, [
      ...(delays.get(stage) ?? []),
      Math.max(0, Date.parse(at) - (typeof from === 'number' ? from : Date.parse(from))) / 1000,
    ]);
  for (const [id, detail] of details) {
    const changedAt = new Map(detail.history.map((entry) => [entry.version, entry.at]));
    for (const stage of detail.stages) {
      const from = stage.noteVersion === undefined ? undefined : changedAt.get(stage.noteVersion);
      if (stage.receiptId === undefined && from !== undefined) add(stage.service, from, stage.updatedAt);
    }
    const routed = detail.history.findLast((entry) => entry.action === 'route');
    if (routed) add('routed to approvers', submittedAt.get(id)!, routed.at);
  }
  const percentile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))]!;
  const rows = [...delays].map(([stage, values]) => ({
    stage,
    count: values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    max: Math.max(...values),
  }));
  rows.sort((a, b) => b.p95 - a.p95);
  console.log("\nseconds from the change of the note to the stage's result (routing: from the submission), slowest first");
  console.log('stage                    notes    p50    p95    max');
  for (const row of rows)
    console.log(
      `${row.stage.padEnd(24)} ${String(row.count).padStart(5)} ${row.p50.toFixed(1).padStart(6)} ${row.p95.toFixed(1).padStart(6)} ${row.max.toFixed(1).padStart(6)}`,
    );
  const slowest = rows.find((row) => row.stage !== 'routed to approvers');
  if (slowest) console.log(`\nslowest stage: ${slowest.stage} (p95 ${slowest.p95.toFixed(1)} s after the change)`);
} finally {
  await month.stop();
}
