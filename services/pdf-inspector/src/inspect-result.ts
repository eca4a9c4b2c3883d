import type { PageContent } from './page-content.js';
import type { PageRaster } from './rasterise.js';
import type { InspectRefusalCode, UserMessage } from './refusals.js';

export type DocumentKind = 'digital' | 'scanned' | 'mixed' | 'blank';

export interface PdfInspected {
  readonly outcome: 'inspected';
  readonly pageCount: number;
  /** digital: every page with content has a text layer; scanned: none has; mixed: some have. */
  readonly kind: DocumentKind;
  /** Which library read the structure: pdf.js takes over when pdf-lib cannot parse a damaged file. */
  readonly structureFrom: 'pdf-lib' | 'pdf.js';
  readonly producer?: string;
  readonly creator?: string;
  readonly title?: string;
  readonly hasJavaScript: boolean;
  readonly attachments: readonly string[];
  readonly hasForm: boolean;
  readonly pages: readonly PageContent[];
  /** Every page's text, pages separated by a form feed. */
  readonly text: string;
  /** Images of the pages that need OCR (by default, the scanned ones). */
  readonly rasters: readonly PageRaster[];
}

export interface PdfRefused {
  readonly outcome: 'refused';
  readonly code: InspectRefusalCode;
  readonly message: UserMessage;
  readonly detail: string;
}

export type InspectResult = PdfInspected | PdfRefused;

/**
 * What the inspection worker answers: a refusal without its texts, which the main thread adds
 * (the worker loads no workspace package, whose sources it could not resolve).
 */
export type WorkerResult = PdfInspected | Omit<PdfRefused, 'message'>;
