/** What a file that no signature matches looks like when read as text. */
export type TextKind = 'markup' | 'script' | 'text';

const SAMPLE_BYTES = 4096;
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

function decodeSample(head: Uint8Array): string | undefined {
  const sample = head.subarray(0, SAMPLE_BYTES);
  if (sample[0] === 0xfe && sample[1] === 0xff) return new TextDecoder('utf-16be').decode(sample.subarray(2));
  if (sample[0] === 0xff && sample[1] === 0xfe) return new TextDecoder('utf-16le').decode(sample.subarray(2));
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return undefined;
    if (byte < 0x20 && !ALLOWED_CONTROLS.has(byte)) controls++;
  }
  // A stray control character can occur in text; a few percent of them means binary data.
  if (controls > sample.length / 100) return undefined;
  return new TextDecoder('utf-8').decode(sample).replace(/^\uFEFF/, '');
}

/** HTML, SVG or XML, a script to run, or plain text; undefined for binary data. */
export function sniffText(head: Uint8Array): TextKind | undefined {
  const text = decodeSample(head);
  if (text === undefined) return undefined;
  const start = text.trimStart();
  if (start.startsWith('#!')) return 'script';
  if (start.startsWith('<') || /<(html|svg|script|body|iframe|\?xml|!doctype)[\s>/]/i.test(text)) return 'markup';
  return 'text';
}
