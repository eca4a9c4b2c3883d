import { canReadNote, historyEntryOf, tenantScope, type NoteDetail, type ReceiptItem } from '@ndf/contracts';
import { etagOf, json, notFound } from '@ndf/http-api';
import { noteView, receiptView, stageView } from '../data/views.js';
import type { AuthorizedContext } from './route.js';

/** The note, its receipts (with thumbnails' links), every stage's state and every transition of its workflow. */
export async function getNote(context: AuthorizedContext) {
  const { deps, scope, signal } = context;
  const noteId = context.pathParameters.id!;
  const partition = await deps.store.readNote(scope, noteId, signal);
  const note = partition.note;
  if (!canReadNote(scope, note)) throw notFound('This note');
  const filed = new Set(partition.receipts.map((receipt) => receipt.receiptId));
  const loose = note.receiptIds.filter((receiptId) => !filed.has(receiptId));
  // A receipt asked for before its note belongs to the note's owner, whoever reads the note.
  const owner = tenantScope({ tenant: scope.tenant, user: note.owner, roles: scope.roles });
  const looseItems = loose.length > 0 ? await deps.store.readLooseReceipts(owner, loose, signal) : { receipts: [], stages: [] };
  const stages = [...partition.stages, ...looseItems.stages].map(stageView);
  const receipts = await Promise.all(
    [...partition.receipts, ...looseItems.receipts].map(async (receipt: ReceiptItem) => {
      const thumbnails = await Promise.all(
        (receipt.thumbnails ?? []).map(async ({ width, key }) => ({ width, url: await deps.files.thumbnailUrl(key) })),
      );
      return receiptView(receipt, stages, thumbnails);
    }),
  );
  const detail: NoteDetail = {
    ...noteView(note),
    receipts,
    stages: stages.filter((stage) => stage.receiptId === undefined),
    history: partition.history.map(historyEntryOf),
  };
  return json(200, detail, { etag: etagOf(note.version) });
}
