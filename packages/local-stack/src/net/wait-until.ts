import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it resolves truthy, or fails naming `what` once `timeoutMs` has passed. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`${what} was not ready within ${timeoutMs} ms${reason}`);
}
