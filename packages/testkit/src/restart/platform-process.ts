import { spawn, type ChildProcess } from 'node:child_process';
import { DEFAULT_PREFIX, bucketName, catalog, tableName } from '@ndf/catalog';
import {
  PORT_VARIABLES,
  apiPortVariable,
  descendants,
  freePort,
  localAwsClients,
  paths,
  waitUntil,
  type AwsClients,
} from '@ndf/local-stack';

/** The environment that puts a platform on its own free ports and data folder, kept for its restarts. */
export async function platformEnvironment(dataDir: string, extra: Record<string, string>): Promise<Record<string, string>> {
  // NDF_PORT_CONSOLE: the ops console `npm start` serves (its variable lives with the console, which the local stack does not know).
  const variables = [...Object.values(PORT_VARIABLES), ...catalog.apis.map((api) => apiPortVariable(api)), 'NDF_PORT_CONSOLE'];
  const ports = await Promise.all(variables.map(() => freePort()));
  return { ...Object.fromEntries(variables.map((variable, index) => [variable, String(ports[index])])), NDF_DATA_DIR: dataDir, ...extra };
}

export interface PlatformProcess {
  readonly pid: number;
  /** Every line it printed, services' included. */
  readonly lines: string[];
  readonly exited: Promise<void>;
  /** SIGKILL of every process of its tree at once, as a crash of the laptop's session would. */
  kill(): Promise<number>;
  /** SIGINT, as Ctrl-C: the platform stops its services and emulators, and exits. */
  interrupt(): Promise<void>;
}

/** `npm start` in a process group of its own, on the environment given; resolves once its ingest API answers. */
export async function startPlatform(
  environment: Record<string, string>,
  onLine: (line: string) => void = () => undefined,
): Promise<PlatformProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'packages/monitor/src/cli/start.ts'],
    { cwd: paths.repoRoot, env: { ...process.env, ...environment }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid!;
  const lines: string[] = [];
  const collect = (chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString();
    const complete = rest.text.split('\n');
    rest.text = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      onLine(line);
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout!.on('data', (chunk: Buffer) => collect(chunk, out));
  child.stderr!.on('data', (chunk: Buffer) => collect(chunk, err));
  let gone = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => (gone = true));

  const api = `http://127.0.0.1:${environment[apiPortVariable({ name: 'ingest-api' })]}/v1`;
  await waitUntil(
    'the platform to answer',
    async () => {
      if (gone) throw new Error(`the platform exited while starting:\n${lines.slice(-20).join('\n')}`);
      return (await fetch(`${api}/health`).catch(() => undefined))?.ok === true;
    },
    180_000,
    250,
  );
  return {
    pid,
    lines,
    exited,
    kill: async () => {
      const tree = [pid, ...descendants(pid)];
      for (const member of tree) {
        try {
          process.kill(member, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await exited;
      await waitUntil('every process of the platform to be gone', async () => tree.every((member) => !alive(member)), 10_000, 50);
      return tree.length;
    },
    interrupt: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where a platform started on `environment` answers: its API, its AWS endpoints, its table and bucket, and a token of `tenant`. */
export async function platformAccess(environment: Record<string, string>, tenant: string) {
  const endpoint = (name: keyof typeof PORT_VARIABLES) => `http://127.0.0.1:${environment[PORT_VARIABLES[name]]}`;
  const response = await fetch(`${endpoint('issuer')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, user: 'chaos', roles: ['employee'], expiresInSeconds: 86_400 }),
  });
  const { token } = (await response.json()) as { token: string };
  const aws: AwsClients = localAwsClients(
    { dynamodb: endpoint('dynamodb'), sqs: endpoint('sqs'), s3: endpoint('s3') },
    'eu-west-3',
    'local',
    'local',
  );
  return {
    api: `http://127.0.0.1:${environment[apiPortVariable({ name: 'ingest-api' })]}/v1`,
    endpoint,
    token,
    aws,
    table: tableName(DEFAULT_PREFIX, 'notes'),
    receiptsBucket: bucketName(DEFAULT_PREFIX, 'receipts'),
  };
}
