// Run in a child process by the no-network test: OCR one image with the engine, print the text.
import { readFile } from 'node:fs/promises';
import { createOcrEngine } from '../../src/ocr.js';

const engine = await createOcrEngine({ workers: 1 });
try {
  const page = await engine.recognize(await readFile(process.argv[2]!));
  process.stdout.write(JSON.stringify({ text: page.text }));
} finally {
  await engine.close();
}
