// A log line is written by code we do not control (a library, a crash, a hostile input logged
// whole): what the platform keeps of it is bounded in size and depth, so that one line can
// neither fill the memory nor overflow the stack of whoever serialises it again.

/** What one line may keep, in characters of strings and keys (the rest is cut, marked with `…`). */
export const LINE_CHARS = 16_384;
/** The longest single string kept. */
export const STRING_CHARS = 4_096;
/** Nesting kept below the line itself; deeper values become a marker. */
export const DEPTH = 6;
/** Entries kept of one object or array. */
export const ENTRIES = 64;
const KEY_CHARS = 128;

/** The part of `text` a budget allows, marked when cut. */
export function clippedText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit))}…`;
}

interface Budget {
  chars: number;
}

function bounded(value: unknown, budget: Budget, depth: number): unknown {
  if (typeof value === 'string') {
    const kept = clippedText(value, Math.min(STRING_CHARS, budget.chars));
    budget.chars -= Math.min(value.length, STRING_CHARS);
    return kept;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') {
    budget.chars -= 8;
    return value;
  }
  if (typeof value !== 'object') return undefined;
  if (depth >= DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  const kept: [string, unknown][] = [];
  for (const [key, item] of entries) {
    if (kept.length >= ENTRIES || budget.chars <= 0) break;
    budget.chars -= Math.min(key.length, KEY_CHARS);
    const copy = bounded(item, budget, depth + 1);
    if (copy !== undefined) kept.push([clippedText(key, KEY_CHARS), copy]);
  }
  const omitted = entries.length - kept.length;
  if (Array.isArray(value)) return omitted > 0 ? [...kept.map(([, item]) => item), `… ${omitted} more`] : kept.map(([, item]) => item);
  // fromEntries defines own properties: a `__proto__` key stays a key, it does not set the prototype.
  return Object.fromEntries(omitted > 0 ? [...kept, ['…', `${omitted} more`]] : kept);
}

/** A copy of a parsed JSON object within the bounds above (strings cut, deep values and extra entries left out). */
export function boundedRecord(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return bounded(record, { chars: LINE_CHARS }, 0) as Record<string, unknown>;
}
