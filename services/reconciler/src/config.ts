import { STUCK_AFTER_SETTING } from '@ndf/receipt-pipeline';

/** How the reconciler judges what is stuck; from the environment, with the platform's defaults. */
export interface ReconcilerSettings {
  /** A receipt not moved on for this long is looked at (its job driven again once its queue is drained). */
  readonly stuckAfterMs: number;
  /** Past this since it last moved on, its job is driven again even while its queue still holds others' work. */
  readonly forceAfterMs: number;
  /** An upload not made within this is no longer expected: the receipt becomes `expired`. */
  readonly uploadExpiryMs: number;
  /** Re-drives without progress before it is given up: failed, counted (reconciler_gave_up, which pages) and logged. */
  readonly maxRedrives: number;
  /** Receipts looked at in one tick at most, so a tick stays well within its deadline. */
  readonly receiptsPerTick: number;
}

const SECOND = 1_000;
const HOUR = 3_600 * SECOND;

const SETTINGS = {
  stuckAfterMs: STUCK_AFTER_SETTING,
  forceAfterMs: { variable: 'NDF_RECONCILER_FORCE_AFTER_SECONDS', unit: SECOND, fallback: 1_800 },
  // The presigned POST lives 15 minutes; a day leaves room for an app that retries from a bad connection.
  uploadExpiryMs: { variable: 'NDF_RECONCILER_UPLOAD_EXPIRY_HOURS', unit: HOUR, fallback: 24 },
  maxRedrives: { variable: 'NDF_RECONCILER_MAX_REDRIVES', unit: 1, fallback: 5 },
  receiptsPerTick: { variable: 'NDF_RECONCILER_RECEIPTS_PER_TICK', unit: 1, fallback: 200 },
} as const satisfies Record<keyof ReconcilerSettings, { variable: string; unit: number; fallback: number }>;

/** The settings, each from its variable when set; a value that is not a positive number stops the service at start. */
export function reconcilerSettings(env: NodeJS.ProcessEnv): ReconcilerSettings {
  const entries = Object.entries(SETTINGS).map(([name, { variable, unit, fallback }]) => {
    const raw = env[variable];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`${variable}=${raw} is not a positive number.`);
    return [name, value * unit];
  });
  return Object.fromEntries(entries) as unknown as ReconcilerSettings;
}
