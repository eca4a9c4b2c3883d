import { documentOf } from './answers.js';
import { expensePaths } from './expense-paths.js';
import { expenseSchemas } from './expense-schemas.js';

/** The expense API's contract (a document of its own): requests are validated against it, responses tested against it. */
export const expenseApiDocument = documentOf(
  {
    title: 'Notes de frais — expense API',
    version: '1.0.0',
    description:
      "The expense lifecycle past the ingest path: approvers' queues, a note's submission and decisions, the tenant's settings. Every operation but health and this document needs " +
      '`Authorization: Bearer <ID token>`; the tenant, the user and the roles come from its claims, and a role that may not do a thing ' +
      'gets 403. Errors are application/problem+json with a stable `code`, and the faulty fields in `errors`.',
  },
  expenseSchemas,
  expensePaths,
);
