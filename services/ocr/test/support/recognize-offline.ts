// Run in a child process by the no-network test: OCR one image with an engine (tesseract unless
// `paddle` follows the image's path), print the text.
import { readFile } from 'node:fs/promises';
import { createOcrEngine, createPaddleOcrEngine } from '../../src/ocr.js';

const engine = process.argv[3] === 'paddle' ? await createPaddleOcrEngine({ threads: 1 }) : await createOcrEngine({ workers: 1 });
try {
  const page = await engine.recognize(await readFile(process.argv[2]!));
  process.stdout.write(JSON.stringify({ text: page.text }));
} finally {
  await engine.close();
}
