import type { TestProject } from 'vitest/node';
import { startStackBroker, type StackBroker } from './stack-broker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ndfStackBroker: string;
  }
}

interface BrokerHolder {
  broker: Promise<StackBroker>;
  users: number;
}

// Each project of the run loads this file on its own, in the same main process: the holder on
// globalThis makes them share one broker, stopped when the last project tears down.
const HOLDER = Symbol.for('ndf.stackBroker');
const globals = globalThis as typeof globalThis & { [HOLDER]?: BrokerHolder };

/** Vitest global setup: gives every test file of the run the address of one shared, lazily started stack. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const holder = (globals[HOLDER] ??= { broker: startStackBroker(), users: 0 });
  holder.users += 1;
  project.provide('ndfStackBroker', (await holder.broker).url);
  return async () => {
    holder.users -= 1;
    if (holder.users > 0) return;
    delete globals[HOLDER];
    await (await holder.broker).stop();
  };
}
