import { POSITIVE_DECIMAL_PATTERN } from '@ndf/contracts';
import { SEVERITIES } from './severity.js';

const amount = { type: 'string', pattern: POSITIVE_DECIMAL_PATTERN };
const name = { type: 'string', minLength: 1, maxLength: 64 };
const names = { type: 'array', items: name, minItems: 1, uniqueItems: true };
const severity = { enum: [...SEVERITIES] };

function rule(kind: string, properties: Record<string, unknown> = {}, required: string[] = []) {
  return {
    type: 'object',
    properties: { kind: { const: kind }, severity, ...properties },
    required: ['kind', 'severity', ...required],
    additionalProperties: false,
  };
}

/** The JSON Schema (2020-12) of a rule set; amounts are checked against its currency afterwards. */
export const RULE_SET_SCHEMA = {
  type: 'object',
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    rules: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: { kind: { type: 'string' } },
        required: ['kind'],
        discriminator: { propertyName: 'kind' },
        oneOf: [
          rule('category_cap', { category: name, perExpense: amount, perDay: amount }, ['category']),
          rule(
            'per_diem',
            {
              categories: names,
              byCountry: { type: 'object', propertyNames: { pattern: '^[A-Z]{2}$' }, additionalProperties: amount },
              otherCountries: amount,
            },
            ['categories', 'byCountry'],
          ),
          rule('receipt_required', { above: amount }, ['above']),
          rule('max_age', { days: { type: 'integer', minimum: 1, maximum: 3660 } }, ['days']),
          rule('weekend'),
          rule('alcohol', { words: { type: 'array', items: name, minItems: 1 } }),
          rule('meal_attendees', { categories: names }, ['categories']),
          rule('project_required', { categories: names }),
        ],
      },
    },
  },
  required: ['currency', 'rules'],
  additionalProperties: false,
} as const;
