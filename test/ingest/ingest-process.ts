import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntil } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';

/** The platform's HTTP APIs, each served locally by its own `local/serve.ts`. */
export type ApiName = 'ingest-api' | 'expense-api';

export interface ApiProcess {
  /** http://127.0.0.1:<port>, the API's base path not included. */
  readonly endpoint: string;
  /** What the process wrote on stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export type IngestProcess = ApiProcess;

/** The ingest API's own local entry point (gateway stand-in, JWT authorizer, handler) in a process of its own, against the stack. */
export const startIngestProcess = (stack: SharedStack): Promise<IngestProcess> => startApiProcess(stack, 'ingest-api');

/** An API's own local entry point in a process of its own, against the stack, once its health route answers. */
export async function startApiProcess(stack: SharedStack, name: ApiName): Promise<ApiProcess> {
  const entry = fileURLToPath(new URL(`../../services/${name}/local/serve.ts`, import.meta.url));
  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', entry], {
    env: { ...process.env, ...stack.environment(), PORT: String(port), NDF_SERVICE: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  api.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntil(`the ${name}`, async () => (await fetch(`${endpoint}/v1/health`)).ok, 30_000, 100);
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
