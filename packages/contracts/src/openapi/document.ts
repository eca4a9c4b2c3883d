import { documentOf } from './answers.js';
import { paths } from './paths.js';
import { schemas } from './schemas.js';

/** The ingest API's contract: requests are validated against it, responses tested against it. */
export const openApiDocument = documentOf(
  {
    title: 'Notes de frais — ingest API',
    version: '1.0.0',
    description:
      'What the mobile apps call to submit expense notes and receipt files. Every operation but health and this document needs ' +
      '`Authorization: Bearer <ID token>`; the tenant, the user and the roles come from its claims. Errors are application/problem+json ' +
      'with a stable `code`, and the faulty fields in `errors`.',
  },
  schemas,
  paths,
);

export type SchemaName = keyof typeof schemas;
