import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLine } from '@ndf/alerting';
import { afterEach, describe, expect, it } from 'vitest';
import { recordLine, textLine } from '../src/logs/process-line.js';
import { LogStore, type LogStoreOptions } from '../src/logs/log-store.js';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const MINUTE = 60_000;

/** A clock the test moves. */
function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const folders: string[] = [];
function folder(): string {
  const created = mkdtempSync(join(tmpdir(), 'ndf-logs-'));
  folders.push(created);
  return created;
}
afterEach(() => {
  for (const created of folders.splice(0)) rmSync(created, { recursive: true, force: true });
});

/** A JSON line as the runtime's logger writes it, at `at`. */
function line(service: string, at: number, fields: Record<string, unknown>): LogLine {
  return recordLine('service-host', { level: 'info', time: new Date(at).toISOString(), service, pid: 7, ...fields }, at);
}

const store = (options: LogStoreOptions) => new LogStore(options);

const events = (lines: LogLine[]) => lines.map((found) => `${found.component}:${found.event}`);

describe('the log store: search by id', () => {
  it("returns every service's lines of a correlation, note or receipt id in time order, whatever order they arrived in", () => {
    const time = clock();
    const logs = store({ now: time.now });
    logs.append(line('receipt-parser', T0 + 300, { event: 'receipt-read', correlationId: 'c-1', receiptId: 'r-1' }));
    logs.append(line('receipt-intake', T0 + 100, { event: 'receipt-recorded', receiptId: 'r-1' }));
    logs.append(line('note-enricher', T0 + 400, { event: 'note-enriched', correlationId: 'c-1', noteId: 'n-1' }));
    logs.append(line('format-sniffer', T0 + 200, { event: 'job-dropped', correlationId: 'c-2', receiptId: 'r-2' }));
    logs.append(line('reconciler', T0 + 250, { event: 'receipt-redriven', correlationId: 'tick', correlationOfReceipt: 'c-1' }));

    expect(events(logs.search('c-1', 10))).toEqual([
      'reconciler:receipt-redriven',
      'receipt-parser:receipt-read',
      'note-enricher:note-enriched',
    ]);
    expect(events(logs.search('r-1', 10))).toEqual(['receipt-intake:receipt-recorded', 'receipt-parser:receipt-read']);
    expect(events(logs.search('n-1', 10))).toEqual(['note-enricher:note-enriched']);
    expect(logs.search('c-404', 10)).toEqual([]);
    expect(events(logs.search('c-1', 2))).toEqual(['receipt-parser:receipt-read', 'note-enricher:note-enriched']);
    expect(logs.search('c-1', 0)).toEqual([]);
    expect(logs.search('c-1', Number.NaN)).toEqual([]);
  });

  it('keeps lines of one millisecond in the order they arrived', () => {
    const logs = store({ now: clock().now });
    for (const event of ['first', 'second', 'third']) logs.append(line('ocr', T0, { event, correlationId: 'c-1' }));
    expect(events(logs.search('c-1', 10))).toEqual(['ocr:first', 'ocr:second', 'ocr:third']);
  });

  it('forgets lines an hour after they arrived, and the oldest past its line limit', () => {
    const time = clock();
    const logs = store({ now: time.now, maxIndexedLines: 3 });
    logs.append(line('ocr', T0, { event: 'old', correlationId: 'c-1' }));
    time.advance(59 * MINUTE);
    logs.append(line('ocr', time.now(), { event: 'recent', correlationId: 'c-1' }));
    expect(events(logs.search('c-1', 10))).toEqual(['ocr:old', 'ocr:recent']);
    time.advance(2 * MINUTE);
    expect(events(logs.search('c-1', 10))).toEqual(['ocr:recent']);
    for (const id of ['a', 'b', 'c']) logs.append(line('ocr', time.now(), { event: id, correlationId: id }));
    expect(logs.search('c-1', 10)).toEqual([]);
    expect(logs.indexedLines).toBe(3);
  });
});

