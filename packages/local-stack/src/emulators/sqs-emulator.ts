import { mkdirSync } from 'node:fs';
import { startFauxqs } from 'fauxqs';
import { LOOPBACK } from '../net/ports.js';

export interface RunningSqsEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface SqsEmulatorOptions {
  readonly port: number;
  readonly region: string;
  /**
   * Where queues and messages are kept (SQLite, written through on every change): a stack started
   * again on the same folder, after a stop or a SIGKILL, finds its messages, in flight ones included.
   * Undefined keeps them in memory.
   */
  readonly dataDir?: string;
}

/** SQS by fauxqs, in this process, bound to loopback (`listenHost` is our patch: fauxqs binds every interface). */
export async function startSqsEmulator(options: SqsEmulatorOptions): Promise<RunningSqsEmulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    port: options.port,
    listenHost: LOOPBACK,
    logger: false,
    defaultRegion: options.region,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  return { endpoint: `http://${LOOPBACK}:${server.port}`, stop: () => server.stop() };
}
