import { mkdirSync } from 'node:fs';
import { LOOPBACK } from '../net/ports.js';
import { paths } from '../paths.js';
import { spawnManaged, waitUntilServing } from './child-process.js';

export interface RunningS3Backend {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** s3rver in a child process (see bin/s3-backend.mjs for why), objects on disk in `directory`. */
export async function startS3BackendProcess(options: { port: number; directory: string }): Promise<RunningS3Backend> {
  mkdirSync(options.directory, { recursive: true });
  const child = spawnManaged(
    process.execPath,
    ['--openssl-legacy-provider', paths.s3BackendLauncher, String(options.port), options.directory],
    {
      cwd: paths.packageRoot,
    },
  );
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  await waitUntilServing(child, 'the S3 emulator', async () => {
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status < 500;
  });
  return { endpoint, pid: child.process.pid ?? -1, stop: () => child.stop() };
}
