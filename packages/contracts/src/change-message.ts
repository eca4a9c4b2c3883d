/**
 * What the stream router sends a subscribed service for one change of a table's item: the
 * stream record with its images as plain JSON. Delivery is at least once and, across
 * items, unordered: compare `sequenceNumber` or the item's `version` before acting on an
 * older change.
 */
export interface ChangeMessage {
  readonly kind: 'change';
  /** The catalog's logical table name. */
  readonly table: string;
  readonly eventId: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The item's `type` attribute (NOTE, RECEIPT, STAGE, ...). */
  readonly itemType: string;
  readonly keys: { readonly pk: string; readonly sk: string };
  readonly sequenceNumber: string;
  /** ISO time of the change, to the second, as the stream gives it. */
  readonly changedAt?: string;
  readonly newImage?: Readonly<Record<string, unknown>>;
  readonly oldImage?: Readonly<Record<string, unknown>>;
  /** True when the images were left out to fit a queue message: read the item instead. */
  readonly imagesOmitted?: boolean;
}

/** The message attribute that names the item type of a change, for filters and logs. */
export const ITEM_TYPE_ATTRIBUTE = 'ndf-item-type';
