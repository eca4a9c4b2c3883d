import { pathToFileURL } from 'node:url';
import type { HostedUnit } from '@ndf/local-stack';
import {
  startService,
  startStreamService,
  type RunOptions,
  type RunningService,
  type ServiceDefinition,
  type StreamServiceDefinition,
} from '@ndf/runtime';

type Definition = ServiceDefinition | StreamServiceDefinition;

const isStreamDefinition = (definition: Definition): definition is StreamServiceDefinition => 'handleBatch' in definition;

/** Imports a unit's module and takes its definition: the export itself, or what the exported function returns for the unit's args. */
export async function loadDefinition(unit: HostedUnit): Promise<Definition> {
  const module = (await import(pathToFileURL(unit.module).href)) as Record<string, unknown>;
  const exported = module[unit.exportName];
  if (exported === undefined) throw new Error(`${unit.module} exports no "${unit.exportName}".`);
  const definition = (
    typeof exported === 'function' ? (exported as (...args: unknown[]) => unknown)(...(unit.args ?? [])) : exported
  ) as Definition;
  if (!definition || !('entry' in definition || 'handleBatch' in definition)) {
    throw new Error(`${unit.module}'s "${unit.exportName}" is neither a queue nor a stream service definition.`);
  }
  return definition;
}

/** Starts a queue or a stream service definition, as its own main.ts would. */
export function startDefinition(definition: Definition, options: RunOptions): Promise<RunningService> {
  return isStreamDefinition(definition) ? startStreamService(definition, options) : startService(definition, options);
}
