import { pathToFileURL } from 'node:url';
import type { HostedUnit } from '@ndf/local-stack';
import type { ServiceDefinition } from '@ndf/runtime';

/** Imports a unit's module and takes its definition: the export itself, or what the exported function returns for the unit's args. */
export async function loadDefinition(unit: HostedUnit): Promise<ServiceDefinition> {
  const module = (await import(pathToFileURL(unit.module).href)) as Record<string, unknown>;
  const exported = module[unit.exportName];
  if (exported === undefined) throw new Error(`${unit.module} exports no "${unit.exportName}".`);
  const definition = (typeof exported === 'function' ? (exported as (...args: unknown[]) => unknown)(...(unit.args ?? [])) : exported) as
    ServiceDefinition | undefined;
  if (definition?.kind !== 'queue' && definition?.kind !== 'stream') {
    throw new Error(`${unit.module}'s "${unit.exportName}" is neither a queue nor a stream service definition.`);
  }
  return definition;
}
