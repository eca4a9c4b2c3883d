import type { Mileage, NoteItem } from '@ndf/contracts';

export const car5: Mileage = { km: '0', fiscalPower: 5, vehicle: 'car' };

/** A mileage note item as the ingest API stores it; `id` is a short tag made into a note id. */
export function mileageNote(
  id: string,
  date: string,
  km: string,
  overrides: Partial<Omit<NoteItem, 'mileage'>> & { mileage?: Partial<Mileage> | null } = {},
): NoteItem {
  const { mileage, ...rest } = overrides;
  return {
    pk: `T#acme#N#${id}`,
    sk: 'NOTE',
    tenant: 'acme',
    type: 'NOTE',
    noteId: id,
    owner: 'bob',
    status: 'submitted',
    version: 1,
    date,
    amount: { value: '1.00', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'h',
    createdAt: 't',
    updatedAt: 't',
    ...(mileage === null ? {} : { mileage: { ...car5, km, ...mileage } }),
    ...rest,
  } as NoteItem;
}
