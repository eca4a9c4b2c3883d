import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DEFAULT_RESTART_POLICY, restartDelayMs, type RestartPolicy } from './restart-delay.js';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

export type ProcessState = 'starting' | 'running' | 'waiting-to-restart' | 'stopping' | 'stopped';

export interface ProcessStatus {
  readonly name: string;
  readonly state: ProcessState;
  readonly pid: number | undefined;
  readonly restarts: number;
  readonly lastExit: { code: number | null; signal: string | null; at: Date } | undefined;
}

export type SupervisorEvent =
  | { type: 'started'; name: string; pid: number }
  | { type: 'exited'; name: string; code: number | null; signal: string | null; restartInMs: number | undefined }
  | { type: 'output'; name: string; line: string };

interface Slot {
  spec: ProcessSpec;
  child: ChildProcess | undefined;
  state: ProcessState;
  restarts: number;
  consecutiveCrashes: number;
  startedAt: number;
  lastExit: ProcessStatus['lastExit'];
  restartTimer: NodeJS.Timeout | undefined;
}

/**
 * Keeps each process running as ECS keeps a service's tasks: a process that exits is started
 * again after an exponential delay, reset once it has run long enough. Children get an IPC
 * channel, so they can notice when the supervisor itself is gone.
 */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private stopping = false;

  constructor(
    specs: readonly ProcessSpec[],
    private readonly onEvent: (event: SupervisorEvent) => void = () => undefined,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
    private readonly stopGraceMs = 10_000,
  ) {
    for (const spec of specs) {
      if (this.slots.has(spec.name)) throw new Error(`Two processes are named "${spec.name}".`);
      this.slots.set(spec.name, {
        spec,
        child: undefined,
        state: 'stopped',
        restarts: 0,
        consecutiveCrashes: 0,
        startedAt: 0,
        lastExit: undefined,
        restartTimer: undefined,
      });
    }
  }

  start(): void {
    for (const slot of this.slots.values()) this.launch(slot);
  }

  status(): ProcessStatus[] {
    return [...this.slots.values()].map((slot) => ({
      name: slot.spec.name,
      state: slot.state,
      pid: slot.child?.pid,
      restarts: slot.restarts,
      lastExit: slot.lastExit,
    }));
  }

  /** SIGTERM to every child (they drain), SIGKILL to those still there after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.slots.values()].map((slot) => this.stopSlot(slot)));
  }

  /** Kills one process at once (SIGKILL: no drain, as a crash) and keeps it down until `resume`. */
  async kill(name: string): Promise<void> {
    const slot = this.slot(name);
    if (slot.restartTimer) clearTimeout(slot.restartTimer);
    slot.restartTimer = undefined;
    const child = slot.child;
    slot.state = 'stopping';
    if (child && child.exitCode === null && child.signalCode === null) {
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGKILL');
      await closed;
    }
    slot.state = 'stopped';
  }

  /** Starts again a process that `kill` keeps down. */
  resume(name: string): void {
    const slot = this.slot(name);
    if (slot.state === 'stopped' && !this.stopping) this.launch(slot);
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`No process named "${name}" is supervised.`);
    return slot;
  }

  private launch(slot: Slot): void {
    slot.state = 'starting';
    slot.startedAt = Date.now();
    const child = spawn(slot.spec.command, [...slot.spec.args], {
      cwd: slot.spec.cwd,
      env: { ...process.env, ...slot.spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    slot.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.onEvent({ type: 'output', name: slot.spec.name, line }));
    }
    child.once('spawn', () => {
      slot.state = 'running';
      this.onEvent({ type: 'started', name: slot.spec.name, pid: child.pid ?? -1 });
    });
    child.once('error', (error) => this.onEvent({ type: 'output', name: slot.spec.name, line: `could not start: ${error.message}` }));
    child.once('close', (code, signal) => this.onExit(slot, code, signal));
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    slot.child = undefined;
    slot.lastExit = { code, signal, at: new Date() };
    if (this.stopping || slot.state === 'stopping') {
      slot.state = 'stopped';
      this.onEvent({ type: 'exited', name: slot.spec.name, code, signal, restartInMs: undefined });
      return;
    }
    const ranFor = Date.now() - slot.startedAt;
    slot.consecutiveCrashes = ranFor >= this.policy.stableAfterMs ? 1 : slot.consecutiveCrashes + 1;
    const delay = restartDelayMs(this.policy, slot.consecutiveCrashes);
    slot.state = 'waiting-to-restart';
    this.onEvent({ type: 'exited', name: slot.spec.name, code, signal, restartInMs: delay });
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = undefined;
      slot.restarts += 1;
      this.launch(slot);
    }, delay);
  }

  private async stopSlot(slot: Slot): Promise<void> {
    if (slot.restartTimer) clearTimeout(slot.restartTimer);
    slot.restartTimer = undefined;
    const child = slot.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      slot.state = 'stopped';
      return;
    }
    slot.state = 'stopping';
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), this.stopGraceMs);
    await closed;
    clearTimeout(timer);
  }
}
