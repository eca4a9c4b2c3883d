/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is CommonJS */
// The control for the no-network test: tesseract.js left to its defaults (no langPath) fetches its
// trained data from a CDN. Exits 0 as soon as the preload has recorded that attempt, 4 if it never does.
const { readFileSync } = require('node:fs');
const { createWorker } = require('tesseract.js');

createWorker(['eng'], 1, { errorHandler: () => undefined, cacheMethod: 'none' }).then(
  (worker) => worker.terminate(),
  () => undefined,
);
const recorded = () => {
  try {
    return readFileSync(process.env.NDF_NETWORK_LOG, 'utf8').length > 0;
  } catch {
    return false;
  }
};
const started = Date.now();
setInterval(() => {
  if (recorded()) process.exit(0);
  if (Date.now() - started > 30_000) process.exit(4);
}, 50);
