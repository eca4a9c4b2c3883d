import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HostCommand, HostedUnit, HostReport } from './host-protocol.js';
import { DEFAULT_RESTART_POLICY, restartDelayMs, type RestartPolicy } from './restart-delay.js';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /**
   * Services this process hosts (see host-protocol.ts): each is supervised as a unit of its own,
   * killed, resumed and restarted alone; when the process itself exits, it is started again
   * with every unit that was not killed.
   */
  readonly units?: readonly HostedUnit[];
}

export type ProcessState = 'starting' | 'running' | 'waiting-to-restart' | 'stopping' | 'stopped';

export interface ProcessStatus {
  readonly name: string;
  readonly state: ProcessState;
  /** For a hosted unit, its host's. */
  readonly pid: number | undefined;
  /** The process hosting this unit; undefined for a process. */
  readonly host?: string;
  readonly restarts: number;
  readonly lastExit: { code: number | null; signal: string | null; at: Date } | undefined;
}

export type SupervisorEvent =
  /** `host`: the process a hosted unit runs in. */
  | { type: 'started'; name: string; pid: number; host?: string }
  /**
   * `unexpected`: a crash, a `kill` (which stands for one), or a hosted unit gone with its host;
   * not an exit the supervisor asked for while stopping the platform.
   */
  | { type: 'exited'; name: string; code: number | null; signal: string | null; restartInMs: number | undefined; unexpected: boolean }
  /** `stream`: which of the process's outputs printed the line; none for the supervisor's own line about it. */
  | { type: 'output'; name: string; line: string; stream?: 'stdout' | 'stderr' };

/** Restart bookkeeping, the same for a process and a hosted unit. */
interface Restarts {
  state: ProcessState;
  restarts: number;
  consecutiveCrashes: number;
  startedAt: number;
  lastExit: ProcessStatus['lastExit'];
  restartTimer: NodeJS.Timeout | undefined;
}

interface UnitSlot extends Restarts {
  unit: HostedUnit;
  host: Slot;
  /** Resolves the pending `kill` once the host has halted the unit (or is gone). */
  halted: (() => void) | undefined;
}

interface Slot extends Restarts {
  spec: ProcessSpec;
  child: ChildProcess | undefined;
  units: UnitSlot[];
  /** Whether the host has said it listens for commands (see HostReport). */
  ready: boolean;
}

const fresh = (): Restarts => ({
  state: 'stopped',
  restarts: 0,
  consecutiveCrashes: 0,
  startedAt: 0,
  lastExit: undefined,
  restartTimer: undefined,
});

