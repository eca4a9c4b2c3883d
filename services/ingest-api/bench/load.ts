import { Agent, request } from 'node:http';

export interface Sample {
  readonly status: number;
  readonly ms: number;
  readonly body: string;
  readonly retryAfter?: string | undefined;
}

/** Runs `count` jobs with `concurrency` in flight at once; each job's latency is measured around it. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<T>,
): Promise<{ results: T[]; latencies: number[]; seconds: number }> {
  const results = new Array<T>(count);
  const latencies = new Array<number>(count);
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const before = performance.now();
        results[index] = await job(index);
        latencies[index] = performance.now() - before;
      }
    }),
  );
  return { results, latencies, seconds: (performance.now() - startedAt) / 1000 };
}

/** A keep-alive HTTP/1.1 client with one socket per concurrent caller, as 32 apps would hold. */
export function httpClient(
  endpoint: string,
  sockets: number,
): { post(path: string, headers: Record<string, string>, body: string): Promise<Sample>; destroy(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(endpoint);
  return {
    post: (path, headers, body) =>
      new Promise((resolve) => {
        const startedAt = performance.now();
        // A dropped connection counts as a failed request (status 0), not as the end of the run.
        const failed = (error: Error) => resolve({ status: 0, ms: performance.now() - startedAt, body: String(error) });
        const outgoing = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: 'POST',
            agent,
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                ms: performance.now() - startedAt,
                body: Buffer.concat(chunks).toString('utf8'),
                retryAfter: response.headers['retry-after'],
              }),
            );
            response.on('error', failed);
          },
        );
        outgoing.on('error', failed);
        outgoing.end(body);
      }),
    destroy: () => agent.destroy(),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}
