// Run in a child process by paddle-process-handlers.test.ts: the process's error handlers before
// the PaddleOCR engine is imported, and after it has read an image and closed.
import { readFile } from 'node:fs/promises';

const handlers = () => process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
const before = handlers();
const { createPaddleOcrEngine } = await import('../../src/ocr.js');
const engine = await createPaddleOcrEngine({ threads: 1 });
try {
  await engine.recognize(await readFile(process.argv[2]!));
} finally {
  await engine.close();
}
process.stdout.write(JSON.stringify({ before, after: handlers() }));
