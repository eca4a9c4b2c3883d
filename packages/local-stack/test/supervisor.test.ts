import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { restartDelayMs } from '../src/supervisor/restart-delay.js';
import { Supervisor, type SupervisorEvent } from '../src/supervisor/supervisor.js';
import { waitUntil } from '../src/net/wait-until.js';
import { isAlive } from './processes.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const node = (name: string, ...args: string[]) => ({ command: process.execPath, args: [fixture(name), ...args] });

describe('restart delays', () => {
  it('double from the first restart and stop at the ceiling', () => {
    const policy = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 30_000 };
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => restartDelayMs(policy, n))).toEqual([500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000]);
  });
});

describe('the supervisor', () => {
  it('restarts a crashing process with growing delays, and stops it for good', async () => {
    const events: SupervisorEvent[] = [];
    const supervisor = new Supervisor([{ name: 'crashy', ...node('crashes-soon.mjs', '30') }], (event) => events.push(event), {
      initialDelayMs: 50,
      maxDelayMs: 200,
      stableAfterMs: 60_000,
    });
    supervisor.start();
    await waitUntil('four restarts', async () => supervisor.status()[0]!.restarts >= 4, 10_000);
    await supervisor.stop();

    const delays = events.flatMap((event) => (event.type === 'exited' && event.restartInMs !== undefined ? [event.restartInMs] : []));
    expect(delays.slice(0, 4)).toEqual([50, 100, 200, 200]);
    const crashCodes = events.flatMap((event) => (event.type === 'exited' && event.restartInMs !== undefined ? [event.code] : []));
    expect(new Set(crashCodes)).toEqual(new Set([3]));
    const pids = events.flatMap((event) => (event.type === 'started' ? [event.pid] : []));
    expect(new Set(pids).size).toBe(pids.length);
    expect(pids.some(isAlive)).toBe(false);
    const restartsAfterStop = supervisor.status()[0]!.restarts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(supervisor.status()[0]!.restarts).toBe(restartsAfterStop);
  });

  it('lets a process drain on SIGTERM and kills one that ignores it after the grace period', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(
      [
        { name: 'polite', ...node('runs-until-stopped.mjs') },
        { name: 'stubborn', ...node('ignores-sigterm.mjs') },
      ],
      (event) => event.type === 'output' && lines.push(`${event.name}: ${event.line}`),
      undefined,
      300,
    );
    supervisor.start();
    await waitUntil('both running', async () => lines.includes('polite: running') && lines.includes('stubborn: running'), 10_000);
    const pids = supervisor.status().map((status) => status.pid!);
    await supervisor.stop();
    expect(lines).toContain('polite: draining');
    expect(lines).toContain('stubborn: ignoring SIGTERM');
    expect(supervisor.status().map((status) => [status.state, status.lastExit?.signal ?? status.lastExit?.code])).toEqual([
      ['stopped', 0],
      ['stopped', 'SIGKILL'],
    ]);
    expect(pids.some(isAlive)).toBe(false);
  });

  it('says which output of a process printed each line', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(
      [{ name: 'speaker', command: process.execPath, args: ['-e', "console.log('to stdout'); console.error('to stderr')"] }],
      (event) => event.type === 'output' && lines.push(`${event.stream}: ${event.line}`),
    );
    supervisor.start();
    await waitUntil('both lines', async () => lines.length === 2, 10_000);
    await supervisor.stop();
    expect(lines.sort()).toEqual(['stderr: to stderr', 'stdout: to stdout']);
  });

  it('says which exits nobody asked for: a crash and a kill are unexpected, the platform stopping is not', async () => {
    const exits: string[] = [];
    const supervisor = new Supervisor(
      [
        { name: 'crashy', ...node('crashes-soon.mjs', '30') },
        { name: 'killed', ...node('runs-until-stopped.mjs') },
        { name: 'polite', ...node('runs-until-stopped.mjs') },
      ],
      (event) => event.type === 'exited' && exits.push(`${event.name} ${event.unexpected ? 'unexpected' : 'asked'}`),
      { initialDelayMs: 5_000, maxDelayMs: 5_000, stableAfterMs: 60_000 },
    );
    supervisor.start();
    await waitUntil('the crash', async () => exits.includes('crashy unexpected'), 10_000);
    await waitUntil(
      'the others running',
      async () => supervisor.status().every((status) => status.name === 'crashy' || status.state === 'running'),
      10_000,
    );
    await supervisor.kill('killed');
    await supervisor.stop();
    expect(exits).toEqual(['crashy unexpected', 'killed unexpected', 'polite asked']);
  });

  it('refuses two processes with one name', () => {
    expect(
      () =>
        new Supervisor([
          { name: 'a', ...node('runs-until-stopped.mjs') },
          { name: 'a', ...node('runs-until-stopped.mjs') },
        ]),
    ).toThrow('Two processes are named "a".');
  });
});
