import { mkdirSync } from 'node:fs';
import { LOOPBACK } from '../net/ports.js';
import { waitUntil } from '../net/wait-until.js';
import { paths } from '../paths.js';
import { spawnManaged } from './child-process.js';

export interface RunningS3Backend {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** s3rver in a child process (see bin/s3-backend.mjs for why), objects on disk in `directory`. */
export async function startS3BackendProcess(options: { port: number; directory: string }): Promise<RunningS3Backend> {
  mkdirSync(options.directory, { recursive: true });
  const child = spawnManaged(process.execPath, ['--openssl-legacy-provider', paths.s3BackendLauncher, String(options.port), options.directory], {
    cwd: paths.packageRoot,
  });
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  let exitedEarly = false;
  void child.exited.then(() => (exitedEarly = true), () => (exitedEarly = true));
  try {
    await waitUntil('the S3 emulator', async () => {
      if (exitedEarly) throw new Error(`it exited during start-up:\n${child.output()}`);
      const response = await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return response.status < 500;
    });
  } catch (error) {
    await child.stop(1_000);
    throw error;
  }
  return { endpoint, pid: child.process.pid ?? -1, stop: () => child.stop() };
}
