import { describe, expect, it } from 'vitest';
import { consoleLine } from '../src/platform/console-line.js';

describe('a line of the console', () => {
  it('speaks for the service that starts it (a host prints for several), or else for its process', () => {
    expect(consoleLine('service-host', 'receipt-intake    │ INFO  started queue=ndf-receipt-intake')).toEqual({
      service: 'receipt-intake',
      text: 'INFO  started queue=ndf-receipt-intake',
    });
    expect(consoleLine('ingest-api', 'ingest-api listening on http://127.0.0.1:8080/v1')).toEqual({
      service: 'ingest-api',
      text: 'ingest-api listening on http://127.0.0.1:8080/v1',
    });
  });
});
