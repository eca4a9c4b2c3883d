import { describe, expect, it } from 'vitest';
import { expenseApiDocument, openApiDocument, type ExpenseSchemaName } from '@ndf/contracts';
import { schemaPointers } from '@ndf/http-api';
import { expenseContract } from '../src/validation/contract.js';

const contract = expenseContract();

describe("the expense API's OpenAPI document", () => {
  it('compiles, every component schema and every request and response schema, in the 2020-12 dialect', () => {
    expect(expenseApiDocument.openapi).toBe('3.1.0');
    expect(expenseApiDocument.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const name of Object.keys(expenseApiDocument.components.schemas))
      expect(() => contract.schemaCheck(name as ExpenseSchemaName), name).not.toThrow();
    const pointers = schemaPointers(expenseApiDocument);
    for (const pointer of pointers) expect(() => contract.validator(pointer), pointer).not.toThrow();
    expect(pointers.length).toBeGreaterThan(8);
  });

  it('is a document of its own: none of the ingest API operations, the same refusal shapes', () => {
    const ingestPaths = Object.keys(openApiDocument.paths).filter((path) => !['/v1/health', '/v1/openapi.json'].includes(path));
    expect(Object.keys(expenseApiDocument.paths)).not.toEqual(expect.arrayContaining([ingestPaths[0]]));
    expect(expenseApiDocument.components.schemas.Problem).toBe(openApiDocument.components.schemas.Problem);
  });

  it('declares a 401 from the gateway, a 403 and a 503 with Retry-After on every authenticated operation', () => {
    for (const [path, item] of Object.entries(expenseApiDocument.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> }>,
      )) {
        if (method === 'parameters' || operation.security?.length === 0) continue;
        expect(operation.responses['401'], `${method} ${path}`).toBeDefined();
        expect(operation.responses['403'], `${method} ${path}`).toBeDefined();
        expect(operation.responses['503']?.headers, `${method} ${path}`).toHaveProperty('Retry-After');
      }
    }
  });
});
