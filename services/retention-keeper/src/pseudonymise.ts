import { ITEM_TYPES, ownerListing, tenantScope } from '@ndf/contracts';

/**
 * What erasure leaves on each item it changes: when (the audit trail reads it). Not which request:
 * the request names the employee, and would link the pseudonym back to them.
 */
export interface ErasureMark {
  readonly at: string;
}

/** One item's change: attributes set (top-level names) and removed. */
export interface ItemErasure {
  readonly key: { readonly pk: string; readonly sk: string };
  readonly type: string;
  readonly set: Readonly<Record<string, unknown>>;
  readonly remove: readonly string[];
}

type Item = Readonly<Record<string, unknown>>;

/** A file name the employee typed may say anything ("dinner with J. Martin.jpg"): only its extension is kept. */
export function neutralFileName(fileName: unknown, receiptId: string): string {
  const extension = typeof fileName === 'string' ? /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] : undefined;
  return `receipt-${receiptId}${extension?.toLowerCase() ?? ''}`;
}

/**
 * What erasing a departed employee changes on one note's items, and nothing else: the note's
 * comment goes, its attendees become placeholders (how many ate stays, which the tax rules ask),
 * its owner (and listing) and the uploaders, workflow actors and approvals naming the employee
 * become the pseudonym, file names lose their words and workflow comments go. Amounts, dates,
 * VAT, merchant, category, the receipts' objects, versions and SHA-256 stay as they are.
 */
export function noteErasures(items: readonly Item[], employee: string, pseudonym: string, mark: ErasureMark): ItemErasure[] {
  const erasures: ItemErasure[] = [];
  const named = (value: unknown) => value === employee;
  for (const item of items) {
    const key = { pk: String(item.pk), sk: String(item.sk) };
    const type = String(item.type);
    if (type === ITEM_TYPES.note) {
      const tenant = String(item.tenant);
      const set: Record<string, unknown> = { owner: pseudonym, erasure: mark };
      if (item.gsi1pk !== undefined) set.gsi1pk = ownerListing(tenantScope({ tenant, user: pseudonym, roles: [] }));
      if (Array.isArray(item.attendees)) set.attendees = item.attendees.map((_, index) => `attendee ${index + 1}`);
      erasures.push({ key, type, set, remove: item.comment === undefined ? [] : ['comment'] });
    } else if (type === ITEM_TYPES.receipt) {
      const set: Record<string, unknown> = { fileName: neutralFileName(item.fileName, String(item.receiptId)), erasure: mark };
      if (named(item.uploader)) set.uploader = pseudonym;
      erasures.push({ key, type, set, remove: [] });
    } else if (type === ITEM_TYPES.history) {
      const actor = item.actor as { kind?: unknown; id?: unknown } | undefined;
      const byEmployee = actor !== undefined && named(actor.id);
      if (!byEmployee && item.comment === undefined) continue;
      const set: Record<string, unknown> = { erasure: mark, ...(byEmployee ? { actor: { ...actor, id: pseudonym } } : {}) };
      erasures.push({ key, type, set, remove: item.comment === undefined ? [] : ['comment'] });
    } else if (type === ITEM_TYPES.approval && named(item.owner)) {
      erasures.push({ key, type, set: { owner: pseudonym, erasure: mark }, remove: [] });
    }
  }
  return erasures;
}
