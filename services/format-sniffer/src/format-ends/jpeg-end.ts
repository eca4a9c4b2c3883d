import { ascii, indexOfBytes, latin1, startsWithBytes } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

const END_OF_IMAGE = Uint8Array.from([0xff, 0xd9]);
const START_OF_SCAN = 0xda;

/**
 * Where the first scan starts, walking the segments in the head: an EXIF thumbnail's end marker
 * sits before it and must not pass for the image's own. Undefined when the segments are broken.
 */
function scanStart(head: Uint8Array): number | undefined {
  let at = 2;
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return undefined;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === START_OF_SCAN) return at;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    at += 2 + ((head[at + 2]! << 8) | head[at + 3]!);
  }
  return head.length;
}

/**
 * Android motion photos append an MP4 after the JPEG and say so in their XMP, with the video's
 * length (Google's MicroVideoOffset or the Container directory's MotionPhoto item).
 */
async function motionPhotoEnd(reader: RangeReader): Promise<EndCheck | undefined> {
  const xmp = latin1(reader.head);
  const item = /<Container:Item\b[^>]*Item:Semantic="MotionPhoto"[^>]*>/.exec(xmp)?.[0];
  const length = Number(/MicroVideoOffset(?:="|>)(\d+)/.exec(xmp)?.[1] ?? (item ? /Item:Length="(\d+)"/.exec(item)?.[1] : undefined));
  if (!Number.isSafeInteger(length) || length <= 0 || length >= reader.size) return undefined;
  const videoStart = reader.size - length;
  const around = await reader.bytes(videoStart - 2, videoStart + 8);
  if (!startsWithBytes(around, END_OF_IMAGE) || !startsWithBytes(around, ascii('ftyp'), 6)) return undefined;
  return { complete: true, end: videoStart, allowedTrailers: new Set(['mp4', 'mov']) };
}

export async function jpegEnd(reader: RangeReader): Promise<EndCheck> {
  const scan = scanStart(reader.head);
  if (scan === undefined) return truncated('the JPEG segments before the image data are broken');
  const motionPhoto = await motionPhotoEnd(reader);
  if (motionPhoto) return motionPhoto;
  // Image data never holds FF D9 (an FF in it is followed by 00 or a restart marker), so the first one after the scan start ends the image.
  const from = Math.max(scan, reader.tailStart) - reader.tailStart;
  const at = indexOfBytes(reader.tail, END_OF_IMAGE, from);
  if (at < 0) return truncated('no JPEG end-of-image marker (FF D9) after the image data');
  return { complete: true, end: reader.tailStart + at + 2 };
}
