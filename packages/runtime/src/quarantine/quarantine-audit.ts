import { ConditionalCheckFailedException, PutItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AuditEntryExistsError } from './quarantine-errors.js';
import { auditKey, auditPartition } from './quarantine-keys.js';
import type { AuditEvent, Operator } from './quarantine-record.js';
import { OperatorRequiredError } from './quarantine-errors.js';

/** Refuses anyone but an operator: an id, and the operator role. */
export function requireOperator(operator: Operator | undefined, action: string): Operator {
  if (operator?.role !== 'operator' || typeof operator.id !== 'string' || operator.id.trim() === '')
    throw new OperatorRequiredError(`${action} needs an operator (an id and the operator role)`);
  return operator;
}

/**
 * The audit of operator actions on quarantined messages, append-only: each entry is put once
 * under its own key (the message, the time and the action) and never updated nor deleted.
 * In the cloud only the operator role may write these partitions, and only by PutItem.
 */
export class QuarantineAudit {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly table: string,
  ) {}

  /** Writes the entry; rejects with AuditEntryExistsError if its key is taken, leaving the first entry as it was. */
  async append(service: string, id: string, event: AuditEvent): Promise<void> {
    try {
      await this.dynamodb.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({ ...auditKey(service, id, event.at, event.action), ...event }, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new AuditEntryExistsError(`the audit of ${service}/${id} already holds a ${event.action} at ${event.at}`);
      throw error;
    }
  }

  /** Writes the entry unless that very entry is there already (an action whose audit write is being completed). */
  async ensure(service: string, id: string, event: AuditEvent): Promise<void> {
    await this.append(service, id, event).catch((error: unknown) => {
      if (!(error instanceof AuditEntryExistsError)) throw error;
    });
  }

  /** Every entry for the message, oldest first. */
  async read(service: string, id: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: auditPartition(service, id) } },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, ...event } = unmarshall(item) as AuditEvent & { pk: string; sk: string };
        events.push(event);
      }
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return events;
  }
}
