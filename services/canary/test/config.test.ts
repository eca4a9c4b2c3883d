import { describe, expect, it } from 'vitest';
import { canarySettings } from '../src/config.js';

describe('canarySettings', () => {
  it('runs every 10 s, waits 5 s for the fields and one run per tick by default', () => {
    expect(canarySettings({})).toEqual({ intervalMs: 10_000, fieldsDeadlineMs: 5_000, requestTimeoutMs: 3_000, tickPeriodMs: 10_000 });
  });

  it('takes each setting from its variable, the tick period from the schedule', () => {
    expect(
      canarySettings({
        NDF_CANARY_INTERVAL_SECONDS: '5',
        NDF_CANARY_FIELDS_DEADLINE_SECONDS: '4',
        NDF_CANARY_REQUEST_TIMEOUT_SECONDS: '1.5',
        NDF_SCHEDULE_SECONDS: '60',
      }),
    ).toEqual({ intervalMs: 5_000, fieldsDeadlineMs: 4_000, requestTimeoutMs: 1_500, tickPeriodMs: 60_000 });
  });

  it('refuses a value that is not a positive number, and a fields deadline that leaves no room in the interval', () => {
    expect(() => canarySettings({ NDF_CANARY_INTERVAL_SECONDS: 'ten' })).toThrow(
      'NDF_CANARY_INTERVAL_SECONDS=ten is not a positive number of seconds.',
    );
    expect(() => canarySettings({ NDF_SCHEDULE_SECONDS: '0' })).toThrow('NDF_SCHEDULE_SECONDS=0');
    expect(() => canarySettings({ NDF_CANARY_FIELDS_DEADLINE_SECONDS: '10' })).toThrow(
      'NDF_CANARY_FIELDS_DEADLINE_SECONDS must be shorter than NDF_CANARY_INTERVAL_SECONDS',
    );
  });
});
