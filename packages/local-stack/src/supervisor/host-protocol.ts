// How the supervisor talks to a process that hosts several services (a "host"), over the IPC
// channel every supervised child has. The supervisor decides which unit runs: the host starts
// nothing by itself, so a host that crashed and is started again runs what the supervisor says.

/** One service run inside a host: the module exporting its definition, and its own environment. */
export interface HostedUnit {
  readonly name: string;
  /** Absolute path of the module to import. */
  readonly module: string;
  /** The export holding the definition, or a function returning it from `args`. */
  readonly exportName: string;
  readonly args?: readonly unknown[];
  /** Added to the host's environment for this unit only. */
  readonly env?: Record<string, string>;
}

export type HostCommand =
  /** Start the unit (a fresh runtime instance: clients, consumer, metrics endpoint, heartbeat). */
  | { readonly type: 'start'; readonly unit: HostedUnit }
  /** Stop the unit at once, as SIGKILL stops a process: no drain, no further calls, no heartbeat. */
  | { readonly type: 'halt'; readonly name: string };

export type HostReport =
  /** The host listens for commands: the supervisor sends it the units to start. */
  | { readonly type: 'ready' }
  | { readonly type: 'started'; readonly name: string }
  | { readonly type: 'halted'; readonly name: string }
  /** The unit failed to start or stopped on its own: the supervisor starts it again after a delay. */
  | { readonly type: 'exited'; readonly name: string; readonly error: string };
