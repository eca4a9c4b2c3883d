/** How the retention keeper paces its work; from the environment, with the platform's defaults. */
export interface RetentionSettings {
  /** The sealed index's first day (yyyy-mm-dd), and the first month expiry lists. */
  readonly sealFrom: string;
  readonly sealAfterMs: number;
  /** The month (1-12) the tenants' fiscal year ends in. */
  readonly fiscalYearEndMonth: number;
  readonly erasuresPerTick: number;
  readonly notesPerStep: number;
  readonly daysPerTick: number;
  readonly pageSize: number;
  readonly pagesPerRun: number;
}

const MINUTE = 60_000;

const NUMBERS = {
  // An upload is recorded within intake's 30 s deadline of the time it is indexed with: ten minutes is well past it.
  sealAfterMs: { variable: 'NDF_RETENTION_SEAL_AFTER_MINUTES', unit: MINUTE, fallback: 10 },
  fiscalYearEndMonth: { variable: 'NDF_RETENTION_FISCAL_YEAR_END_MONTH', unit: 1, fallback: 12 },
  erasuresPerTick: { variable: 'NDF_RETENTION_ERASURES_PER_TICK', unit: 1, fallback: 10 },
  notesPerStep: { variable: 'NDF_RETENTION_NOTES_PER_STEP', unit: 1, fallback: 25 },
  daysPerTick: { variable: 'NDF_RETENTION_DAYS_PER_TICK', unit: 1, fallback: 7 },
  pageSize: { variable: 'NDF_RETENTION_PAGE_SIZE', unit: 1, fallback: 100 },
  pagesPerRun: { variable: 'NDF_RETENTION_PAGES_PER_RUN', unit: 1, fallback: 20 },
} as const;

/** The day the platform began indexing originals (this service's first release). */
const SEAL_FROM_FALLBACK = '2026-12-01';

/** The settings, each from its variable when set; a value out of range stops the service at start. */
export function retentionSettings(env: NodeJS.ProcessEnv): RetentionSettings {
  const numbers = Object.fromEntries(
    Object.entries(NUMBERS).map(([name, { variable, unit, fallback }]) => {
      const raw = env[variable];
      const value = raw === undefined || raw === '' ? fallback : Number(raw);
      if (!(Number.isInteger(value) && value > 0)) throw new Error(`${variable}=${raw} is not a positive whole number.`);
      return [name, value * unit];
    }),
  ) as Omit<RetentionSettings, 'sealFrom'>;
  if (numbers.fiscalYearEndMonth > 12) throw new Error(`NDF_RETENTION_FISCAL_YEAR_END_MONTH=${numbers.fiscalYearEndMonth} is not a month.`);
  const sealFrom = env.NDF_RETENTION_SEAL_FROM || SEAL_FROM_FALLBACK;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(sealFrom) || Number.isNaN(Date.parse(sealFrom)))
    throw new Error(`NDF_RETENTION_SEAL_FROM=${sealFrom} is not a day (yyyy-mm-dd).`);
  return { ...numbers, sealFrom };
}
