import { sortKeyKind, type ReceiptItem, type ReceiptView, type StageItem, type StageView } from '@ndf/contracts';

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

export { noteView } from '@ndf/contracts';

export function stageView(item: StageItem): StageView {
  const kind = sortKeyKind(item.sk);
  return defined({
    service: item.service,
    status: item.status,
    receiptId: item.receiptId ?? (kind.kind === 'stage' ? kind.receiptId : undefined),
    noteVersion: item.noteVersion,
    code: item.code,
    reason: item.reason,
    outcome: item.outcome,
    updatedAt: item.updatedAt,
  });
}

export function receiptView(
  item: ReceiptItem,
  stages: readonly StageView[],
  thumbnailUrls: readonly { width: number; url: string }[],
): ReceiptView {
  return defined({
    id: item.receiptId,
    noteId: item.noteId,
    status: item.status,
    fileName: item.fileName,
    contentType: item.declaredContentType,
    size: item.size ?? item.declaredSize,
    requestedAt: item.requestedAt,
    uploadedAt: item.uploadedAt,
    sha256: item.sha256,
    detectedType: item.detectedType,
    extracted: item.extracted,
    unreadable: item.unreadable,
    thumbnails: thumbnailUrls.length > 0 ? [...thumbnailUrls] : undefined,
    refusal: item.refusal,
    stages: stages.filter((stage) => stage.receiptId === item.receiptId),
  });
}