describe('the log store: errors grouped by kind', () => {
  it('groups warnings and errors across services by error code or name, with counts, first and last seen and the latest example', () => {
    const time = clock();
    const logs = store({ now: time.now });
    const at = (minutes: number) => T0 + minutes * MINUTE;
    const arrive = (kept: LogLine) => {
      time.advance(kept.at - time.now());
      logs.append(kept);
    };
    arrive(line('ocr', at(1), { level: 'warn', event: 'handler-failed', errorName: 'TimeoutError', message: 'slow' }));
    arrive(line('receipt-parser', at(2), { level: 'warn', event: 'handler-failed', errorName: 'TimeoutError', message: 'slower' }));
    arrive(line('ingest-api', at(3), { level: 'error', code: 'internal_error', error: 'TypeError: x is undefined' }));
    arrive(line('reconciler', at(4), { level: 'warn', event: 'reconcile-failed', error: 'ConditionalCheckFailedException: no' }));
    arrive(line('reconciler', at(5), { level: 'error', event: 'reconciler-gave-up', reason: 'not a receipt' }));
    arrive(line('ocr', at(6), { level: 'info', event: 'started', errorName: 'NotAnError' }));
    arrive(textLine('ocr', 'TypeError: Cannot read properties of undefined', at(7), 'stderr'));
    arrive(textLine('ocr', '    at handle (file:///services/ocr/src/handler.ts:12:3)', at(7), 'stderr'));
    arrive(textLine('ocr', 'TypeError: printed on standard output', at(7), 'stdout'));
    time.advance(at(8) - time.now());

    const groups = logs.errorGroups(60);
    expect(groups.map((group) => [group.kind, group.count, group.components])).toEqual([
      ['TypeError', 1, ['ocr']],
      ['reconciler-gave-up', 1, ['reconciler']],
      ['ConditionalCheckFailedException', 1, ['reconciler']],
      ['internal_error', 1, ['ingest-api']],
      ['TimeoutError', 2, ['ocr', 'receipt-parser']],
    ]);
    const timeouts = groups.find((group) => group.kind === 'TimeoutError')!;
    expect([timeouts.firstSeen, timeouts.lastSeen]).toEqual([at(1), at(2)]);
    expect(timeouts.example.fields.message).toBe('slower');
    const kinds = (minutes: number) => logs.errorGroups(minutes).map((group) => group.kind);
    expect(kinds(4)).toEqual(['TypeError', 'reconciler-gave-up', 'ConditionalCheckFailedException']);
    time.advance(3 * MINUTE);
    expect(kinds(1)).toEqual([]);
  });
});

describe('the log store on disk', () => {
  const lines = (count: number, from = 0) =>
    Array.from({ length: count }, (_, index) =>
      line('ocr', T0 + from + index, { event: `line-${from + index}`, correlationId: `c-${from + index}`, noteId: 'n-1' }),
    );

  it('appends NDJSON files, a new one past its size, and keeps the last N bytes in all', () => {
    const where = folder();
    const logs = store({ folder: where, maxFileBytes: 4_096, maxTotalBytes: 16_384, now: clock().now });
    for (const each of lines(400)) {
      logs.append(each);
      logs.flush();
    }

    const files = readdirSync(where).sort();
    const sizes = files.map((name) => statSync(join(where, name)).size);
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.every((name) => /^logs-\d{12}\.ndjson$/.test(name))).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(16_384);
    expect(logs.bytesOnDisk).toBe(sizes.reduce((sum, size) => sum + size, 0));
    const kept = files.flatMap((name) => readFileSync(join(where, name), 'utf8').trim().split('\n'));
    expect((JSON.parse(kept.at(-1)!) as LogLine).event).toBe('line-399');
    expect(kept.some((text) => (JSON.parse(text) as LogLine).event === 'line-0')).toBe(false);
  });

  it('finds the recent lines again after a restart, within what it may read again, past a torn line', () => {
    const where = folder();
    const time = clock();
    const before = store({ folder: where, now: time.now });
    for (const each of lines(50)) before.append(each);
    before.close();
    const [file] = readdirSync(where);
    appendFileSync(join(where, file!), '{"at":12,"component":"ocr","lev');

    const after = store({ folder: where, now: time.now });
    expect(after.search('n-1', 100)).toHaveLength(50);
    expect(after.search('c-49', 1)[0]).toEqual(lines(1, 49)[0]);
    after.append(line('ocr', T0 + 60, { event: 'after-restart', noteId: 'n-1' }));
    after.close();
    expect(readdirSync(where)).toHaveLength(2);

    const bounded = store({ folder: where, now: time.now, replayBytes: 1_000 });
    const replayed = bounded.search('n-1', 100);
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.length).toBeLessThan(10);
    expect(replayed.at(-1)?.event).toBe('after-restart');

    time.advance(61 * MINUTE);
    expect(store({ folder: where, now: time.now }).search('n-1', 100)).toEqual([]);
  });

  it('keeps lines searchable when the disk refuses them, and says so once', () => {
    const where = folder();
    const errors: unknown[] = [];
    const logs = store({ folder: where, now: clock().now, onWriteError: (error) => errors.push(error) });
    rmSync(where, { recursive: true });
    for (const each of lines(3)) {
      logs.append(each);
      logs.flush();
    }
    expect(errors).toHaveLength(1);
    expect(logs.search('n-1', 10)).toHaveLength(3);
  });
});
