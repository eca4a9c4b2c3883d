import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { DEFAULT_PREFIX, deadLetterQueueName } from '@ndf/catalog';
import type { NoteDetail } from '@ndf/contracts';
import { validatePain001 } from '@ndf/sepa-transfer';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceProcess } from '../alerts/platform-processes.js';
import { ACCOUNTS, ADVANCES, APPROVERS, EMPLOYEES, EXPECTED, TEAMS, type PlannedNote } from './month.js';
import { startMonthPlatform, waitForEach, type MonthPlatform } from './month-platform.js';

// The month from drafts to the SEPA file on a platform as `npm start` runs it: the employees
// create and submit their 200 notes while each service of the lifecycle, in a process of its own,
// is SIGKILLed in turn (and the process hosting the other light services once, half-way); the
// supervisor starts each again. The two approvers decide from their queues (the duplicate
// rejected, the hotels and the capped train through a second level), the accountant makes the
// batch; each transfer is the hand-worked one, and no message ended in a dead-letter queue.
let month: MonthPlatform;
let notes: (PlannedNote & { id: string })[];
let batch: { batchId: string; transfers: number; controlSum: { value: string } };
let sepa: string;
/** The process that runs the light services not listed below. */
const SERVICE_HOST = 'service-host';
/** The services of the lifecycle, and the stream router feeding them, each killed once along the way. */
const KILLED_ONE_BY_ONE = [
  'stream-router',
  'audit-trail',
  'vat-calculator',
  'currency-converter',
  'mileage-calculator',
  'merchant-normalizer',
  'categorizer',
  'duplicate-detector',
  'policy-checker',
  'card-matcher',
  'approval-workflow',
  'approval-reminders',
  'card-reminder',
  'reimbursement-batcher',
  'retention-keeper',
  'rates-loader',
];
/** The pid each process had when it was killed. */
const killed = new Map<string, number>();
const kill = (service: string) => {
  const pid = serviceProcess(month.platform.pid, service);
  killed.set(service, pid);
  process.kill(pid, 'SIGKILL');
};
/** Every 12th step of the month (a request creating notes, a submission), the next service on the list is killed. */
let step = 0;
const nextStep = () => {
  step += 1;
  const next = KILLED_ONE_BY_ONE[(step - 6) / 12];
  if (next !== undefined) kill(next);
};

async function deadLetters(service: string): Promise<number> {
  const { QueueUrl } = await month.aws.sqs.send(new GetQueueUrlCommand({ QueueName: deadLetterQueueName(DEFAULT_PREFIX, service) }));
  const { Attributes = {} } = await month.aws.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
}

