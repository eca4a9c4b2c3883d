import { describe, expect, it } from 'vitest';
import { openApiDocument, type SchemaName } from '@ndf/contracts';
import { schemaPointers } from '@ndf/http-api';
import { canonicalJson, requestHash } from '../src/data/canonical-json.js';
import { ingestContract } from '../src/validation/contract.js';

const contract = ingestContract();

describe('the OpenAPI document', () => {
  it('compiles, every component schema and every request and response schema, in the 2020-12 dialect', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(openApiDocument.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    for (const name of Object.keys(openApiDocument.components.schemas))
      expect(() => contract.schemaCheck(name as SchemaName), name).not.toThrow();
    for (const [path, item] of Object.entries(openApiDocument.paths))
      for (const [method, operation] of Object.entries(item as Record<string, { responses?: unknown }>))
        if (method !== 'parameters') expect(operation.responses, `${method} ${path}`).toBeDefined();
    const pointers = schemaPointers(openApiDocument);
    for (const pointer of pointers) expect(() => contract.validator(pointer), pointer).not.toThrow();
    const compiled = pointers.length;
    expect(compiled).toBeGreaterThan(40);
  });

  it('declares a 401 from the gateway and a 503 with Retry-After on every authenticated operation', () => {
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { security?: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> }>,
      )) {
        if (method === 'parameters' || operation.security?.length === 0) continue;
        expect(operation.responses['401'], `${method} ${path}`).toBeDefined();
        expect(operation.responses['503']?.headers, `${method} ${path}`).toHaveProperty('Retry-After');
      }
    }
  });
});

describe('request hashes', () => {
  it('ignore key order and spacing, and tell values apart', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
    expect(requestHash(JSON.parse('{ "a": 1, "b": "2" }'))).toBe(requestHash({ b: '2', a: 1 }));
    expect(requestHash({ value: '42.50' })).not.toBe(requestHash({ value: '42.5' }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});
