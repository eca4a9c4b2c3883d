import { ITEM_TYPES, stageKey, type StageItem, type StageStatus, type TenantScope } from '@ndf/contracts';

export interface StageOutcome {
  readonly status: StageStatus;
  /** What the stage found, shown on the note (GET /v1/notes/{id}). */
  readonly outcome?: Readonly<Record<string, unknown>>;
  /** For a refusal or a failure: a stable code and a reason the app can show. */
  readonly code?: string;
  readonly reason?: string;
  /**
   * Places the stage in the table's gsi1 under a partition outside tenant data, for a scheduled
   * path that must find it across tenants (a conversion awaiting a day's rates). A stage written
   * without it leaves the index.
   */
  readonly index?: { readonly gsi1pk: string; readonly gsi1sk: string };
}

/** What a stage is about: a receipt (in its note's partition when it has one), or a note. */
export type StageSubject = { readonly receiptId: string; readonly noteId?: string } | { readonly noteId: string };

/** The one way a service's STAGE item is written, for a receipt or a note (what GET /v1/notes/{id} shows per stage). */
export function stageItem(scope: TenantScope, service: string, on: StageSubject, stage: StageOutcome): StageItem {
  return {
    ...stageKey(scope, service, on),
    tenant: scope.tenant,
    type: ITEM_TYPES.stage,
    service,
    ...on,
    status: stage.status,
    ...(stage.outcome ? { outcome: stage.outcome } : {}),
    ...(stage.code ? { code: stage.code } : {}),
    ...(stage.reason ? { reason: stage.reason } : {}),
    ...(stage.index ?? {}),
    updatedAt: new Date().toISOString(),
  };
}
