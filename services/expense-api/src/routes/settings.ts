import { SETTINGS_DOCUMENT_NAMES, type FieldError, type SettingsDocumentName, type TenantRole } from '@ndf/contracts';
import { etagOf, ifMatchVersion, invalid, json, ProblemError, readJsonBody, requireRole } from '@ndf/http-api';
import {
  readAllSettings,
  readSettings,
  writeSettings,
  type SettingsDocument,
  type SettingsProblem,
  type StoredSettings,
} from '@ndf/tenant-settings';
import type { AuthorizedContext } from './route.js';

/** The store's name of each document the API names in its paths. */
const STORED_AS: { readonly [N in SettingsDocumentName]: SettingsDocument } = {
  policy: 'POLICY',
  approvers: 'APPROVERS',
  categories: 'CATEGORIES',
  payees: 'PAYEES',
  payment: 'PAYMENT',
  cards: 'CARDS',
};

const READERS: readonly TenantRole[] = ['admin', 'accountant'];

/** What the API shows of a stored document. */
function settingsView(name: SettingsDocumentName, stored: StoredSettings<SettingsDocument>) {
  return {
    document: name,
    version: stored.version,
    value: stored.value,
    ...(stored.updatedAt === undefined ? {} : { updatedAt: stored.updatedAt }),
    ...(stored.updatedBy === undefined ? {} : { updatedBy: stored.updatedBy }),
  };
}

/** A settings problem as a field error of the body: the package names the field as a JSON pointer into the document. */
const fieldErrorOf = (problem: SettingsProblem): FieldError => ({
  field: problem.field,
  in: 'body',
  code: problem.code,
  detail: problem.message,
});

const documentOf = (context: AuthorizedContext) => context.pathParameters.document as SettingsDocumentName;

/** Every document of the tenant's settings with its version (the default, version 0, for those never written). */
export async function listSettings(context: AuthorizedContext) {
  const scope = requireRole(context.scope, READERS, "Reading the tenant's settings");
  const all = await readAllSettings(context.deps.dynamodb, context.deps.config.tableName, scope, context.signal);
  return json(200, Object.fromEntries(SETTINGS_DOCUMENT_NAMES.map((name) => [name, settingsView(name, all[STORED_AS[name]])])));
}

/** One document, its version as the ETag. */
export async function getSettings(context: AuthorizedContext) {
  const scope = requireRole(context.scope, READERS, "Reading the tenant's settings");
  const name = documentOf(context);
  const stored = await readSettings(context.deps.dynamodb, context.deps.config.tableName, scope, STORED_AS[name], context.signal);
  return json(200, settingsView(name, stored), { etag: etagOf(stored.version) });
}

/** Replaces one document, checked whole, only if it is still at the version in If-Match. Admins only. */
export async function putSettings(context: AuthorizedContext) {
  const scope = requireRole(context.scope, ['admin'], "Changing the tenant's settings");
  const expected = ifMatchVersion(context.event.headers, { required: true, readFrom: 'GET /v1/settings/{document}' })!;
  const body = readJsonBody(context.event, { maxBytes: context.deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const name = documentOf(context);
  const { deps } = context;
  const result = await writeSettings(
    deps.dynamodb,
    deps.config.tableName,
    scope,
    STORED_AS[name],
    body,
    expected,
    context.signal,
    () => context.now,
  );
  if (result.outcome === 'invalid') throw invalid(result.problems.map(fieldErrorOf), `The ${name} settings break their rules: see errors.`);
  if (result.outcome === 'conflict')
    throw new ProblemError(
      412,
      'version_mismatch',
      `The ${name} settings are at version ${result.currentVersion}, not ${expected}: read them again.`,
      undefined,
      { etag: etagOf(result.currentVersion) },
    );
  return json(200, settingsView(name, result.settings), { etag: etagOf(result.settings.version) });
}
