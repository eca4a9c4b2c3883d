import { descendants } from '@ndf/local-stack';
import { readFileSync } from 'node:fs';

/** The kB figure of one line of a /proc file. */
function kilobytes(path: string, field: string): number {
  try {
    const line = readFileSync(path, 'utf8')
      .split('\n')
      .find((text) => text.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface Memory {
  /** Resident set size, shared pages counted in every process. */
  readonly rss: number;
  /** Proportional set size: shared pages split between the processes sharing them (what the machine spends). */
  readonly pss: number;
}

/** A process and its descendants (a tsx loader's esbuild, an emulator's JVM…), in bytes; Linux only. */
export function treeMemory(pid: number): Memory {
  return [pid, ...descendants(pid)].reduce(
    (sum, each) => ({
      rss: sum.rss + kilobytes(`/proc/${each}/status`, 'VmRSS'),
      pss: sum.pss + kilobytes(`/proc/${each}/smaps_rollup`, 'Pss'),
    }),
    { rss: 0, pss: 0 },
  );
}
