import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';

const entry = fileURLToPath(new URL('../../services/ingest-api/local/serve.ts', import.meta.url));

export interface IngestProcess {
  /** http://127.0.0.1:<port>, the API's base path not included. */
  readonly endpoint: string;
  /** What the process wrote on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** The ingest API's own local entry point (gateway stand-in, JWT authorizer, handler) in a process of its own, against the stack. */
export async function startIngestProcess(stack: SharedStack): Promise<IngestProcess> {
  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', entry], {
    env: { ...process.env, ...stack.environment(), PORT: String(port), NDF_SERVICE: 'ingest-api' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntil('the ingest API', async () => (await fetch(`${endpoint}/v1/health`)).ok, 30_000, 100);
  return {
    endpoint,
    output: () => output,
    async stop() {
      if (api.exitCode !== null) return;
      const exited = once(api, 'exit');
      api.kill('SIGTERM');
      await exited;
    },
  };
}
