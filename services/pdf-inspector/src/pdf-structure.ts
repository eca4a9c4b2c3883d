import { PDFDict, PDFDocument, PDFName, PDFArray, PDFString, PDFHexString, ParseSpeeds } from 'pdf-lib';

export interface PdfStructure {
  readonly encrypted: boolean;
  readonly pageCount: number;
  readonly producer?: string;
  readonly creator?: string;
  readonly title?: string;
  /** Document-level JavaScript or an open action that runs some: never run here, reported. */
  readonly hasJavaScript: boolean;
  /** Names of embedded files (a Factur-X invoice carries its XML this way). */
  readonly attachments: readonly string[];
  readonly hasForm: boolean;
}

const decodeName = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

function embeddedFileNames(document: PDFDocument): string[] {
  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const found: string[] = [];
  const visit = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 8) return;
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let index = 0; pairs && index < pairs.size(); index += 2) {
      const name = decodeName(pairs.lookup(index));
      if (name !== undefined) found.push(name);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let index = 0; kids && index < kids.size(); index++) visit(kids.lookupMaybe(index, PDFDict), depth + 1);
  };
  visit(tree, 0);
  return found;
}

function hasJavaScript(document: PDFDocument): boolean {
  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (names?.has(PDFName.of('JavaScript'))) return true;
  const openAction = document.catalog.lookupMaybe(PDFName.of('OpenAction'), PDFDict);
  return openAction?.has(PDFName.of('JS')) ?? false;
}

/** Reads the document's skeleton with pdf-lib. Throws when pdf-lib cannot parse the file. */
export async function readPdfStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const document = await PDFDocument.load(bytes, {
    ignoreEncryption: true,
    updateMetadata: false,
    throwOnInvalidObject: false,
    parseSpeed: ParseSpeeds.Fastest,
  });
  if (document.isEncrypted) return { encrypted: true, pageCount: 0, hasJavaScript: false, attachments: [], hasForm: false };
  const optional = (key: string, read: () => string | undefined) => {
    const value = read();
    return value === undefined || value === '' ? {} : { [key]: value };
  };
  return {
    encrypted: false,
    pageCount: document.getPageCount(),
    ...optional('producer', () => document.getProducer()),
    ...optional('creator', () => document.getCreator()),
    ...optional('title', () => document.getTitle()),
    hasJavaScript: hasJavaScript(document),
    attachments: embeddedFileNames(document),
    hasForm: document.catalog.has(PDFName.of('AcroForm')),
  };
}
