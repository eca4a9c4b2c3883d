import { PermanentError } from '@ndf/runtime';

/** What the schedule sends (an EventBridge rule in the cloud, the platform on a laptop). */
export interface Tick {
  readonly kind: 'tick';
}

export function parseTick(body: string): Tick {
  let tick: Partial<Tick> | null;
  try {
    tick = JSON.parse(body) as Partial<Tick> | null;
  } catch {
    throw new PermanentError('The message is not JSON: not a tick.');
  }
  if (tick?.kind !== 'tick') throw new PermanentError('The message is not a tick ({"kind":"tick"}).');
  return { kind: 'tick' };
}
