/** The message a schedule sends to the queue of a service it feeds (EventBridge in the cloud, the platform locally, `ops reconcile now`). */
export const SCHEDULE_TICK = { kind: 'tick' } as const;

/**
 * The variable that tells a service fed by a schedule the period of its ticks, in seconds (the
 * catalog's `everySeconds` in the cloud, what the platform ticks at locally), for a service that
 * spreads work over the period (the canary).
 */
export const SCHEDULE_SECONDS_VARIABLE = 'NDF_SCHEDULE_SECONDS';
