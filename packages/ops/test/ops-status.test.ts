import type { AlertsView, PlatformStatus } from '@ndf/alerting';
import { catalog } from '@ndf/catalog';
import { stackTokenChecks } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { LocalReadModel, Monitor, NO_LOGS } from '@ndf/monitor';
import { startPlatformConsole, type OpsConsole } from '@ndf/ops-console';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOps } from '../src/index.js';

// `ops status` and `ops alerts` on the laptop: a real monitor, its ops console over HTTP, an
// operator token from the stack's real issuer.
const PREFIX = 'ops-status-';
let stack: SharedStack;
let opsConsole: OpsConsole;
const monitor = new Monitor({ catalog });

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  const readModel = new LocalReadModel({ monitor, prefix: PREFIX, logSearch: NO_LOGS, queues: { of: () => ({}) } });
  opsConsole = await startPlatformConsole({
    monitor: readModel,
    clients: stack.clients,
    prefix: PREFIX,
    tokens: stackTokenChecks(stack),
    env: {},
    port: 0,
  });
});
afterAll(async () => {
  await opsConsole?.stop();
  await stack?.stop();
});

async function opsOn(consolePort: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runOps(argv, {
    env: { ...stack.environment(), NDF_PORT_CONSOLE: consolePort, NDF_JWT_ISSUER: stack.endpoints.issuer },
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
  });
  return { code, out, err };
}

const ops = (...argv: string[]) => opsOn(new URL(opsConsole.url).port, ...argv);

describe('ops status and alerts on the laptop', () => {
  it("show the monitor's components and its open alert, as text and as JSON", async () => {
    monitor.processExited('ocr');
    await monitor.tick();

    const alerts = await ops('alerts', '--json');
    expect(alerts.code).toBe(0);
    const view = JSON.parse(alerts.out) as AlertsView;
    expect(view.open.map((alert) => [alert.component, alert.runbook])).toEqual([['ocr', 'process-exited']]);
    expect((await ops('alerts')).out).toMatch(/^ocr\s+\d\d:\d\d:\d\d\s+process-exited/m);

    const status = JSON.parse((await ops('status', '--json')).out) as PlatformStatus;
    expect(status.components.map((component) => component.name).sort()).toEqual(
      [...catalog.services, ...catalog.routers, ...catalog.apis].map((component) => component.name).sort(),
    );
    expect(status.components.find((component) => component.name === 'ocr')?.alertId).toBe(view.open[0]!.id);
    const text = (await ops('status')).out;
    expect(text).toMatch(/^ocr\s+service\s+\S+\s+\S+ in\/s.*ALERT$/m);
    // What flows through a router is the stream's records, through an API its requests.
    expect(text).toMatch(/^stream-router\s+router\s+\S+\s+\S+ records\/s/m);
    expect(text).toMatch(/^ingest-api\s+api\s+\S+\s+\S+ req\/s/m);
  });

  it('says to start the platform when no console answers', async () => {
    const { code, err } = await opsOn('1', 'status');
    expect(code).toBe(1);
    expect(err).toContain('no ops console answers at http://127.0.0.1:1: start the platform first (npm start)');
  });
});
