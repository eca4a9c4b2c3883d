import {
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type DynamoDBClient,
  type ItemResponse,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  receiptKey,
  stageKey,
  tenantScope,
  type TenantScope,
  type ReceiptStatus,
  type RefusalCode,
  type UserMessage,
} from '@ndf/contracts';
import { reconcileIndexChange } from './reconcile-index-change.js';
import { PermanentError, TransientError } from '@ndf/runtime';
import type { ReceiptRef } from './receipt-ref.js';
import { stageItem, type StageOutcome } from './stage-item.js';
import { RECEIPT_STEPS, alreadyPast, startingStatuses, type ReceiptStep } from './transitions.js';

/** Why a receipt service cannot read a receipt, as its modules say it. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: UserMessage;
  /** For the on-call engineer, not the user. */
  readonly detail: string;
}

/** Why a job for a step is not to do: its receipt is past the step, or this service's stage on it already succeeded (`read` leaves the status as it is). */
export type NotDue = 'receipt-past-step' | 'stage-succeeded';

/** Whether a job for a step is still to do: `due` (the receipt is where the step starts, its stage not done), or not (a replay or a late duplicate). */
export type Readiness =
  /** `uploadedAt`: when the original was received (absent for a receipt whose intake did not record it). */
  { readonly due: true; readonly uploadedAt?: string } | { readonly due: false; readonly status: ReceiptStatus; readonly reason: NotDue };

const STAGE_NOT_SUCCEEDED = {
  ConditionExpression: 'attribute_not_exists(#stageStatus) OR #stageStatus <> :succeeded',
  ExpressionAttributeNames: { '#stageStatus': 'status' },
  ExpressionAttributeValues: marshall({ ':succeeded': 'succeeded' }),
} as const;

/** `applied`: the receipt moved; `repeat`: it was there or further already (a redelivered message), nothing written. */
export type StepResult = 'applied' | 'repeat';

/**
 * How a receipt service records what it did: one step of the receipt's state machine
 * (transitions.ts) on the RECEIPT item and the service's own STAGE item, in one transaction
 * conditional on the receipt being where the step starts, so the note never shows one without
 * the other and a late message never moves a receipt backwards.
 */
