import {
  platformQuarantine,
  QUARANTINE_STATUSES,
  QuarantineNotFoundError,
  searchQuarantine,
  type Operator,
  type QuarantineRecord,
  type QuarantineStatus,
  type QuarantineSummary,
} from '@ndf/runtime';
import type { CommandContext } from './command-context.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';

export interface QuarantineArguments {
  readonly positionals: readonly string[];
  readonly service?: string;
  readonly status?: string;
  readonly limit?: string;
  readonly operator?: string;
  readonly reason?: string;
  readonly queue?: string;
}

/** `ops quarantine list|show|replay|discard`, on the platform's quarantine under the target's prefix. */
export async function quarantineCommand(args: QuarantineArguments, context: CommandContext): Promise<void> {
  const quarantine = platformQuarantine(context.target.clients, context.target.prefix);
  const [action, service, id] = args.positionals;
  const record = () => {
    if (!service || !id) throw new UsageError(`quarantine ${action} needs <service> <id>`);
    return { service, id };
  };
  const operator = (): Operator => {
    if (!args.operator?.trim()) throw new UsageError(`quarantine ${action} needs --operator <name>`);
    return { id: args.operator, role: 'operator' };
  };
  const notFound = (error: unknown, key: { service: string; id: string }): never => {
    if (error instanceof QuarantineNotFoundError) throw new Error(noRecord(key));
    throw error;
  };

  switch (action) {
    case 'list': {
      const items = await listMatching(quarantine, args);
      context.print(items, () => (items.length === 0 ? 'nothing quarantined' : summaryTable(items)));
      return;
    }
    case 'show': {
      const key = record();
      const found = await quarantine.show(key.service, key.id);
      if (!found) throw new Error(noRecord(key));
      context.print(found, () => recordText(found));
      return;
    }
    case 'replay': {
      const key = record();
      const by = operator();
      const options = { operator: by, ...(args.reason ? { reason: args.reason } : {}), ...(args.queue ? { queueName: args.queue } : {}) };
      const result = await quarantine.replay(key.service, key.id, options).catch((error: unknown) => notFound(error, key));
      context.print(result, () =>
        result.sent
          ? `replayed ${key.service}/${key.id} onto ${result.queueName} as message ${result.messageId}`
          : `${key.service}/${key.id} was already replayed onto ${result.queueName} as message ${result.messageId}: nothing sent`,
      );
      return;
    }
    case 'discard': {
      const key = record();
      const by = operator();
      if (!args.reason?.trim()) throw new UsageError('quarantine discard needs --reason "..."');
      await quarantine.discard(key.service, key.id, { operator: by, reason: args.reason }).catch((error: unknown) => notFound(error, key));
      context.print({ discarded: true, ...key, reason: args.reason }, () => `discarded ${key.service}/${key.id}: ${args.reason}`);
      return;
    }
    default:
      throw new UsageError(action ? `unknown quarantine command "${action}"` : 'quarantine needs a command');
  }
}

const noRecord = ({ service, id }: { service: string; id: string }) => `no quarantined message ${id} for ${service}`;

/** Newest first, filtered by service and status. */
async function listMatching(quarantine: ReturnType<typeof platformQuarantine>, args: QuarantineArguments): Promise<QuarantineSummary[]> {
  const limit = args.limit === undefined ? 50 : Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not "${args.limit}"`);
  const status = args.status as QuarantineStatus | undefined;
  if (status !== undefined && !QUARANTINE_STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${QUARANTINE_STATUSES.join(', ')}, not "${args.status}"`);
  return searchQuarantine(quarantine, { ...(args.service ? { service: args.service } : {}), ...(status ? { status } : {}), limit });
}

function summaryTable(items: readonly QuarantineSummary[]): string {
  return formatTable(
    ['QUARANTINED AT', 'SERVICE', 'ID', 'STATUS', 'ATTEMPTS', 'REASON'],
    items.map((item) => [item.quarantinedAt, item.service, item.id, item.status, String(item.failures.length), item.reason]),
  );
}

function recordText(record: QuarantineRecord): string {
  const source =
    record.source.kind === 'sqs'
      ? `queue ${record.source.queueName}`
      : `stream of ${record.source.table}, shard ${record.source.shardId} at ${record.source.sequenceNumber}`;
  const lines = [
    `${record.service}/${record.id}  ${record.status}`,
    `source:          ${source}`,
    `quarantined at:  ${record.quarantinedAt}`,
    `reason:          ${record.reason}`,
    `attributes:      ${Object.entries(record.attributes)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}`,
    '',
    'attempts:',
    ...record.failures.map(
      (failure) => `  #${failure.attempt}  ${failure.at}  ${failure.durationMs} ms  ${failure.errorName}: ${failure.message}`,
    ),
    '',
    'audit:',
    ...(record.audit.length === 0
      ? ['  (none)']
      : record.audit.map(
          (event) =>
            `  ${event.at}  ${event.action} by ${event.actor}` +
            (event.queueName ? ` onto ${event.queueName} as ${event.messageId}` : '') +
            (event.reason ? `: ${event.reason}` : ''),
        )),
    '',
    `payload (${record.payloadBytes} bytes):`,
    prettyPayload(record.payload),
  ];
  return lines.join('\n');
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
