import { TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, receiptKey, stageKey, tenantScope, type StageItem, type StageStatus } from '@ndf/contracts';
import type { ReceiptRef } from './receipt-ref.js';

export interface StageOutcome {
  readonly status: StageStatus;
  /** What the stage found, shown on the note (GET /v1/notes/{id}). */
  readonly outcome?: Readonly<Record<string, unknown>>;
  /** For a refusal or a failure: a stable code and a reason the app can show. */
  readonly code?: string;
  readonly reason?: string;
}

/** Why a receipt service cannot read a receipt, as its modules say it. */
export interface Refusal {
  readonly code: string;
  readonly message: { readonly fr: string; readonly en: string };
  /** For the on-call engineer, not the user. */
  readonly detail: string;
}

/**
 * How a receipt service records what it did: attributes set on the RECEIPT item and its own
 * STAGE item, in one transaction, so the note never shows one without the other. Writing the
 * same outcome twice (a redelivered message) leaves the same state.
 */
export class ReceiptState {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    /** Physical name of the notes table. */
    private readonly tableName: string,
    private readonly service: string,
  ) {}

  /** The receipt cannot be read: a normal outcome, its reason shown to the user in both languages. */
  refuse(receipt: ReceiptRef, refusal: Refusal, signal: AbortSignal): Promise<void> {
    return this.record(
      receipt,
      { status: 'refused', code: refusal.code, reason: refusal.message.en, outcome: { message: refusal.message, detail: refusal.detail } },
      { status: 'refused', refusal: { code: refusal.code, reason: refusal.message.en } },
      signal,
    );
  }

  async record(
    receipt: ReceiptRef,
    stage: StageOutcome,
    receiptAttributes: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<void> {
    // A worker acts inside the tenant the receipt belongs to, under its own name.
    const scope = tenantScope({ tenant: receipt.tenant, user: this.service, roles: [] });
    const on = receipt.noteId === undefined ? { receiptId: receipt.receiptId } : { receiptId: receipt.receiptId, noteId: receipt.noteId };
    const item: StageItem = {
      ...stageKey(scope, this.service, on),
      tenant: receipt.tenant,
      type: ITEM_TYPES.stage,
      service: this.service,
      ...on,
      status: stage.status,
      ...(stage.outcome ? { outcome: stage.outcome } : {}),
      ...(stage.code ? { code: stage.code } : {}),
      ...(stage.reason ? { reason: stage.reason } : {}),
      updatedAt: new Date().toISOString(),
    };
    const names = Object.keys(receiptAttributes);
    await this.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          ...(names.length === 0
            ? []
            : [
                {
                  Update: {
                    TableName: this.tableName,
                    Key: marshall(receiptKey(scope, receipt.receiptId, receipt.noteId)),
                    UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :v${index}`).join(', ')}`,
                    ConditionExpression: 'attribute_exists(pk)',
                    ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
                    ExpressionAttributeValues: marshall(
                      Object.fromEntries(names.map((name, index) => [`:v${index}`, receiptAttributes[name]])),
                      { removeUndefinedValues: true },
                    ),
                  },
                },
              ]),
          { Put: { TableName: this.tableName, Item: marshall(item, { removeUndefinedValues: true }) } },
        ],
      }),
      { abortSignal: signal },
    );
  }
}
