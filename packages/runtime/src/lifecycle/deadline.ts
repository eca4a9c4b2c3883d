export interface Deadline {
  /** Aborts at the deadline (a TimeoutError) or when the parent aborts (its reason). */
  readonly signal: AbortSignal;
  /** Ends the timer and the link to the parent; call it once the work is over. */
  clear(): void;
}

/**
 * A signal that aborts after `ms` or with `parent`. Not `AbortSignal.any([AbortSignal.timeout(ms), parent])`:
 * on Node 20 the timeout signal inside such a composite can be garbage collected before it
 * fires (nodejs/node#57736), and a handler under load then never sees its deadline.
 */
export function deadlineSignal(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const onParentAbort = (): void => controller.abort(parent?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`the deadline of ${ms} ms passed`, 'TimeoutError')), ms);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
