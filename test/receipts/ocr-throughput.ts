// The OCR-alone ceiling for the receipt benchmarks (receipts-accuracy, receipt-chain):
// it reads fixtures from @ndf/receipt-fixtures.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { DEFAULT_OCR_ENGINE, createNamedOcrEngine, type OcrEngine, type OcrEngineName, type OcrPage } from '@ndf/ocr/engine';
import { generateFixtures, type Fixture, type FixtureFormat } from '@ndf/receipt-fixtures';

export interface OcrThroughput {
  readonly receipts: number;
  readonly workers: number;
  readonly seconds: number;
  readonly perMinute: number;
  /** One receipt's OCR, preprocessing included, from the start of its job. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * OCR alone over fixtures, as many at once as the engine has workers: the ceiling an end-to-end
 * run on this machine is compared against. Files are made (and cached) before the clock starts;
 * the engine's workers are warmed on one receipt first.
 */
export async function runOcr(
  engine: OcrEngine,
  fixtures: readonly Fixture[],
  onPage?: (fixture: Fixture, page: OcrPage) => void,
): Promise<OcrThroughput> {
  const images = await Promise.all(fixtures.map((fixture) => readFile(fixture.path)));
  const latencies: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  const worker = async () => {
    while (next < images.length) {
      const index = next++;
      const start = performance.now();
      const page = await engine.recognize(images[index]!);
      latencies.push(performance.now() - start);
      onPage?.(fixtures[index]!, page);
    }
  };
  await Promise.all(Array.from({ length: engine.workers }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    receipts: images.length,
    workers: engine.workers,
    seconds,
    perMinute: (images.length / seconds) * 60,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** The OCR-alone ceiling on this machine: `count` fixtures of a format through a fresh engine given `cores` (the service's concurrency). */
export async function measureOcrThroughput({
  count = 100,
  seed = 2024,
  format = 'png',
  engine: name = DEFAULT_OCR_ENGINE,
  cores = availableParallelism(),
}: { count?: number; seed?: number; format?: FixtureFormat; engine?: OcrEngineName; cores?: number } = {}): Promise<OcrThroughput> {
  const fixtures = await generateFixtures({ seed, count, format });
  const engine = await createNamedOcrEngine(name, { cores });
  try {
    await runOcr(engine, fixtures.slice(0, engine.workers));
    return await runOcr(engine, fixtures);
  } finally {
    await engine.close();
  }
}
