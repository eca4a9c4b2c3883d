import decodeHeic from 'heic-decode';

/** heic-decode's lazy images, as its code returns them (its type definitions leave these out). */
interface HeifImage {
  readonly width: number;
  readonly height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeifImages = HeifImage[] & { dispose(): void };

export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 4;
}

export class HevcPixelLimitError extends Error {
  override readonly name = 'HevcPixelLimitError';
}

/**
 * Decodes the first image of an HEVC-coded HEIF with libheif compiled to WebAssembly (libde265),
 * since npm's libvips has no HEVC decoder. libheif applies the file's rotation and mirroring.
 * The dimensions are checked before any pixel is decoded.
 */
export async function decodeHevc(bytes: Uint8Array, maxPixels: number): Promise<RawImage> {
  const images = (await decodeHeic.all({ buffer: bytes })) as unknown as HeifImages;
  try {
    const first = images[0];
    if (!first) throw new Error('the HEIF file holds no image');
    if (first.width * first.height > maxPixels) throw new HevcPixelLimitError(`${first.width} x ${first.height} pixels`);
    const decoded = await first.decode();
    return {
      data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
      width: decoded.width,
      height: decoded.height,
      channels: 4,
    };
  } finally {
    images.dispose();
  }
}
