import type { ApiResult, ApiRuntime, Contract, RequestContext, Scoped } from '@ndf/http-api';
import type { IngestConfig } from '../config.js';
import type { Change } from '../data/note-items.js';
import type { NoteStore } from '../data/note-store.js';
import type { ReceiptFiles } from '../uploads/receipt-files.js';
import type { Validators } from '../validation/validators.js';

/** What the handler is given: its dependencies, built once per container. */
export interface IngestDependencies extends ApiRuntime {
  readonly store: NoteStore;
  readonly files: ReceiptFiles;
  readonly contract: Contract;
  readonly config: IngestConfig;
}

export interface RouteContext extends RequestContext {
  readonly deps: IngestDependencies;
  readonly validators: Validators;
  /** What this request changes: when, and its correlation id. */
  readonly change: Change;
}

export type AuthorizedContext = Scoped<RouteContext>;

export type PublicRoute = (context: RouteContext) => Promise<ApiResult>;
export type AuthorizedRoute = (context: AuthorizedContext) => Promise<ApiResult>;
