import { ERASURE_MARK, RETENTION_KEEPER, type ChangeMessage } from '@ndf/contracts';

/** Who made a change, as far as the item tells. */
export interface AuditActor {
  readonly kind: 'user' | 'service' | 'platform';
  readonly id: string;
}

/** One field's change. Free text about people (comments, attendees) is recorded as changed, never copied. */
export interface FieldChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Set instead of before/after for a personal field. */
  readonly personal?: true;
}

/** One change of a note or a receipt, as the audit trail keeps it for ten years. */
export interface AuditRecord {
  readonly tenant: string;
  readonly noteId?: string;
  readonly receiptId?: string;
  readonly itemType: string;
  readonly event: ChangeMessage['eventName'];
  /** When the change was made: the item's own time when it has one, else the stream's. */
  readonly at: string;
  readonly actor: AuditActor;
  readonly status?: { readonly before?: unknown; readonly after?: unknown };
  /** A workflow step: its action, and the reason or comment given. */
  readonly action?: string;
  readonly reason?: string;
  readonly changes: readonly FieldChange[];
  readonly correlationId?: string;
  /** The stream's record: its id and sequence number (the order of changes within an item). */
  readonly eventId: string;
  readonly sequenceNumber: string;
  /** The images were left out of the change (too large): what is recorded is the item as it was read after. */
  readonly partial?: true;
}

/** Personal data the notes may hold: kept on the note (where erasure reaches it), never copied into the trail. */
const PERSONAL_FIELDS = new Set(['comment', 'attendees']);
/** Bookkeeping of the table and the services, not the note's or receipt's content. */
const NOT_CONTENT = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'type',
  'tenant',
  'version',
  'updatedAt',
  'correlationId',
  'requestHash',
  'stepAt',
  'redrives',
  'redrivesTotal',
  'expiresAt',
]);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !NOT_CONTENT.has(field)).sort();
  return fields.flatMap((field): FieldChange[] => {
    if (field === 'status' || same(before[field], after[field])) return [];
    if (PERSONAL_FIELDS.has(field)) return [{ field, personal: true }];
    return [
      {
        field,
        ...(before[field] !== undefined ? { before: before[field] } : {}),
        ...(after[field] !== undefined ? { after: after[field] } : {}),
      },
    ];
  });
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Who changed the item: the actor a workflow step names; the owner for a note (only its owner
 * writes it through the API); the uploader for a receipt asked for or uploaded; the platform's
 * services for a receipt's reading.
 */
function actorOf(itemType: string, image: Readonly<Record<string, unknown>>, event: ChangeMessage['eventName']): AuditActor {
  const named = image.actor as { kind?: unknown; id?: unknown } | undefined;
  if (named && (named.kind === 'user' || named.kind === 'service') && typeof named.id === 'string')
    return { kind: named.kind, id: named.id };
  const changedBy = text(image.changedBy);
  if (changedBy) return { kind: 'user', id: changedBy };
  if (itemType === 'NOTE' && text(image.owner)) return { kind: 'user', id: text(image.owner)! };
  if (itemType === 'RECEIPT' && (event === 'INSERT' || image.status === 'uploaded') && text(image.uploader))
    return { kind: 'user', id: text(image.uploader)! };
  return { kind: 'platform', id: 'receipt-pipeline' };
}

/** When the change is an erasure (the mark set or renewed by it): its time. */
function erasedAt(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string | undefined {
  const mark = after[ERASURE_MARK] as { at?: unknown } | undefined;
  if (mark === undefined || same(before[ERASURE_MARK], mark)) return undefined;
  return text(mark.at) ?? '';
}

/** The audit record of one change of a note, a receipt or a workflow step; undefined for an item that names no tenant. */
export function auditRecordOf(change: ChangeMessage): AuditRecord | undefined {
  const before = change.oldImage ?? {};
  const after = change.newImage ?? {};
  const image = change.eventName === 'REMOVE' ? before : after;
  const tenant = text(image.tenant);
  if (!tenant) return undefined;
  const noteId = text(image.noteId) ?? text(image.attachedTo);
  const receiptId = text(image.receiptId);
  const erased = change.eventName === 'MODIFY' ? erasedAt(before, after) : undefined;
  if (erased !== undefined) {
    // Every field erasure changed is personal: its values before and after would link the pseudonym to the person.
    return {
      tenant,
      ...(noteId ? { noteId } : {}),
      ...(receiptId ? { receiptId } : {}),
      itemType: change.itemType,
      event: change.eventName,
      at: erased || (change.changedAt ?? new Date(0).toISOString()),
      actor: { kind: 'service', id: RETENTION_KEEPER },
      action: 'erase',
      changes: fieldChanges(before, after)
        .filter((changed) => changed.field !== ERASURE_MARK)
        .map(({ field }) => ({ field, personal: true as const })),
      eventId: change.eventId,
      sequenceNumber: change.sequenceNumber,
      ...(change.imagesOmitted ? { partial: true as const } : {}),
    };
  }
  const isStep = change.itemType === 'HISTORY';
  const statusBefore = isStep ? image.from : before.status;
  const statusAfter = isStep ? image.to : after.status;
  return {
    tenant,
    ...(noteId ? { noteId } : {}),
    ...(receiptId ? { receiptId } : {}),
    itemType: change.itemType,
    event: change.eventName,
    at: text(image.at) ?? text(image.updatedAt) ?? text(image.stepAt) ?? change.changedAt ?? new Date(0).toISOString(),
    actor: actorOf(change.itemType, image, change.eventName),
    ...(statusBefore !== statusAfter ? { status: { before: statusBefore, after: statusAfter } } : {}),
    ...(isStep && text(image.action) ? { action: text(image.action)! } : {}),
    ...(isStep && (text(image.reason) ?? text(image.comment)) ? { reason: (text(image.reason) ?? text(image.comment))! } : {}),
    changes: isStep ? [] : fieldChanges(before, after),
    ...(text(image.correlationId) ? { correlationId: text(image.correlationId)! } : {}),
    eventId: change.eventId,
    sequenceNumber: change.sequenceNumber,
    ...(change.imagesOmitted ? { partial: true as const } : {}),
  };
}
