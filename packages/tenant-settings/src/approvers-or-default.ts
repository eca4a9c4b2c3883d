import type { TenantScope } from '@ndf/contracts';
import { DEFAULT_APPROVER_SETTINGS, type ApproverSettings } from './approvers.js';
import type { SettingsCache } from './cache.js';
import type { SettingsProblem } from './problems.js';
import { StoredSettingsError } from './store.js';

/**
 * The tenant's APPROVERS document, or, when the stored one no longer passes its schema, the
 * defaults with its problems (for the caller to log): reminders and their due instants go on
 * with the default days rather than stop until an administrator corrects the document.
 */
export async function approversOrDefault(
  cache: SettingsCache,
  scope: TenantScope,
  signal: AbortSignal,
): Promise<{ readonly value: ApproverSettings; readonly problems?: readonly SettingsProblem[] }> {
  try {
    return { value: (await cache.read(scope, 'APPROVERS', signal)).value };
  } catch (error) {
    if (!(error instanceof StoredSettingsError)) throw error;
    return { value: DEFAULT_APPROVER_SETTINGS, problems: error.problems };
  }
}
