import type { LogLine } from '@ndf/alerting';
import { describe, expect, it } from 'vitest';
import { LINE_CHARS, STRING_CHARS } from '../src/logs/bounded-value.js';
import { LogStore } from '../src/logs/log-store.js';
import { PARSED_LINE_CHARS } from '../src/logs/process-line.js';
import { processLogEnvironment, processOutput } from '../src/platform/process-output.js';

const AT = Date.parse('2026-03-01T09:00:00.000Z');

/** The platform's handling of process output, with what it printed, kept and passed on as metrics. */
function platform() {
  const printed: string[] = [];
  const kept: LogLine[] = [];
  const metrics: string[] = [];
  const store = new LogStore({ now: () => AT });
  const output = processOutput({
    print: (component, text) => printed.push(`${component} │ ${text}`),
    store: {
      append: (line) => {
        kept.push(line);
        store.append(line);
      },
    },
    onMetricsLine: (process, line) => metrics.push(`${process}: ${line}`),
    now: () => AT,
  });
  return { output, printed, kept, metrics, store };
}

const runtimeLine = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', time: '2026-03-01T08:59:59.500Z', service: 'receipt-intake', pid: 7, ...fields });

describe('the output of a supervised process', () => {
  it('asks every process for JSON lines, and for EMF documents only when someone reads them', () => {
    expect(processLogEnvironment({ metrics: false })).toEqual({ NDF_LOG_FORMAT: 'json', NDF_EMF: 'false' });
    expect(processLogEnvironment({ metrics: true })).toEqual({ NDF_LOG_FORMAT: 'json', NDF_EMF: 'true' });
  });

  it('prints a JSON log line short under the service that wrote it (a host prints for several), and keeps it whole', () => {
    const { output, printed, kept } = platform();
    output('service-host', runtimeLine({ event: 'receipt-recorded', receiptId: 'r-1', correlationId: 'c-1', size: 12 }), 'stdout');
    expect(printed).toEqual(['receipt-intake │ INFO  receipt-recorded receiptId=r-1 correlationId=c-1 size=12']);
    expect(kept).toEqual([
      {
        at: Date.parse('2026-03-01T08:59:59.500Z'),
        component: 'receipt-intake',
        level: 'info',
        event: 'receipt-recorded',
        correlationId: 'c-1',
        fields: JSON.parse(runtimeLine({ event: 'receipt-recorded', receiptId: 'r-1', correlationId: 'c-1', size: 12 })) as unknown,
      },
    ]);
  });

  it('passes EMF documents to the metrics reader, neither printed nor kept', () => {
    const { output, printed, kept, metrics } = platform();
    const emf = JSON.stringify({ _aws: { Timestamp: AT, CloudWatchMetrics: [] }, service: 'ocr', received: 3 });
    output('ocr', emf, 'stdout');
    expect(metrics).toEqual([`ocr: ${emf}`]);
    expect([printed, kept]).toEqual([[], []]);
  });

  it("keeps what is not a JSON object as the process's text: standard error as a warning", () => {
    const { output, printed, kept } = platform();
    output('ingest-api', 'ingest-api listening on http://127.0.0.1:8080/v1', 'stdout');
    output('ocr', 'TypeError: boom', 'stderr');
    output('ocr', '[1,2,3]', 'stdout');
    output('ocr', '{"level":"info","event":"cut in the mid', 'stdout');
    output('format-sniffer', 'stopped: the definition failed to load', undefined);
    expect(printed).toEqual([
      'ingest-api │ ingest-api listening on http://127.0.0.1:8080/v1',
      'ocr │ TypeError: boom',
      'ocr │ [1,2,3]',
      'ocr │ {"level":"info","event":"cut in the mid',
      'format-sniffer │ stopped: the definition failed to load',
    ]);
    expect(kept.map((line) => [line.component, line.level, line.fields])).toEqual([
      ['ingest-api', 'info', { text: 'ingest-api listening on http://127.0.0.1:8080/v1', stream: 'stdout' }],
      ['ocr', 'warn', { text: 'TypeError: boom', stream: 'stderr' }],
      ['ocr', 'info', { text: '[1,2,3]', stream: 'stdout' }],
      ['ocr', 'info', { text: '{"level":"info","event":"cut in the mid', stream: 'stdout' }],
      ['format-sniffer', 'warn', { text: 'stopped: the definition failed to load' }],
    ]);
    expect(kept.every((line) => line.at === AT)).toBe(true);
  });
});

