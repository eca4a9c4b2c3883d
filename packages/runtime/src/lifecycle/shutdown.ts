/**
 * An AbortSignal that fires when the process is asked to stop: SIGTERM (ECS, the local
 * supervisor), SIGINT (Ctrl-C), or the supervisor's IPC channel closing because the
 * supervisor itself is gone.
 */
export function shutdownSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('shutting down'));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (process.send) process.once('disconnect', stop);
  return controller.signal;
}
