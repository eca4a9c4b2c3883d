/**
 * The expense categories this package may propose, a closed list. Names shared with
 * @ndf/vat-rules (hotel, restaurant, train, plane, taxi, ride_hailing, tolls, fuel,
 * car_rental) mean the same there, so a proposal feeds the VAT calculation unchanged.
 */
export const CATEGORIES = [
  'train',
  'plane',
  'taxi',
  'ride_hailing',
  'hotel',
  'restaurant',
  'fuel',
  'tolls',
  'parking',
  'car_rental',
  'supplies',
  'telecom',
] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}
