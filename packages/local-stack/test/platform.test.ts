import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { PORT_VARIABLES } from '../src/config.js';
import { assertPortFree } from '../src/net/ports.js';
import { waitUntil } from '../src/net/wait-until.js';
import { descendants, isAlive } from './processes.js';
import { testStackConfig } from './stack-fixture.js';

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

describe('the platform command (what `npm start` runs)', () => {
  it('starts the stack, prints where everything is, and stops everything on Ctrl-C', async () => {
    const { ports } = await testStackConfig();
    const env: NodeJS.ProcessEnv = { ...process.env, NDF_PREFIX: 'platform-' };
    for (const [name, variable] of Object.entries(PORT_VARIABLES)) env[variable] = String(ports[name as keyof typeof ports]);
    const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', cli, 'platform', '--in-memory'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');

    await waitUntil('the platform banner', async () => output.includes('platform ready'), 45_000, 100);
    expect(output).toContain(`mail catcher           http://127.0.0.1:${ports.mailHttp}`);
    expect(output).toContain('npm run token -- --tenant');
    expect((await fetch(`http://127.0.0.1:${ports.mailHttp}/api/messages`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.issuer}/.well-known/jwks.json`)).status).toBe(200);
    const minted = spawnSync(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', cli, 'token', '--tenant', 'acme', '--user', 'alice', '--roles', 'employee,approver'],
      { env, encoding: 'utf8' },
    );
    expect(minted.status).toBe(0);
    const jwks = createRemoteJWKSet(new URL(`http://127.0.0.1:${ports.issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(minted.stdout.trim(), jwks, { issuer: `http://127.0.0.1:${ports.issuer}` });
    expect(payload).toMatchObject({ sub: 'alice', 'custom:tenant': 'acme', 'cognito:groups': ['employee', 'approver'] });
    const children = descendants(child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);

    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    expect(output).toContain('stopped');
    await waitUntil('every child gone', async () => children.every((pid) => !isAlive(pid)), 5_000);
    for (const port of Object.values(ports)) await assertPortFree(port, 'test');
  }, 90_000);
});
