import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ApiResult, ApiRuntime, Contract, RequestContext, Scoped } from '@ndf/http-api';
import type { ExpenseConfig } from '../config.js';
import type { ApprovalQueue } from '../data/approval-queue.js';
import type { DecisionStore } from '../data/decision-state.js';
import type { AdvanceRecords } from '../data/advances.js';
import type { BatchRecords } from '../data/batches.js';
import type { CardTransactions } from '../data/card-transactions.js';
import type { MonthNotes } from '../data/month-notes.js';
import type { Validators } from '../validation/contract.js';

/** What the handler is given: its dependencies, built once per container. */
export interface ExpenseDependencies extends ApiRuntime {
  readonly dynamodb: DynamoDBClient;
  /** The exports bucket: the batches' SEPA files. */
  /** Reads the audit bucket (a note's trail), never writes it. */
  readonly s3: S3Client;
  readonly contract: Contract;
  readonly config: ExpenseConfig;
}

export interface RouteContext extends RequestContext {
  readonly deps: ExpenseDependencies;
  readonly validators: Validators;
  readonly approvals: ApprovalQueue;
  readonly decisions: DecisionStore;
  readonly cards: CardTransactions;
  readonly batches: BatchRecords;
  readonly advances: AdvanceRecords;
  readonly monthNotes: MonthNotes;
}

export type AuthorizedContext = Scoped<RouteContext>;
export type AuthorizedRoute = (context: AuthorizedContext) => Promise<ApiResult>;
