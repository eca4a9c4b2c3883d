/**
 * The expense categories whose VAT this package knows, a closed list. Each names the rule
 * family it falls under and, where the domain reference gives one, its default expense
 * account (6251 travel, 6256 missions, 6257 receptions). Categories the reference gives
 * no account for (fuel, car rental, mileage) carry none rather than a guessed one.
 */
export const CATEGORIES = {
  hotel: { family: 'hotel', account: '6256' },
  /** Breakfast or meals a hotel bills separately from the room. */
  hotel_meal: { family: 'meal', account: '6256' },
  restaurant: { family: 'meal', account: '6256' },
  client_meal: { family: 'meal', account: '6257' },
  train: { family: 'transport', account: '6251' },
  plane: { family: 'transport', account: '6251' },
  taxi: { family: 'transport', account: '6251' },
  ride_hailing: { family: 'transport', account: '6251' },
  tolls: { family: 'tolls', account: '6251' },
  fuel: { family: 'fuel', account: undefined },
  car_rental: { family: 'car_rental', account: undefined },
  mileage: { family: 'mileage', account: undefined },
} as const satisfies Record<string, { family: string; account: string | undefined }>;

export type Category = keyof typeof CATEGORIES;
export type CategoryFamily = (typeof CATEGORIES)[Category]['family'];

export const CATEGORY_NAMES = Object.keys(CATEGORIES) as readonly Category[];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && Object.hasOwn(CATEGORIES, value);
}

/** The default expense account of a category, or undefined when the domain reference gives none. */
export function defaultAccount(category: Category): string | undefined {
  return CATEGORIES[category].account;
}
