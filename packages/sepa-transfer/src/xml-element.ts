/** An XML element: text content or child elements, never both (pain.001 has no mixed content). */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly content: string | readonly XmlElement[];
}

export function element(name: string, content: string | readonly XmlElement[], attributes?: Record<string, string>): XmlElement {
  return attributes === undefined ? { name, content } : { name, content, attributes };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function serialize(node: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes ?? {})
    .map(([key, value]) => ` ${key}="${escape(value)}"`)
    .join('');
  if (typeof node.content === 'string') return `${indent}<${node.name}${attributes}>${escape(node.content)}</${node.name}>\n`;
  const children = node.content.map((child) => serialize(child, depth + 1)).join('');
  return `${indent}<${node.name}${attributes}>\n${children}${indent}</${node.name}>\n`;
}

/** A UTF-8 XML document, indented two spaces. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, 0)}`;
}
