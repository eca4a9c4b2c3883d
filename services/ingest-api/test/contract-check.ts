import { expect } from 'vitest';
import { openApiDocument } from '@ndf/contracts';
import { Contract } from '../src/validation/contract.js';

const contract = new Contract();

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Fails unless the OpenAPI document declares this status for the operation and the body
 * matches the schema it declares for the answer's content type.
 */
export function expectContract(answer: Answer, method: string, pathTemplate: keyof typeof openApiDocument.paths): void {
  const operation = (
    openApiDocument.paths[pathTemplate] as Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  )[method.toLowerCase()];
  if (!operation?.responses) throw new Error(`The document has no ${method} ${pathTemplate}.`);
  const declared = operation.responses[String(answer.status)];
  expect(declared, `${method} ${pathTemplate} answered ${answer.status}, which the document does not declare`).toBeDefined();
  const contentType = answer.headers.get('content-type')?.split(';')[0]?.trim();
  if (!declared!.content) {
    expect(answer.body, `${method} ${pathTemplate} ${answer.status} should have no body`).toBeUndefined();
    return;
  }
  expect(Object.keys(declared!.content), `${method} ${pathTemplate} ${answer.status} answered ${contentType}`).toContain(contentType);
  const pointer = [
    'paths',
    escape(pathTemplate),
    method.toLowerCase(),
    'responses',
    String(answer.status),
    'content',
    escape(contentType!),
    'schema',
  ].join('/');
  const validate = contract.validator(pointer);
  const valid = validate(answer.body);
  expect(
    valid,
    `${method} ${pathTemplate} ${answer.status} body breaks the document: ${JSON.stringify(validate.errors)}\n${JSON.stringify(answer.body)}`,
  ).toBe(true);
}
