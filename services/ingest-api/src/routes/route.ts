import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { TenantScope } from '@ndf/contracts';
import type { IngestConfig } from '../config.js';
import type { Change } from '../data/note-items.js';
import type { NoteStore } from '../data/note-store.js';
import type { MetricsSink } from '../http/request-metrics.js';
import type { ApiResult } from '../http/responses.js';
import type { ReceiptFiles } from '../uploads/receipt-files.js';
import type { Contract } from '../validation/contract.js';
import type { Validators } from '../validation/validators.js';

/** What the handler is given: its dependencies, built once per container. */
export interface IngestDependencies {
  readonly store: NoteStore;
  readonly files: ReceiptFiles;
  readonly contract: Contract;
  readonly config: IngestConfig;
  readonly clock: () => Date;
  /** One JSON object per line; failures only, the gateway logs every request. */
  readonly log: (entry: Record<string, unknown>) => void;
  /** One EMF line for every request answered (see http/request-metrics.ts): stdout in Lambda. */
  readonly metrics: MetricsSink;
}

export interface RouteContext {
  readonly event: APIGatewayProxyEventV2WithJWTAuthorizer;
  readonly deps: IngestDependencies;
  readonly validators: Validators;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly now: Date;
  /** What this request changes: when, and its correlation id. */
  readonly change: Change;
}

export interface AuthorizedContext extends RouteContext {
  readonly scope: TenantScope;
}

export type PublicRoute = (context: RouteContext) => Promise<ApiResult>;
export type AuthorizedRoute = (context: AuthorizedContext) => Promise<ApiResult>;
