import { carryForward, FRENCH_SCALES, ScaleBook } from '@ndf/mileage-scale';
import { PermanentError } from '@ndf/runtime';

/**
 * Years paid on the latest published scale until theirs is out, e.g. `2026` or `2026,2027`, or
 * `none`. Unset: every year after the latest published scale, up to next year, as French
 * employers do until the year's scale comes out in spring (then `npm run mileage -- recompute`
 * pays or recovers the difference from January).
 */
export const CARRY_FORWARD_VARIABLE = 'NDF_MILEAGE_CARRY_FORWARD';

/**
 * The published scales, and the latest one carried forward to the years the environment names.
 * Once the year's scale is published (a new file in @ndf/mileage-scale), it wins over the carried
 * one, and `npm run mileage -- recompute` gives every employee's difference.
 */
export function scaleBookFrom(env: NodeJS.ProcessEnv, today = new Date()): ScaleBook {
  const latest = FRENCH_SCALES.at(-1)!;
  const setting = env[CARRY_FORWARD_VARIABLE]?.trim();
  const years = setting === 'none' ? [] : setting ? setting.split(',').map((text) => text.trim()) : yearsAfter(latest.years.last, today);
  const invalid = years.find((text) => !/^\d{4}$/.test(text));
  if (invalid !== undefined) throw new PermanentError(`${CARRY_FORWARD_VARIABLE}: ${JSON.stringify(invalid)} is not a year (e.g. 2026).`);
  return new ScaleBook([...years.map((year) => carryForward(latest, Number(year))), ...FRENCH_SCALES]);
}

/** The years after `last` up to next year, as strings. */
function yearsAfter(last: number, today: Date): string[] {
  const years: string[] = [];
  for (let year = last + 1; year <= today.getUTCFullYear() + 1; year += 1) years.push(String(year));
  return years;
}
