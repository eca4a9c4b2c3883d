import { serviceEntry, tableName } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';
import { RATES_SOURCE_VARIABLE, sourceProblem } from './rates-source.js';

export const service = defineService({
  entry: serviceEntry('rates-loader'),
  dependencies: ({ clients, prefix, env }) => {
    const source = env[RATES_SOURCE_VARIABLE] || undefined;
    const problem = source === undefined ? undefined : sourceProblem(source);
    if (problem) throw new Error(problem);
    return { dynamodb: clients.dynamodb, referenceTable: tableName(prefix, 'reference'), notesTable: tableName(prefix, 'notes'), source };
  },
  handle,
});
