import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServiceProcessOptions {
  /** A TypeScript entry script that runs a service (it calls `runService`). */
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  /** How long to wait for the service's `started` log line. */
  readonly startTimeoutMs?: number;
}

export interface ServiceProcess {
  readonly pid: number;
  /** The service's metrics server, from its `started` log line. */
  readonly metricsUrl: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no drain, messages in hand stay invisible until their visibility lapses. */
  kill(): Promise<void>;
  /** SIGTERM: the service drains and exits. */
  stop(): Promise<void>;
  /** The last lines the process printed (its JSON logs), to explain a failed test. */
  output(): string[];
}

const KEPT_LINES = 2_000;

/**
 * Runs a service as a separate Node process, from its TypeScript source, and resolves once
 * it has started consuming.
 */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', options.entry], {
    // tsx and the workspace packages resolve from the entry's folder upwards.
    cwd: dirname(options.entry),
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines: string[] = [];
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
  };

  const metricsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the service did not start in time\n${stderr.join('')}`)),
      options.startTimeoutMs ?? 30_000,
    );
    void exited.then(({ code, signal }) =>
      reject(new Error(`the service exited (${code ?? signal}) before it started\n${stderr.join('')}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
      if (!line.includes('"event":"started"')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { metrics: string }).metrics);
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });

  const signalAndWait = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    pid: child.pid!,
    metricsUrl,
    exited,
    kill: () => signalAndWait('SIGKILL'),
    stop: () => signalAndWait('SIGTERM'),
    output: () => [...lines, ...stderr],
  };
}
