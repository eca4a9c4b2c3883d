import { readFileSync } from 'node:fs';
import { descendants } from '@ndf/local-stack';

/** The environment variables a process was started with (Linux /proc), or none once it is gone. */
function environOf(pid: number): Map<string, string> {
  try {
    const pairs = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    return new Map(pairs.filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  } catch {
    return new Map();
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The process of the platform (started as `root`) that runs `service` on its own (NDF_SERVICE in its environment). */
export function serviceProcess(root: number, service: string): number {
  const found = descendants(root).find((pid) => environOf(pid).get('NDF_SERVICE') === service);
  if (found === undefined) throw new Error(`No process of the platform runs ${service} on its own.`);
  return found;
}

/** The process of the platform whose command line holds `marker` (an emulator: DynamoDBLocal.jar, s3rver). */
export function emulatorProcess(root: number, marker: string): number {
  const found = descendants(root).find((pid) => commandOf(pid).includes(marker));
  if (found === undefined) throw new Error(`No process of the platform runs ${marker}.`);
  return found;
}