describe('a hostile line', () => {
  it('too long to parse is kept as text, cut', () => {
    const { output, printed, kept } = platform();
    const huge = runtimeLine({ event: 'huge', correlationId: 'c-huge', blob: 'x'.repeat(PARSED_LINE_CHARS) });
    output('ocr', huge, 'stdout');
    expect(kept[0]!.fields).toMatchObject({ length: huge.length });
    expect(String(kept[0]!.fields.text)).toHaveLength(STRING_CHARS + 1);
    expect(printed[0]!.length).toBeLessThan(STRING_CHARS + 100);
  });

  it('of JSON with long strings and many keys keeps its ids, within the bounds of one line', () => {
    const { output, kept, store } = platform();
    const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, index]));
    output('ocr', runtimeLine({ event: 'big', correlationId: 'c-big', message: 'y'.repeat(100_000), many, list: many }), 'stdout');
    const [line] = kept;
    expect(line).toMatchObject({ component: 'receipt-intake', event: 'big', correlationId: 'c-big' });
    expect(String(line!.fields.message)).toHaveLength(STRING_CHARS + 1);
    expect(Object.keys(line!.fields.many as object).length).toBeLessThanOrEqual(65);
    expect(JSON.stringify(line).length).toBeLessThan(LINE_CHARS * 2);
    expect(store.search('c-big', 5)).toEqual([line]);
  });

  it('of JSON nested forty thousand deep is kept to a few levels, and can be written again', () => {
    const { output, printed, kept, store } = platform();
    const depth = 40_000;
    const deep = `{"level":"warn","service":"ocr","event":"deep","correlationId":"c-deep","detail":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    output('ocr', deep, 'stdout');
    expect(kept[0]).toMatchObject({ component: 'ocr', level: 'warn', event: 'deep' });
    expect(JSON.stringify(kept[0]!.fields.detail)).toBe('{"a":{"a":{"a":{"a":{"a":"{…}"}}}}}');
    expect(printed[0]).toContain('WARN  deep correlationId=c-deep detail=');
    expect(store.search('c-deep', 1)).toHaveLength(1);
  });

  it('of binary bytes and terminal escapes is printed with its control characters escaped', () => {
    const { output, printed, kept } = platform();
    const binary = '\u0000\u0001PK\u0003\u0004\u001b[2J\u001b]0;owned\u0007\u009b31m\ufffd\ufffd';
    output('ocr', binary, 'stdout');
    output('ocr', runtimeLine({ event: 'escape', note: '\u001b[31mred' }), 'stdout');
    expect(printed[0]).toBe('ocr │ \\u0000\\u0001PK\\u0003\\u0004\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\ufffd\ufffd');
    expect(printed[1]).toBe('receipt-intake │ INFO  escape note=\\u001b[31mred');
    expect(kept[0]!.fields.text).toBe(binary);
  });

  it('naming a prototype or an odd service keeps it as a plain field and speaks for its process', () => {
    const { output, kept } = platform();
    output('ocr', '{"level":"info","service":"../../etc \\u001b[31m","__proto__":{"polluted":true},"constructor":1}', 'stdout');
    const [line] = kept;
    expect(line!.component).toBe('ocr');
    expect(Object.getPrototypeOf(line!.fields)).toBe(Object.prototype);
    expect(Object.hasOwn(line!.fields, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('with a time far from now is placed when it arrived', () => {
    const { output, kept } = platform();
    output('ocr', JSON.stringify({ level: 'info', service: 'ocr', time: '1999-01-01T00:00:00Z' }), 'stdout');
    output('ocr', JSON.stringify({ level: 'info', service: 'ocr', time: 'not a time' }), 'stdout');
    expect(kept.map((line) => line.at)).toEqual([AT, AT]);
  });
});