const request = (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
  month.expense(method, path, token, body, headers);

async function putSettings(document: string, value: unknown) {
  const admin = await month.tokenOf('alice-admin', ['admin']);
  await request('PUT', `/settings/${document}`, admin, value, { 'if-match': '"0"' });
}

async function waitForStatuses(statuses: readonly string[], of: readonly (PlannedNote & { id: string })[] = notes) {
  await waitForEach(
    `notes ${statuses.join(' or ')}`,
    of,
    async (note) => statuses.includes((await month.note(note.id, note.employee)).status),
    600_000,
  );
}

/** Each approver empties their queue: approves every note, but rejects the duplicate; levels follow one another. */
async function decideQueues(duplicateId: string) {
  for (let round = 0; round < 10; round += 1) {
    let decided = 0;
    for (const approver of [TEAMS.north.approver, TEAMS.south.approver]) {
      const token = await month.tokenOf(approver, ['approver']);
      const page = (await request('GET', '/approvals?limit=100', token)) as { items: { noteId: string; noteVersion: number }[] };
      for (const item of page.items) {
        const key = { 'idempotency-key': randomUUID(), 'if-match': `"${item.noteVersion}"` };
        const decision =
          item.noteId === duplicateId
            ? request('POST', `/notes/${item.noteId}/reject`, token, { reason: 'The same lunch as on the 10th, sent twice.' }, key)
            : request('POST', `/notes/${item.noteId}/approve`, token, {}, key);
        // The queue follows the decisions a moment later: an entry already decided answers 409 (or 412), as an app would see it.
        if (
          await decision.then(
            () => true,
            (error: Error) => (/: 4(09|12) /.test(error.message) ? false : Promise.reject(error)),
          )
        )
          decided += 1;
      }
    }
    if (decided === 0) {
      const open = [];
      for (const note of notes) if ((await month.note(note.id, note.employee)).status === 'awaiting_approval') open.push(note.id);
      if (open.length === 0) return;
      // A level asked for since the queues were read: the workflow writes it after the previous decision.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

beforeAll(async () => {
  month = await startMonthPlatform({ NDF_OWN_PROCESS: KILLED_ONE_BY_ONE.join(',') });
  await putSettings('approvers', APPROVERS);
  await putSettings('payees', { payees: EMPLOYEES.map((employee) => ({ employee, ...ACCOUNTS[employee] })) });
  await putSettings('payment', { debtor: ACCOUNTS.company, batchDay: 'on_demand' });
  const accountant = await month.tokenOf('olivia-accounts', ['accountant']);
  for (const [employee, amount] of Object.entries(ADVANCES))
    await request(
      'POST',
      '/advances',
      accountant,
      { employee, amount: { value: amount, currency: 'EUR' }, date: '2026-02-27', reason: 'Cash for the month on the road.' },
      { 'idempotency-key': randomUUID() },
    );

  notes = await month.createMonth(nextStep);
  const half = notes.length / 2;
  for (const [index, note] of notes.entries()) {
    if (index === half) kill(SERVICE_HOST);
    nextStep();
    const token = await month.tokenOf(note.employee, ['employee']);
    await request('POST', `/notes/${note.id}/submit`, token, undefined, { 'idempotency-key': randomUUID() });
  }
  await waitForStatuses(['awaiting_approval']);
  await decideQueues(notes.find((note) => note.mark === 'duplicate')!.id);
  await waitForStatuses(['approved', 'rejected']);

  // The accountant's batch, its file downloaded through its link, and the payment confirmed once the bank has run it.
  batch = (await request('POST', '/batches', accountant, undefined, { 'idempotency-key': randomUUID() })) as typeof batch;
  const file = (await request('GET', `/batches/${batch.batchId}/file`, accountant)) as { url: string };
  sepa = await (await fetch(file.url)).text();
  await request('POST', `/batches/${batch.batchId}/paid`, accountant, undefined, { 'idempotency-key': randomUUID() });
}, 1_800_000);
afterAll(async () => month?.stop());

describe('the month, from drafts to the SEPA file', () => {
  it('came through each service of the lifecycle killed in turn: each was started again, and nothing was quarantined', async () => {
    expect([...killed.keys()].sort()).toEqual([...KILLED_ONE_BY_ONE, SERVICE_HOST].sort());
    for (const [service, pid] of killed) expect(serviceProcess(month.platform.pid, service), service).not.toBe(pid);
    const quarantined = new Map<string, number>();
    for (const service of KILLED_ONE_BY_ONE.filter((name) => name !== 'stream-router'))
      quarantined.set(service, await deadLetters(service));
    expect(Object.fromEntries(quarantined)).toEqual(
      Object.fromEntries(KILLED_ONE_BY_ONE.filter((name) => name !== 'stream-router').map((name) => [name, 0])),
    );
  });

  it("pays each employee the hand-worked amount, in an XSD-valid file whose control sum is the month's", async () => {
    expect(await validatePain001(sepa)).toEqual({ valid: true, errors: [] });
    const transfers = [...sepa.matchAll(/<CdtTrfTxInf>([\s\S]*?)<\/CdtTrfTxInf>/g)].map(([, transfer]) => ({
      name: /<Cdtr>\s*<Nm>([^<]+)<\/Nm>/.exec(transfer!)?.[1],
      amount: /<InstdAmt Ccy="EUR">([^<]+)<\/InstdAmt>/.exec(transfer!)?.[1],
    }));
    const expected = EMPLOYEES.map((employee) => ({ name: ACCOUNTS[employee].name, amount: EXPECTED.reimbursed[employee] }));
    expect(transfers.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
    expect(/<GrpHdr>[\s\S]*?<NbOfTxs>(\d+)<\/NbOfTxs>\s*<CtrlSum>([^<]+)<\/CtrlSum>/.exec(sepa)?.slice(1)).toEqual([
      String(EXPECTED.sepa.transfers),
      EXPECTED.sepa.controlSum,
    ]);
    expect({ transfers: batch.transfers, controlSum: batch.controlSum.value }).toEqual({
      transfers: EXPECTED.sepa.transfers,
      controlSum: EXPECTED.sepa.controlSum,
    });
  });

  it('ends every note paid but the rejected duplicate, each with who decided it and why in its history', async () => {
    const statuses = new Map<string, string>();
    let duplicate: NoteDetail | undefined;
    for (const note of notes) {
      const detail = await month.note(note.id, note.employee);
      statuses.set(detail.status, (Number(statuses.get(detail.status) ?? 0) + 1).toString());
      if (note.mark === 'duplicate') duplicate = detail;
    }
    expect(Object.fromEntries(statuses)).toEqual({ paid: '199', rejected: '1' });
    expect(duplicate?.status).toBe('rejected');
    expect(duplicate?.history.at(-1)).toMatchObject({
      action: 'reject',
      actor: { id: TEAMS.south.approver },
      reason: 'The same lunch as on the 10th, sent twice.',
    });
  });
});
