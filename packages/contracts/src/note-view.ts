import type { NoteItem } from './items.js';
import { OPTIONAL_NOTE_FIELDS, type Note } from './note.js';
import { TENANT_READER_ROLES } from './roles.js';
import type { TenantScope } from './tenant-scope.js';

const NOTE_FIELDS = ['date', 'amount', ...OPTIONAL_NOTE_FIELDS, 'approvedAmount'] as const;

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** What every API shows of a note item (keys, hashes, index attributes and workflow internals stay inside). */
export function noteView(item: NoteItem): Note {
  const fields = Object.fromEntries(NOTE_FIELDS.map((field) => [field, item[field]])) as Pick<Note, (typeof NOTE_FIELDS)[number]>;
  return defined({
    id: item.noteId,
    status: item.status as Note['status'],
    version: item.version,
    owner: item.owner,
    ...fields,
    receiptIds: [...(item.receiptIds ?? [])],
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  });
}

/** An employee sees only their own notes; approvers, accountants and admins every note of their tenant. */
export function canReadNote(scope: TenantScope, note: NoteItem | undefined): note is NoteItem {
  if (!note || note.status === 'deleted') return false;
  return note.owner === scope.user || scope.roles.some((role) => TENANT_READER_ROLES.includes(role));
}
