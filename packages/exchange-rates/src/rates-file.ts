import type { DayRates } from './rate-table.js';
import { parseEcbDaily, parseEcbHistory } from './ecb-csv.js';
import { RatesInputError } from './errors.js';
import { parseRatesJson } from './rates-json.js';

/**
 * The days of a rates file in any of the forms this package reads, told apart by their content
 * (a file's name or type says nothing reliable): the JSON form (an object), the ECB's history
 * (its dates YYYY-MM-DD) or its daily file ("05 December 2025").
 */
export function parseRatesFile(text: string): DayRates[] {
  const content = text.replace(/^\uFEFF/, '').trimStart();
  if (content.startsWith('{')) {
    let body: unknown;
    try {
      body = JSON.parse(content);
    } catch {
      throw new RatesInputError('malformed_line', '$', undefined, 'the file starts as JSON but is not JSON');
    }
    return parseRatesJson(body);
  }
  const firstDay = content.split(/\r?\n/)[1]?.split(',')[0]?.trim() ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(firstDay) ? parseEcbHistory(content) : [parseEcbDaily(content)];
}
