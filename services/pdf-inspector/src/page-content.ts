import { OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { linesOf, type PlacedText } from './page-text.js';

export type PageKind = 'text' | 'scanned' | 'blank';

export interface PageContent {
  /** 1-based, as people count pages. */
  readonly number: number;
  /** The visible area (crop box), in points, after the page's rotation. */
  readonly widthPt: number;
  readonly heightPt: number;
  readonly rotation: number;
  readonly kind: PageKind;
  readonly text: string;
  /** Non-blank characters in the text layer. */
  readonly characters: number;
  readonly images: number;
}

const IMAGE_OPERATORS: ReadonlySet<number> = new Set([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
]);

/** A page's text layer and whether it is drawn from images: a page with images and no text is a scan. */
export async function readPageContent(page: PDFPageProxy, minTextCharacters: number): Promise<PageContent> {
  const content = await page.getTextContent();
  const pieces: PlacedText[] = content.items.flatMap((item) =>
    'str' in item
      ? [
          {
            text: item.str,
            x: item.transform[4] as number,
            y: item.transform[5] as number,
            width: item.width,
            height: item.height || Math.abs(item.transform[3] as number),
          },
        ]
      : [],
  );
  const text = linesOf(pieces).join('\n');
  const characters = text.replace(/\s/g, '').length;
  const operators = await page.getOperatorList();
  const images = operators.fnArray.filter((operator) => IMAGE_OPERATORS.has(operator)).length;
  const viewport = page.getViewport({ scale: 1 });
  return {
    number: page.pageNumber,
    widthPt: Math.round(viewport.width * 100) / 100,
    heightPt: Math.round(viewport.height * 100) / 100,
    rotation: page.rotate,
    kind: characters >= minTextCharacters ? 'text' : images > 0 ? 'scanned' : 'blank',
    text,
    characters,
    images,
  };
}