/**
 * Keeps each process running as ECS keeps a service's tasks: a process that exits is started
 * again after an exponential delay, reset once it has run long enough. Children get an IPC
 * channel, so they can notice when the supervisor itself is gone. Services hosted several to a
 * process are supervised the same way, one by one, through their host.
 */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private readonly units = new Map<string, UnitSlot>();
  private stopping = false;

  constructor(
    specs: readonly ProcessSpec[],
    private readonly onEvent: (event: SupervisorEvent) => void = () => undefined,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
    private readonly stopGraceMs = 10_000,
  ) {
    const taken = (name: string) => this.slots.has(name) || this.units.has(name);
    for (const spec of specs) {
      if (taken(spec.name)) throw new Error(`Two processes are named "${spec.name}".`);
      const slot: Slot = { spec, child: undefined, units: [], ready: false, ...fresh() };
      this.slots.set(spec.name, slot);
      for (const unit of spec.units ?? []) {
        if (taken(unit.name)) throw new Error(`Two processes are named "${unit.name}".`);
        const unitSlot: UnitSlot = { unit, host: slot, halted: undefined, ...fresh(), state: 'starting' };
        slot.units.push(unitSlot);
        this.units.set(unit.name, unitSlot);
      }
    }
  }

  start(): void {
    for (const slot of this.slots.values()) this.launch(slot);
  }

  /** Every process, then every hosted unit. */
  status(): ProcessStatus[] {
    return [
      ...[...this.slots.values()].map((slot) => ({
        name: slot.spec.name,
        state: slot.state,
        pid: slot.child?.pid,
        restarts: slot.restarts,
        lastExit: slot.lastExit,
      })),
      ...[...this.units.values()].map((unit) => ({
        name: unit.unit.name,
        state: unit.state,
        pid: unit.state === 'running' ? unit.host.child?.pid : undefined,
        host: unit.host.spec.name,
        restarts: unit.restarts,
        lastExit: unit.lastExit,
      })),
    ];
  }

  /** SIGTERM to every child (they drain), SIGKILL to those still there after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.slots.values()].map((slot) => this.stopSlot(slot)));
  }

  /**
   * Kills one process at once (SIGKILL: no drain, as a crash) and keeps it down until `resume`.
   * A hosted unit is halted by its host the same way: no drain, no further call, no heartbeat.
   */
  async kill(name: string): Promise<void> {
    const unit = this.units.get(name);
    if (unit) return this.killUnit(unit);
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
    const unit = this.units.get(name);
    if (unit) {
      if (unit.state === 'stopped' && !this.stopping) this.startUnit(unit);
      return;
    }
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
    child.on('message', (report: HostReport) => this.onReport(slot, report));
    for (const [stream, input] of [
      ['stdout', child.stdout],
      ['stderr', child.stderr],
    ] as const) {
      if (input) createInterface({ input }).on('line', (line) => this.onEvent({ type: 'output', name: slot.spec.name, line, stream }));
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
    slot.ready = false;
    slot.lastExit = { code, signal, at: new Date() };
    for (const unit of slot.units) this.onHostGone(unit, code, signal);
    if (this.stopping || slot.state === 'stopping') {
      slot.state = 'stopped';
      this.onEvent({ type: 'exited', name: slot.spec.name, code, signal, restartInMs: undefined, unexpected: !this.stopping });
      return;
    }
    const ranFor = Date.now() - slot.startedAt;
    slot.consecutiveCrashes = ranFor >= this.policy.stableAfterMs ? 1 : slot.consecutiveCrashes + 1;
    const delay = restartDelayMs(this.policy, slot.consecutiveCrashes);
    slot.state = 'waiting-to-restart';
    this.onEvent({ type: 'exited', name: slot.spec.name, code, signal, restartInMs: delay, unexpected: true });
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

  private send(host: Slot, command: HostCommand): boolean {
    const child = host.child;
    if (!host.ready || !child?.connected) return false;
    child.send(command);
    return true;
  }

  private startUnit(unit: UnitSlot): void {
    unit.state = 'starting';
    unit.startedAt = Date.now();
    // A host not ready yet is sent the unit once it is (see onReport).
    this.send(unit.host, { type: 'start', unit: unit.unit });
  }

  private async killUnit(unit: UnitSlot): Promise<void> {
    if (unit.restartTimer) clearTimeout(unit.restartTimer);
    unit.restartTimer = undefined;
    const wasRunning = unit.state === 'running';
    unit.state = 'stopping';
    const halted = new Promise<void>((resolve) => (unit.halted = resolve));
    if (!this.send(unit.host, { type: 'halt', name: unit.unit.name })) unit.halted?.();
    await halted;
    unit.halted = undefined;
    unit.state = 'stopped';
    if (wasRunning)
      this.onEvent({ type: 'exited', name: unit.unit.name, code: null, signal: 'SIGKILL', restartInMs: undefined, unexpected: true });
  }

  private onReport(host: Slot, report: HostReport): void {
    if (report.type === 'ready') {
      host.ready = true;
      for (const unit of host.units) if (unit.state === 'starting') this.startUnit(unit);
      return;
    }
    const unit = this.units.get(report.name);
    if (!unit || unit.host !== host) return;
    if (report.type === 'halted') unit.halted?.();
    else if (report.type === 'started' && unit.state === 'starting') {
      unit.state = 'running';
      this.onEvent({ type: 'started', name: unit.unit.name, pid: host.child?.pid ?? -1, host: host.spec.name });
    } else if (report.type === 'exited' && (unit.state === 'starting' || unit.state === 'running')) {
      this.onEvent({ type: 'output', name: unit.unit.name, line: `stopped: ${report.error}` });
      this.restartUnitLater(unit, 1, null);
    }
  }

  /** The host process is gone: a halt in progress is done; the others start with the host again. */
  private onHostGone(unit: UnitSlot, code: number | null, signal: NodeJS.Signals | null): void {
    unit.halted?.();
    if (unit.restartTimer) clearTimeout(unit.restartTimer);
    unit.restartTimer = undefined;
    if (unit.state === 'stopped' || unit.state === 'stopping') return;
    unit.lastExit = { code, signal, at: new Date() };
    unit.restarts += unit.state === 'running' ? 1 : 0;
    // It starts again with its host, whose own event says when.
    if (unit.state === 'running' && !this.stopping)
      this.onEvent({ type: 'exited', name: unit.unit.name, code, signal, restartInMs: undefined, unexpected: true });
    unit.state = this.stopping ? 'stopped' : 'starting';
  }

  private restartUnitLater(unit: UnitSlot, code: number | null, signal: NodeJS.Signals | null): void {
    unit.lastExit = { code, signal, at: new Date() };
    const ranFor = Date.now() - unit.startedAt;
    unit.consecutiveCrashes = ranFor >= this.policy.stableAfterMs ? 1 : unit.consecutiveCrashes + 1;
    const delay = restartDelayMs(this.policy, unit.consecutiveCrashes);
    unit.state = 'waiting-to-restart';
    this.onEvent({ type: 'exited', name: unit.unit.name, code, signal, restartInMs: delay, unexpected: true });
    unit.restartTimer = setTimeout(() => {
      unit.restartTimer = undefined;
      unit.restarts += 1;
      if (!this.stopping) this.startUnit(unit);
    }, delay);
  }
}
