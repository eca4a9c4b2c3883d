// Entry of the worker thread that decodes HEVC-coded HEIF for the HevcDecoder's thread pool.
import { serveJobs } from '@ndf/thread-pool';
import { decodeHevc, type RawImage } from './decode-hevc.js';

export interface HevcJob {
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
}

await serveJobs<HevcJob, RawImage>(({ bytes, maxPixels }) => decodeHevc(bytes, maxPixels), {
  transfers: (image) => [image.data.buffer as ArrayBuffer],
});
