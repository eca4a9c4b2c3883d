import { buildApp } from 'fauxqs';
import { LOOPBACK } from '../net/ports.js';

export interface RunningSqsEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * SQS by fauxqs, in this process. Its own start helpers bind every interface, so the app is
 * built and bound to loopback here.
 */
export async function startSqsEmulator(options: { port: number; region: string }): Promise<RunningSqsEmulator> {
  const app = buildApp({ logger: false, defaultRegion: options.region });
  await app.listen({ port: options.port, host: LOOPBACK });
  return { endpoint: `http://${LOOPBACK}:${options.port}`, stop: () => app.close() };
}
