// `pnpm bench <name>`: runs a benchmark that prints figures and ratios against a baseline
// measured in the same process. Benchmarks live beside the package they measure; those that
// measure several services together live with the cross-service tests (test/).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchmarks: Record<string, string> = {
  runtime: 'packages/runtime/bench/runtime.bench.ts',
  'service-process': 'test/runtime/service-process.bench.ts',
  receipts: 'test/receipts/receipts-accuracy.bench.ts',
  ingest: 'services/ingest-api/bench/ingest.bench.ts',
  'ingest-receipts': 'services/ingest-api/bench/receipts.bench.ts',
  files: 'test/files/files.bench.ts',
  'receipt-chain': 'test/receipts/receipt-chain.bench.ts',
  'parser-hostile': 'services/receipt-parser/bench/parser-hostile.bench.ts',
  'cdk-synth': 'cdk/bench/synth.bench.ts',
  fleet: 'packages/service-host/bench/fleet.bench.ts',
  uploads: 'packages/local-stack/bench/uploads.bench.ts',
  alert: 'test/alerts/alert.bench.ts',
  'exchange-rates': 'packages/exchange-rates/bench/rates.bench.ts',
  'image-hash': 'packages/duplicate-signals/bench/image-hash.bench.ts',
  duplicates: 'services/duplicate-detector/bench/candidates.bench.ts',
  'mileage-year': 'services/mileage-calculator/bench/year.bench.ts',
  retention: 'services/retention-keeper/bench/retention.bench.ts',
  lifecycle: 'test/lifecycle/lifecycle.bench.ts',
  'monthly-report': 'services/expense-api/bench/report.bench.ts',
};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
// `receipts --real <folder>` measures on a folder of real receipts rather than on generated ones.
const file = name === 'receipts' && args.includes('--real') ? 'test/receipts/real-receipts.bench.ts' : name ? benchmarks[name] : undefined;
if (!file || !existsSync(join(root, file))) {
  console.error(`usage: pnpm bench <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
process.argv = [process.argv[0]!, join(root, file), ...args];
await import(pathToFileURL(join(root, file)).href);
