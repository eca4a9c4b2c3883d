import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Arrival, MailEnvelope } from './caught-mail.js';

// Each message is kept as `<id>.eml`, byte for byte as received, next to `<id>.json` with
// what SMTP said about it (envelope, time of arrival), which the message itself does not carry.

const ID = /^[A-Za-z0-9-]+$/;

export interface ArchivedMail {
  readonly raw: Buffer;
  readonly arrival: Arrival;
}

export async function archiveMail(directory: string, raw: Buffer, arrival: Arrival): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const { receivedAt, envelope } = arrival;
  await writeFile(join(directory, `${arrival.id}.json`), `${JSON.stringify({ receivedAt, envelope }, null, 2)}\n`);
  await writeFile(join(directory, `${arrival.id}.eml`), raw);
}

function readSidecar(path: string, fallbackReceivedAt: string): Pick<Arrival, 'receivedAt' | 'envelope'> {
  const fallback = { receivedAt: fallbackReceivedAt, envelope: { from: null, to: [] } };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { receivedAt?: unknown; envelope?: { from?: unknown; to?: unknown } };
    const envelope: MailEnvelope = {
      from: typeof parsed.envelope?.from === 'string' ? parsed.envelope.from : null,
      to: Array.isArray(parsed.envelope?.to) ? parsed.envelope.to.filter((to): to is string => typeof to === 'string') : [],
    };
    return { receivedAt: typeof parsed.receivedAt === 'string' ? parsed.receivedAt : fallback.receivedAt, envelope };
  } catch {
    return fallback;
  }
}

/** Every archived message, oldest first; an `.eml` dropped in by hand is read too. */
export function loadArchive(directory: string): ArchivedMail[] {
  mkdirSync(directory, { recursive: true });
  return readdirSync(directory)
    .filter((name) => name.endsWith('.eml') && ID.test(name.slice(0, -4)))
    .map((name) => {
      const id = name.slice(0, -4);
      const path = join(directory, name);
      const sidecar = readSidecar(join(directory, `${id}.json`), statSync(path).mtime.toISOString());
      return { raw: readFileSync(path), arrival: { id, ...sidecar } };
    })
    .sort((a, b) => (a.arrival.receivedAt < b.arrival.receivedAt ? -1 : a.arrival.receivedAt > b.arrival.receivedAt ? 1 : 0));
}

export function removeFromArchive(directory: string, ids: readonly string[]): void {
  for (const id of ids) {
    if (!ID.test(id)) continue;
    rmSync(join(directory, `${id}.eml`), { force: true });
    rmSync(join(directory, `${id}.json`), { force: true });
  }
}
