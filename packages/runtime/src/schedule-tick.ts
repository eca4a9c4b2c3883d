import { SCHEDULE_TICK } from '@ndf/catalog';
import { PermanentError } from './errors.js';

/** What a schedule sends (an EventBridge rule in the cloud, the platform on a laptop). */
export type ScheduleTick = typeof SCHEDULE_TICK;

/** The tick in a message of a service fed by a schedule; anything else is quarantined with the reason. */
export function parseScheduleTick(body: string): ScheduleTick {
  let tick: { kind?: unknown } | null;
  try {
    tick = JSON.parse(body) as { kind?: unknown } | null;
  } catch {
    throw new PermanentError('The message is not JSON: not a tick.');
  }
  if (tick?.kind !== SCHEDULE_TICK.kind) throw new PermanentError('The message is not a tick ({"kind":"tick"}).');
  return SCHEDULE_TICK;
}
