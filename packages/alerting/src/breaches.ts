import type { AlertRule } from './types.js';

/** Whether a value read for a rule breaches it; `undefined` is a metric nobody reported. */
export function breaches(rule: AlertRule, value: number | undefined): boolean {
  if (value === undefined || Number.isNaN(value)) return rule.missingIsBreaching;
  switch (rule.comparison) {
    case 'above':
      return value > rule.threshold;
    case 'at-least':
      return value >= rule.threshold;
    case 'below':
      return value < rule.threshold;
  }
}
