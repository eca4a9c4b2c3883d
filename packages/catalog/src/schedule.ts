/** The message a schedule sends to the queue of a service it feeds (EventBridge in the cloud, the platform locally, `ops reconcile now`). */
export const SCHEDULE_TICK = { kind: 'tick' } as const;
