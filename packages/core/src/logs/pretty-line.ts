// The console's line for one log record: what a person scans for (service, level, event, the
// ids that tie a line to a note or a message), then the rest as key=value. pino-pretty lays the
// object out over several lines and puts the service after the time and level; the local console
// wants one short line per event, with the service first so that the platform can colour it.
// Shared by the runtime's logger (NDF_LOG_FORMAT=pretty) and the local platform, which prints
// the JSON lines of every process this way.

/** Fields shown in this order right after the event, when present. */
const ID_FIELDS = ['noteId', 'receiptId', 'correlationId', 'messageId', 'attempt'] as const;
/** Fields every JSON line has that the console does not need. */
const HIDDEN_FIELDS = new Set(['time', 'pid', 'hostname', 'level', 'service', 'event', 'msg', ...ID_FIELDS]);

/** Width of the service column, shared with the platform's own tags. */
export const SERVICE_COLUMN = 18;

const LEVEL_WORDS: Record<string, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** The level of a record as a word: pino writes a number unless told to write the label. */
export function levelWord(level: unknown): string {
  return typeof level === 'number' ? (LEVEL_WORDS[level] ?? String(level)) : String(level ?? 'info');
}

function shown(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/** `INFO  started queue=ndf-receipt-intake concurrency=16`: the line without its service column. */
export function prettyEvent(record: Readonly<Record<string, unknown>>): string {
  const words = [levelWord(record.level).toUpperCase().padEnd(5)];
  if (record.event !== undefined) words.push(String(record.event));
  if (record.msg !== undefined) words.push(String(record.msg));
  for (const field of ID_FIELDS) if (record[field] !== undefined) words.push(`${field}=${shown(record[field])}`);
  for (const [key, value] of Object.entries(record))
    if (!HIDDEN_FIELDS.has(key) && value !== undefined) words.push(`${key}=${shown(value)}`);
  return words.join(' ');
}

/** `receipt-intake     │ INFO  started queue=ndf-receipt-intake concurrency=16`, no colour, no line break. */
export function prettyLine(record: Readonly<Record<string, unknown>>): string {
  const service = typeof record.service === 'string' ? record.service : '-';
  return `${service.padEnd(SERVICE_COLUMN)}│ ${prettyEvent(record)}`;
}
