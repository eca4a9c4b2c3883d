// Entry of a worker thread that inspects PDFs one at a time for a PdfInspector's thread pool,
// which stops and replaces it when a job runs out of time or memory.
import { serveJobs } from '@ndf/thread-pool';
import { inspectPdfInProcess, type InspectSettings } from './inspect-in-process.js';
import { warmUpPdfJs } from './pdfjs-document.js';

export interface InspectionJob {
  readonly bytes: Uint8Array;
  readonly settings: InspectSettings;
}

export type InspectionResult = Awaited<ReturnType<typeof inspectPdfInProcess>>;

await serveJobs<InspectionJob, InspectionResult>((job) => inspectPdfInProcess(job.bytes, job.settings), {
  warmUp: warmUpPdfJs,
  transfers: (result) => (result.outcome === 'inspected' ? result.rasters.map((raster) => raster.bytes.buffer as ArrayBuffer) : []),
});
