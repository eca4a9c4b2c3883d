import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { queryPagesWith, type PageRange } from '@ndf/note-workflow';
import type { BatcherDependencies, Call } from './dependencies.js';

/** Every item of a Query of the notes table, page after page, each page through `call`. */
export function queryNotesTable(
  call: Call,
  dependencies: BatcherDependencies,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  range: PageRange = {},
): Promise<Record<string, unknown>[]> {
  return queryPagesWith(
    (command) => call('dynamodb', (signal) => dependencies.dynamodb.send(command, { abortSignal: signal })),
    { TableName: dependencies.notesTable, ...input },
    range,
  );
}
