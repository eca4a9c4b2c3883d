import type { FieldError } from '@ndf/contracts';
import { fieldErrors, type Contract } from './contract.js';

/** An operation's parameter as the OpenAPI document declares it. */
export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema: object;
}

export type QueryCheck = (query: Readonly<Record<string, string | undefined>>) => {
  value: Record<string, unknown>;
  errors: readonly FieldError[];
};

/** The query parameters of an operation as one object schema, so that unknown ones are refused too. */
function querySchema(parameters: readonly Parameter[]): object {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(query.map((parameter) => [parameter.name, parameter.schema])),
    required: query.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

/** Field errors of a parameter: named as the parameter, not as a JSON pointer. */
export const asParameters = (errors: readonly FieldError[], where: 'query' | 'header'): FieldError[] =>
  errors.map((error) => ({ ...error, in: where, field: error.field.replace(/^\//, '') }));

/** A check of an operation's query string against its declared parameters, coerced to their types (defaults filled in). */
export function queryCheck(contract: Contract, parameters: readonly Parameter[]): QueryCheck {
  const validate = contract.compile(querySchema(parameters), { coerce: true });
  return (query) => {
    const value: Record<string, unknown> = Object.fromEntries(Object.entries(query).filter(([, item]) => item !== undefined));
    return { value, errors: validate(value) ? [] : asParameters(fieldErrors(validate.errors ?? []), 'query') };
  };
}

/** A check of one declared header parameter of an operation (its field errors named as the header). */
export function headerCheck(
  contract: Contract,
  parameters: readonly Parameter[],
  name: string,
): (value: string | undefined) => FieldError[] {
  const parameter = parameters.find((candidate) => candidate.in === 'header' && candidate.name === name);
  if (!parameter) throw new Error(`The operation declares no ${name} header.`);
  const validate = contract.compile({
    type: 'object',
    ...(parameter.required ? { required: [name] } : {}),
    properties: { [name]: parameter.schema },
  });
  return (value) => {
    const headers = value === undefined ? {} : { [name]: value };
    return validate(headers) ? [] : asParameters(fieldErrors(validate.errors ?? []), 'header');
  };
}
