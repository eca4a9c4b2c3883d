import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const XSD_FILE = 'pain.001.001.03.xsd';
let schema: Promise<string> | undefined;

function loadSchema(): Promise<string> {
  schema ??= readFile(new URL(`../xsd/${XSD_FILE}`, import.meta.url), 'utf8');
  return schema;
}

export interface XsdValidation {
  readonly valid: boolean;
  /** libxml2's messages, e.g. "Element '…PmtMtd': [facet 'enumeration'] The value 'XXX' is not an element of the set {'CHK', 'TRF', 'TRA'}." */
  readonly errors: readonly string[];
}

/** Validates a document against the ISO 20022 pain.001.001.03 schema, offline (libxml2 compiled to WebAssembly). */
export async function validatePain001(xml: string): Promise<XsdValidation> {
  const result = await validateXML({
    xml: [{ fileName: 'pain.001.xml', contents: xml }],
    schema: [{ fileName: XSD_FILE, contents: await loadSchema() }],
  });
  return { valid: result.valid, errors: result.errors.map((error) => error.message) };
}
