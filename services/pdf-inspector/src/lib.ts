export { inspectPdfInProcess, type InspectSettings, type RasterisePolicy } from './inspect-in-process.js';
export { DEFAULT_INSPECT_LIMITS, type InspectLimits } from './inspect-limits.js';
export type { DocumentKind, InspectResult, PdfInspected, PdfRefused } from './inspect-result.js';
export type { PageContent, PageKind } from './page-content.js';
export { PdfInspector, type InspectOptions, type PdfInspectorOptions } from './pdf-inspector.js';
export type { PageRaster, RasterFormat } from './rasterise.js';
export { inspectRefusalMessage, type InspectRefusalCode, type UserMessage } from './refusals.js';
