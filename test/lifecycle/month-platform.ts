import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PREFIX, tableName } from '@ndf/catalog';
import { tenantScope, type NoteDetail, type NoteInput } from '@ndf/contracts';
import { parseRatesJson } from '@ndf/exchange-rates';
import { PORT_VARIABLES, apiPortVariable, waitUntil, type AwsClients } from '@ndf/local-stack';
import { loadRates } from '@ndf/rates-store';
import { writeSettings } from '@ndf/tenant-settings';
import { platformAccess, platformEnvironment, startPlatform, type PlatformProcess } from '@ndf/testkit';
import { POLICY, USD_RATE, monthOfNotes, type Employee, type PlannedNote } from './month.js';

/** A platform as `npm start` runs it, on its own ports and data, with the month's tenant set up. */
export interface MonthPlatform {
  readonly tenant: string;
  readonly platform: PlatformProcess;
  readonly ingestApi: string;
  readonly expenseApi: string;
  /** The platform's AWS clients (its emulators), for what only the services and the accountant's tools reach. */
  readonly aws: AwsClients;
  tokenOf(user: string, roles: readonly string[]): Promise<string>;
  /**
   * Creates the month's notes through the ingest API, 25 per request as the app sends them; each
   * planned note with its id. `beforeRequest` runs before each request (a fault to inject).
   */
  createMonth(beforeRequest?: () => void): Promise<(PlannedNote & { readonly id: string })[]>;
  note(id: string, employee: Employee): Promise<NoteDetail>;
  /**
   * A call to the expense API as the app makes it: again after a 503 (Retry-After), with the same
   * headers (its Idempotency-Key); the answer's JSON, or an error naming the status. `retried`
   * counts the 503s met.
   */
  expense(method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>;
  readonly retried: { count: number };
  stop(): Promise<void>;
}

/** `extraEnvironment`: added to the platform's (NDF_OWN_PROCESS to run services alone, to kill each alone). */
export async function startMonthPlatform(extraEnvironment: Record<string, string> = {}): Promise<MonthPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ndf-month-'));
  const environment = await platformEnvironment(dataDir, extraEnvironment);
  const platform = await startPlatform(environment);
  const tenant = `month-${randomUUID().slice(0, 8)}`;
  const access = await platformAccess(environment, tenant);
  const signal = AbortSignal.timeout(60_000);
  const notesTable = tableName(DEFAULT_PREFIX, 'notes');

  // The tenant's policy (the settings API's document), and the day's reference rate of the dollar dinner.
  const scope = tenantScope({ tenant, user: 'admin', roles: ['admin'] });
  const written = await writeSettings(access.aws.dynamodb, notesTable, scope, 'POLICY', POLICY, 0, signal);
  if (written.outcome !== 'written') throw new Error(`The month's policy was not stored: ${JSON.stringify(written)}`);
  await loadRates(
    { dynamodb: access.aws.dynamodb, referenceTable: tableName(DEFAULT_PREFIX, 'reference'), notesTable },
    parseRatesJson({ base: 'EUR', days: [{ date: USD_RATE.date, rates: { [USD_RATE.currency]: USD_RATE.rate } }] }),
    signal,
  );

  const issuer = `http://127.0.0.1:${environment[PORT_VARIABLES.issuer]}`;
  const tokens = new Map<string, string>();
  const tokenOf = async (user: string, roles: readonly string[]) => {
    const key = `${user}/${roles.join(',')}`;
    if (!tokens.has(key)) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, user, roles, expiresInSeconds: 86_400 }),
      });
      tokens.set(key, ((await response.json()) as { token: string }).token);
    }
    return tokens.get(key)!;
  };
  const ingestApi = `http://127.0.0.1:${environment[apiPortVariable({ name: 'ingest-api' })]}/v1`;
  const expenseApi = `http://127.0.0.1:${environment[apiPortVariable({ name: 'expense-api' })]}/v1`;
  // The platform is ready once the ingest API answers; the expense API's adapter may start a moment later.
  await waitUntil(
    'the expense API to answer',
    async () => (await fetch(`${expenseApi}/health`).catch(() => undefined))?.ok === true,
    60_000,
    250,
  );

  /** As the app sends them: a batch, and again with the same keys for what answered 503 (Retry-After), until every note is there. */
  const createBatch = async (employee: Employee, notes: readonly NoteInput[], keys: readonly string[]) => {
    const ids: (string | undefined)[] = notes.map(() => undefined);
    for (let attempt = 1; ids.some((id) => id === undefined); attempt += 1) {
      const pending = ids.flatMap((id, index) => (id === undefined ? [index] : []));
      const response = await fetch(`${ingestApi}/notes/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenOf(employee, ['employee'])}`, 'content-type': 'application/json' },
        body: JSON.stringify({ notes: pending.map((index) => ({ idempotencyKey: keys[index], note: notes[index] })) }),
      });
      const body = (await response.json()) as { results?: { index: number; status: number; note?: { id: string } }[] };
      const retryable = response.status === 503 || (body.results ?? []).every((result) => result.status < 400 || result.status === 503);
      if (!retryable || attempt > 120)
        throw new Error(`POST /notes/batch for ${employee}: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
      for (const result of body.results ?? []) if (result.note) ids[pending[result.index]!] = result.note.id;
      if (ids.some((id) => id === undefined)) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return ids as string[];
  };

  const retried = { count: 0 };
  const expense = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${expenseApi}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status === 503 && attempt < 120) {
        retried.count += 1;
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    }
  };

  return {
    tenant,
    platform,
    expense,
    retried,
    ingestApi,
    expenseApi,
    aws: access.aws,
    tokenOf,
    createMonth: async (beforeRequest = () => undefined) => {
      const planned = monthOfNotes();
      const created: (PlannedNote & { id: string })[] = [];
      for (let start = 0; start < planned.length; start += 25) {
        const chunk = planned.slice(start, start + 25);
        // A chunk never mixes employees: 40 per employee, so chunks of 25 and 15.
        const byEmployee = new Map<Employee, PlannedNote[]>();
        for (const note of chunk) byEmployee.set(note.employee, [...(byEmployee.get(note.employee) ?? []), note]);
        for (const [employee, notes] of byEmployee) {
          beforeRequest();
          const ids = await createBatch(
            employee,
            notes.map((note) => note.input),
            notes.map(() => randomUUID()),
          );
          notes.forEach((note, index) => created.push({ ...note, id: ids[index]! }));
        }
      }
      return created;
    },
    note: async (id, employee) => {
      // As the app reads: again after a 503 (Retry-After), the platform being busy with the month.
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${ingestApi}/notes/${id}`, {
          headers: { authorization: `Bearer ${await tokenOf(employee, ['employee'])}` },
        });
        if (response.ok) return (await response.json()) as NoteDetail;
        if (response.status !== 503 || attempt >= 120) throw new Error(`GET /notes/${id}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    },
    stop: async () => {
      await platform.interrupt();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `done` holds for every id, reading only those not done yet, and says which are left when it gives up. */
export async function waitForEach<T>(what: string, ids: readonly T[], done: (id: T) => Promise<boolean>, timeoutMs: number): Promise<void> {
  const left = new Set(ids);
  await waitUntil(
    `${what} (${left.size} left)`,
    async () => {
      for (const id of [...left]) if (await done(id)) left.delete(id);
      return left.size === 0;
    },
    timeoutMs,
    1_000,
  );
}
