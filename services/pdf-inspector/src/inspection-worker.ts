// Entry of a worker thread that inspects PDFs one at a time for a PdfInspector, which stops and
// replaces it when a job runs out of time or memory.
import { parentPort } from 'node:worker_threads';
import { inspectPdfInProcess, type InspectSettings } from './inspect-in-process.js';
import { warmUpPdfJs } from './pdfjs-document.js';

export const WORKER_READY = 'ready';

export interface InspectionJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly settings: InspectSettings;
}

export type InspectionReply =
  | { readonly id: number; readonly result: Awaited<ReturnType<typeof inspectPdfInProcess>> }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };

parentPort!.on('message', async (job: InspectionJob) => {
  try {
    const result = await inspectPdfInProcess(job.bytes, job.settings);
    const transfers = result.outcome === 'inspected' ? result.rasters.map((raster) => raster.bytes.buffer as ArrayBuffer) : [];
    parentPort!.postMessage({ id: job.id, result } satisfies InspectionReply, transfers);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id: job.id, error: { name, message } } satisfies InspectionReply);
  }
});

await warmUpPdfJs();
parentPort!.postMessage(WORKER_READY);
