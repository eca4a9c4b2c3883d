import type { HostCommand, HostedUnit, HostReport } from '@ndf/local-stack';
import { startService, type RunningService } from '@ndf/runtime';
import { loadDefinition } from './load-definition.js';

interface Instance {
  readonly halt: AbortController;
  /** Settles once the unit runs, or could not start. */
  readonly starting: Promise<RunningService | undefined>;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Runs the units the supervisor asks for, each a separate runtime instance (its own clients,
 * consumer, metrics endpoint, heartbeat and logger) in this one process: modules, the event
 * loop and the heap are shared, nothing else is.
 */
export class ServiceHost {
  private readonly instances = new Map<string, Instance>();

  constructor(
    private readonly report: (report: HostReport) => void,
    /** Stops every unit with a drain (the process is asked to stop). */
    private readonly shutdown: AbortSignal,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get running(): readonly string[] {
    return [...this.instances.keys()];
  }

  handle(command: HostCommand): void {
    if (command.type === 'start') this.start(command.unit);
    else void this.halt(command.name);
  }

  /** Resolves once every unit has stopped (drained on shutdown). */
  async stopped(): Promise<void> {
    await Promise.all([...this.instances.values()].map(async (instance) => (await instance.starting)?.stopped));
  }

  private start(unit: HostedUnit): void {
    if (this.instances.has(unit.name) || this.shutdown.aborted) return;
    const halt = new AbortController();
    const starting = loadDefinition(unit)
      .then((definition) =>
        startService(definition, {
          env: { ...this.env, ...unit.env, NDF_SERVICE: unit.name },
          signal: this.shutdown,
          halt: halt.signal,
        }),
      )
      .then(
        (running) => {
          if (!halt.signal.aborted) this.report({ type: 'started', name: unit.name });
          void running.stopped.then(() => this.onStopped(unit.name, instance));
          return running;
        },
        (error: unknown) => {
          this.onStopped(unit.name, instance, error);
          return undefined;
        },
      );
    const instance: Instance = { halt, starting };
    this.instances.set(unit.name, instance);
  }

  private async halt(name: string): Promise<void> {
    const instance = this.instances.get(name);
    if (instance) {
      instance.halt.abort(new Error('halted'));
      this.instances.delete(name);
      await instance.starting;
    }
    this.report({ type: 'halted', name });
  }

  /** A unit that stops while neither halted nor shut down has failed: the supervisor restarts it. */
  private onStopped(name: string, instance: Instance, error?: unknown): void {
    if (instance.halt.signal.aborted || this.shutdown.aborted) return;
    if (this.instances.get(name) === instance) this.instances.delete(name);
    this.report({ type: 'exited', name, error: error === undefined ? 'stopped on its own' : describe(error) });
  }
}
