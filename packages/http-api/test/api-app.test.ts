import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaRuntime } from '../src/api-app.js';

afterEach(() => vi.restoreAllMocks());

describe('lambdaRuntime', () => {
  it('writes each metrics line raw on stdout, unless the environment it is given says NDF_EMF=false', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    lambdaRuntime('expense-api', {}).metrics('{"a":1}');
    lambdaRuntime('expense-api', { NDF_EMF: 'false' }).metrics('{"b":2}');
    expect(write.mock.calls).toEqual([['{"a":1}\n']]);
  });

  it('logs one JSON line on stderr with the time and the API name', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    lambdaRuntime('ingest-api', {}).log({ event: 'failed', code: 'x' });
    expect(JSON.parse(error.mock.calls[0]![0] as string)).toMatchObject({ service: 'ingest-api', event: 'failed', code: 'x' });
  });
});
