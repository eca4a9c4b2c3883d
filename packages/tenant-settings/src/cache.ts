import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TenantScope } from '@ndf/contracts';
import type { SettingsDocument } from './documents.js';
import { readSettings, type StoredSettings } from './store.js';

export interface SettingsCacheOptions {
  /** How long a document read is used before it is read again: the most a service lags behind a change. */
  readonly maxAgeMs?: number;
  /** Documents kept at most (tenants × documents); the least recently read goes first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** A change of settings reaches the services within a minute; below that, a note's check reads no settings at all. */
export const SETTINGS_MAX_AGE_MS = 60_000;

/**
 * The settings a service reads on every message, kept in memory for at most `maxAgeMs` (settings
 * change rarely, notes often). Bounded staleness, not invalidation: a change made through the API
 * is used by every task within `maxAgeMs`, with no message between the API and the services.
 */
export class SettingsCache {
  private readonly entries = new Map<string, { readonly readAt: number; readonly settings: StoredSettings<SettingsDocument> }>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
    options: SettingsCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? SETTINGS_MAX_AGE_MS;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  async read<D extends SettingsDocument>(scope: TenantScope, document: D, signal: AbortSignal): Promise<StoredSettings<D>> {
    const key = `${scope.tenant}\u0000${document}`;
    const cached = this.entries.get(key);
    const now = this.now();
    if (cached && now - cached.readAt < this.maxAgeMs) {
      // Read again: it becomes the most recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.settings as StoredSettings<D>;
    }
    const settings = await readSettings(this.dynamodb, this.tableName, scope, document, signal);
    this.entries.delete(key);
    this.entries.set(key, { readAt: now, settings });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
    return settings;
  }
}
