import sharp from 'sharp';

export interface ImageHeader {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly pages: number;
  /** EXIF orientation (1-8) when the header has one. */
  readonly orientation?: number;
  /** For HEIF: 'hevc' (iPhone photos, which npm's libvips cannot decode) or 'av1'. */
  readonly compression?: string;
}

/**
 * Reads dimensions from the header only: libvips opens images lazily, so a 65,535 x 65,535 PNG
 * costs nothing here. Undefined when libvips does not recognise the header at all.
 */
export async function readImageHeader(bytes: Uint8Array, page = 0): Promise<ImageHeader | undefined> {
  try {
    const metadata = await sharp(bytes, { page, limitInputPixels: false }).metadata();
    if (!metadata.format || !metadata.width || !metadata.height) return undefined;
    return {
      format: metadata.format,
      width: metadata.width,
      height: metadata.pageHeight ?? metadata.height,
      pages: metadata.pages ?? 1,
      ...(metadata.orientation === undefined ? {} : { orientation: metadata.orientation }),
      ...(metadata.compression === undefined ? {} : { compression: metadata.compression }),
    };
  } catch {
    return undefined;
  }
}
