/** How often and how patiently the canary runs; from the environment, with the platform's defaults. */
export interface CanarySettings {
  /** One run every this long (NDF_CANARY_INTERVAL_SECONDS). */
  readonly intervalMs: number;
  /** How long after its upload the receipt's fields must be back (the chain's p50 is under 2 s). */
  readonly fieldsDeadlineMs: number;
  /** Each call to the API or the upload form, at most (the API's own deadline is 3 s). */
  readonly requestTimeoutMs: number;
  /** The period of the ticks that start the runs (NDF_SCHEDULE_SECONDS); a tick starts one run per interval within it. */
  readonly tickPeriodMs: number;
}

const SECOND = 1_000;

const SETTINGS = {
  intervalMs: { variable: 'NDF_CANARY_INTERVAL_SECONDS', fallback: 10 },
  // An interval and this deadline: the longest a broken chain goes unseen (15 s, within the local time-to-alert target).
  fieldsDeadlineMs: { variable: 'NDF_CANARY_FIELDS_DEADLINE_SECONDS', fallback: 5 },
  requestTimeoutMs: { variable: 'NDF_CANARY_REQUEST_TIMEOUT_SECONDS', fallback: 3 },
  // Unset: one run per tick.
  tickPeriodMs: { variable: 'NDF_SCHEDULE_SECONDS', fallback: undefined },
} as const satisfies Record<keyof CanarySettings, { variable: string; fallback: number | undefined }>;

function seconds(env: NodeJS.ProcessEnv, variable: string, fallback: number | undefined): number | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${variable}=${raw} is not a positive number of seconds.`);
  return value;
}

/**
 * The settings, each from its variable when set. A value that is not a positive number, or a
 * deadline for the fields that leaves no time in the interval, stops the service at its first tick.
 */
export function canarySettings(env: NodeJS.ProcessEnv): CanarySettings {
  const read = (name: keyof CanarySettings) => seconds(env, SETTINGS[name].variable, SETTINGS[name].fallback);
  const intervalMs = read('intervalMs')! * SECOND;
  const fieldsDeadlineMs = read('fieldsDeadlineMs')! * SECOND;
  const requestTimeoutMs = read('requestTimeoutMs')! * SECOND;
  const tickPeriodMs = (read('tickPeriodMs') ?? intervalMs / SECOND) * SECOND;
  // A run is cut at the end of its interval: its receipt must have the time to come back before.
  if (fieldsDeadlineMs >= intervalMs)
    throw new Error(
      `${SETTINGS.fieldsDeadlineMs.variable} must be shorter than ${SETTINGS.intervalMs.variable}: a run ends within its interval.`,
    );
  return { intervalMs, fieldsDeadlineMs, requestTimeoutMs, tickPeriodMs };
}
