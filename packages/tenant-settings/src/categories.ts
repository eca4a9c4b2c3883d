import { schemaChecker } from '@ndf/expense-policy';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '@ndf/vat-rules';
import { repeats, type Parsed } from './problems.js';

/** One of the tenant's category names, what its VAT follows (the vat-rules closed list) and the expense account it is booked to. */
export interface TenantCategory {
  readonly name: string;
  readonly vatCategory: Category;
  /** The general ledger account; none where the tenant gives none and vat-rules has no default (fuel, car rental, mileage). */
  readonly account?: string;
}

export interface CategorySettings {
  readonly categories: readonly TenantCategory[];
}

export const CATEGORY_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    categories: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 64 },
          vatCategory: { enum: [...CATEGORY_NAMES] },
          account: { type: 'string', pattern: '^[0-9]{3,10}$' },
        },
        required: ['name', 'vatCategory'],
        additionalProperties: false,
      },
    },
  },
  required: ['categories'],
  additionalProperties: false,
} as const;

/** Without a document: the vat-rules list, each category mapped to itself with its default account. */
export const DEFAULT_CATEGORY_SETTINGS: CategorySettings = {
  categories: CATEGORY_NAMES.map((name) => {
    const account = CATEGORIES[name].account;
    return account === undefined ? { name, vatCategory: name } : { name, vatCategory: name, account };
  }),
};

const checkShape = schemaChecker(CATEGORY_SETTINGS_SCHEMA);

export function parseCategorySettings(value: unknown): Parsed<CategorySettings> {
  const shape = checkShape(value);
  if (shape.length > 0) return { ok: false, problems: shape };
  const settings = value as CategorySettings;
  const problems = repeats(
    settings.categories.map((category) => category.name),
    (index) => `/categories/${index}/name`,
    'duplicate_name',
    'category',
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: settings };
}

/** The tenant's category of a note's category name, or undefined when the tenant has none by that name. */
export function tenantCategory(settings: CategorySettings, name: string | undefined): TenantCategory | undefined {
  return name === undefined ? undefined : settings.categories.find((category) => category.name === name);
}
