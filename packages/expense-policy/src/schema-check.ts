import { POSITIVE_DECIMAL_PATTERN } from '@ndf/contracts';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { problem, type PolicyProblem } from './problems.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true });

/** A key as one reference token of a JSON pointer (RFC 6901). */
const token = (key: unknown) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

function describe(error: ErrorObject): PolicyProblem {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return problem(`${at}/${token(params.missingProperty)}`, 'invalid_shape', 'is required');
    case 'additionalProperties':
      return problem(`${at}/${token(params.additionalProperty)}`, 'invalid_shape', 'is not a known field');
    case 'discriminator':
      return problem(`${at}/${token(params.tag)}`, 'invalid_shape', 'is not a known kind of rule');
  }
  // A key refused by propertyNames (a country code): the problem is the key itself.
  if (error.propertyName !== undefined)
    return problem(`${at}/${token(error.propertyName)}`, 'invalid_shape', `is not a valid key (${error.message})`);
  if (error.keyword === 'pattern' && params.pattern === POSITIVE_DECIMAL_PATTERN)
    return problem(at, 'invalid_shape', 'is a positive amount as a decimal string, e.g. "25.00"');
  return problem(at || '/', 'invalid_shape', error.message ?? 'is not valid');
}

/** A validator returning every problem of a value, each at its JSON pointer, or none. */
export function schemaChecker(schema: object): (value: unknown) => readonly PolicyProblem[] {
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).filter((error) => error.keyword !== 'propertyNames').map(describe);
  };
}