export class ReceiptState {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    /** Physical name of the notes table. */
    private readonly tableName: string,
    private readonly service: string,
  ) {}

  /** The receipt cannot be read: a normal outcome, its reason shown to the user in both languages. */
  refuse(receipt: ReceiptRef, refusal: Refusal, signal: AbortSignal): Promise<StepResult> {
    return this.step(
      receipt,
      'refuse',
      { status: 'refused', code: refusal.code, reason: refusal.message.en, outcome: { message: refusal.message, detail: refusal.detail } },
      { refusal: { code: refusal.code, reason: refusal.message.en } },
      signal,
    );
  }

  /**
   * Whether the receipt still waits for `step` from this service, read before the step's work so
   * that a replayed or late job is never worked on again: the receipt is past the step, or this
   * service's stage on it already succeeded (the only sign for `read`, which several services take
   * while the receipt stays `reading`). Both items in one transactional read, so that they agree.
   * A receipt that is missing, or not there yet, can never take the step.
   */
  async readiness(receipt: ReceiptRef, step: ReceiptStep, signal: AbortSignal): Promise<Readiness> {
    const { scope, on } = this.subject(receipt);
    const read = (key: ReturnType<typeof receiptKey>) => ({
      Get: {
        TableName: this.tableName,
        Key: marshall(key),
        ProjectionExpression: '#status, uploadedAt',
        ExpressionAttributeNames: { '#status': 'status' },
      },
    });
    let responses: ItemResponse[];
    try {
      ({ Responses: responses = [] } = await this.dynamodb.send(
        new TransactGetItemsCommand({
          TransactItems: [read(receiptKey(scope, receipt.receiptId, receipt.noteId)), read(stageKey(scope, this.service, on))],
        }),
        { abortSignal: signal },
      ));
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      // A step being written on the receipt at that moment: the next attempt reads what it left.
      if (reasons.some((reason) => reason.Code === 'TransactionConflict'))
        throw new TransientError(`Receipt ${receipt.receiptId} was being written while ${this.service} read it.`);
      throw error;
    }
    const [receiptItem, stage] = responses.map((response) => (response.Item === undefined ? undefined : unmarshall(response.Item)));
    if (receiptItem === undefined) throw new PermanentError(`No receipt ${receipt.receiptId} was asked for in tenant ${receipt.tenant}.`);
    const status = receiptItem.status as ReceiptStatus;
    if (!startingStatuses(step).includes(status)) {
      if (alreadyPast(step, status)) return { due: false, status, reason: 'receipt-past-step' };
      throw new PermanentError(`Receipt ${receipt.receiptId} is ${status}: ${this.service} cannot ${step} it yet.`);
    }
    if (stage?.status === 'succeeded') return { due: false, status, reason: 'stage-succeeded' };
    return typeof receiptItem.uploadedAt === 'string' ? { due: true, uploadedAt: receiptItem.uploadedAt } : { due: true };
  }

  /**
   * Takes `step` on the receipt: its status becomes the step's, with `attributes`, and this
   * service's stage is written, if the receipt is where the step starts. A receipt there or
   * further already is a repeat; one that is missing, or not there yet, can never take the step.
   */
  async step(
    receipt: ReceiptRef,
    step: ReceiptStep,
    stage: StageOutcome,
    attributes: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<StepResult> {
    const { scope, on } = this.subject(receipt);
    const index = reconcileIndexChange(receipt.receiptId, RECEIPT_STEPS[step].to, new Date());
    const set = { ...attributes, ...index.set, status: RECEIPT_STEPS[step].to };
    const names = Object.keys(set);
    const removed = index.remove.map((name) => `#r_${name}`);
    const from = startingStatuses(step);
    try {
      await this.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: marshall(receiptKey(scope, receipt.receiptId, receipt.noteId)),
                UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :v${index}`).join(', ')} REMOVE ${removed.join(', ')}`,
                ConditionExpression: `attribute_exists(pk) AND #status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
                ExpressionAttributeNames: {
                  ...Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
                  ...Object.fromEntries(index.remove.map((name) => [`#r_${name}`, name])),
                  '#status': 'status',
                },
                ExpressionAttributeValues: marshall(
                  {
                    ...Object.fromEntries(names.map((name, index) => [`:v${index}`, set[name as keyof typeof set]])),
                    ...Object.fromEntries(from.map((status, index) => [`:from${index}`, status])),
                  },
                  { removeUndefinedValues: true },
                ),
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: marshall(stageItem(scope, this.service, on, stage), { removeUndefinedValues: true }),
                // A step that leaves the status as it is (`read`) is a repeat once this service's stage succeeded:
                // the status alone cannot tell, and a second run must not write its outcome over the first.
                ...(RECEIPT_STEPS[step].to === RECEIPT_STEPS[step].from[0] ? STAGE_NOT_SUCCEEDED : {}),
              },
            },
          ],
        }),
        { abortSignal: signal },
      );
      return 'applied';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code !== 'ConditionalCheckFailed' && reasons[1]?.Code === 'ConditionalCheckFailed') return 'repeat';
      const reason = reasons[0];
      if (reason?.Code !== 'ConditionalCheckFailed') throw error;
      if (reason.Item === undefined) throw new PermanentError(`No receipt ${receipt.receiptId} was asked for in tenant ${receipt.tenant}.`);
      const status = unmarshall(reason.Item).status as ReceiptStatus;
      if (alreadyPast(step, status)) return 'repeat';
      throw new PermanentError(
        `Receipt ${receipt.receiptId} is ${status}: ${this.service} cannot ${step} it (it starts from ${from.join(', ')}).`,
      );
    }
  }

  /** A worker acts inside the tenant the receipt belongs to, under its own name. */
  private subject(receipt: ReceiptRef): { scope: TenantScope; on: { readonly receiptId: string; readonly noteId?: string } } {
    const scope = tenantScope({ tenant: receipt.tenant, user: this.service, roles: [] });
    const on = receipt.noteId === undefined ? { receiptId: receipt.receiptId } : { receiptId: receipt.receiptId, noteId: receipt.noteId };
    return { scope, on };
  }
}
