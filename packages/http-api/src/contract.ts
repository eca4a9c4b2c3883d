import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { FieldError, FieldErrorCode } from '@ndf/contracts';

// ajv-formats is CommonJS; its default export arrives as the module object or the plugin.
const addFormats = ((formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

export type Check = (value: unknown) => readonly FieldError[];

const DETAILS: Record<string, (error: ErrorObject) => string> = {
  required: (error) => `${String(error.params.missingProperty)} is required.`,
  additionalProperties: (error) => `${String(error.params.additionalProperty)} is not a field here.`,
  type: (error) => `Must be ${String(error.params.type)}.`,
  enum: (error) => `Must be one of: ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}.`,
  format: (error) => `Must be a ${String(error.params.format)}.`,
  minLength: (error) => `Must have at least ${String(error.params.limit)} character(s).`,
  maxLength: (error) => `Must have at most ${String(error.params.limit)} characters.`,
  minimum: (error) => `Must be at least ${String(error.params.limit)}.`,
  maximum: (error) => `Must be at most ${String(error.params.limit)}.`,
  minItems: (error) => `Must have at least ${String(error.params.limit)} item(s).`,
  maxItems: (error) => `Must have at most ${String(error.params.limit)} items.`,
  uniqueItems: () => 'Must not repeat an item.',
  minProperties: () => 'Must have at least one field.',
};

const CODES: Record<string, FieldErrorCode> = {
  required: 'required',
  additionalProperties: 'unknown_field',
  type: 'wrong_type',
  enum: 'not_allowed',
  const: 'not_allowed',
  pattern: 'invalid_format',
  format: 'invalid_format',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maximum: 'too_large',
  exclusiveMaximum: 'too_large',
  minItems: 'too_few_items',
  maxItems: 'too_many_items',
  uniqueItems: 'duplicate_items',
  minProperties: 'required',
};

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Errors that only repeat or frame another one: a failed `then`, the null branch of a nullable field. */
function isNoise(error: ErrorObject): boolean {
  if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'allOf') return true;
  return error.keyword === 'type' && error.params.type === 'null';
}

/** Keywords whose failure the schema may name more precisely with `x-error-code`. */
const ANNOTATED = new Set(['pattern', 'enum', 'format']);

function fieldError(error: ErrorObject, prefix: string): FieldError {
  let field = prefix + error.instancePath;
  if (error.keyword === 'required') field += `/${escapePointer(String(error.params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') field += `/${escapePointer(String(error.params.additionalProperty))}`;
  const schema = (error.parentSchema ?? {}) as { 'x-error-code'?: FieldErrorCode; 'x-error-detail'?: string };
  const annotated = ANNOTATED.has(error.keyword) || (error.keyword === 'type' && schema['x-error-code'] === undefined);
  const code = (annotated && schema['x-error-code']) || CODES[error.keyword] || 'invalid';
  const detail = (annotated && schema['x-error-detail']) || DETAILS[error.keyword]?.(error) || error.message || 'Invalid.';
  return { field: field === '' ? '/' : field, in: 'body', code, detail };
}

/** Which fault of a field to report: its type first, a refinement of a format (too many decimals) last. */
const rank = (code: FieldErrorCode) => (code === 'wrong_type' ? 0 : code === 'too_many_decimals' ? 2 : 1);

/** One field error per faulty field, naming it as a JSON pointer with a stable code. */
export function fieldErrors(errors: readonly ErrorObject[], prefix = ''): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const error of errors) {
    if (isNoise(error)) continue;
    const candidate = fieldError(error, prefix);
    const known = byField.get(candidate.field);
    if (!known || rank(candidate.code) < rank(known.code)) byField.set(candidate.field, candidate);
  }
  return [...byField.values()];
}

/**
 * The validator of an API's OpenAPI document's schemas (JSON Schema 2020-12, OAS 3.1's dialect),
 * each compiled once. `x-error-code` is the document's own annotation of a field error code.
 * `id` names the document inside the validator (a URI of its own per API).
 */
export class Contract {
  private readonly ajv: Ajv2020;
  private readonly coercing: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    readonly document: object,
    readonly id: string,
  ) {
    const make = (coerceTypes: boolean) => {
      const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, coerceTypes, useDefaults: coerceTypes });
      addFormats(ajv);
      ajv.addKeyword({ keyword: 'x-error-code', schemaType: 'string' });
      ajv.addKeyword({ keyword: 'x-error-detail', schemaType: 'string' });
      // The document's own top-level fields: known to the validator, never validated as schemas.
      ajv.addVocabulary(['openapi', 'jsonSchemaDialect', 'info', 'servers', 'security', 'components', 'paths']);
      ajv.addSchema(document, id);
      return ajv;
    };
    this.ajv = make(false);
    // Query parameters arrive as strings; only they are coerced, and only to their declared types.
    this.coercing = make(true);
  }

  /** A validator of `#/<pointer>` in the document, e.g. `components/schemas/NoteInput`. */
  validator(pointer: string, options: { coerce?: boolean } = {}): ValidateFunction {
    const key = `${options.coerce ? 'c' : 'p'}:${pointer}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = (options.coerce ? this.coercing : this.ajv).compile({ $ref: `${this.id}#/${pointer}` });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** A check against one component schema, its errors as field errors under `prefix`. */
  schemaCheck(name: string, prefix = ''): Check {
    const validate = this.validator(`components/schemas/${name}`);
    return (value) => (validate(value) ? [] : fieldErrors(validate.errors ?? [], prefix));
  }

  /** Compiles a schema built from pieces of the document (e.g. an operation's query parameters). */
  compile(schema: object, options: { coerce?: boolean } = {}): ValidateFunction {
    return (options.coerce ? this.coercing : this.ajv).compile(schema);
  }
}
