import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService, type DependencyContext } from '@ndf/runtime';
import { handle, type LoaderDependencies } from './handler.js';
import { RATES_SOURCE_VARIABLE, sourceProblem } from './rates-source.js';

/** Its tables, and its source checked once: a source it may not read stops it at start, with the reason. */
export function loaderDependencies({ clients, prefix, env }: Pick<DependencyContext, 'clients' | 'prefix' | 'env'>): LoaderDependencies {
  const source = env[RATES_SOURCE_VARIABLE] || undefined;
  const problem = source === undefined ? undefined : sourceProblem(source);
  if (problem) throw new Error(problem);
  return {
    dynamodb: clients.dynamodb,
    referenceTable: tableName(prefix, 'reference'),
    notesTable: tableName(prefix, 'notes'),
    source,
    lastLoaded: {},
  };
}

export const service = defineService({ entry: serviceEntry('rates-loader'), dependencies: loaderDependencies, handle });
