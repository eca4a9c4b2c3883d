import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root: code assets (Lambda entries, container builds) are taken from here. */
export const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const servicePath = (service: string, ...rest: string[]): string => join(WORKSPACE_ROOT, 'services', service, ...rest);
