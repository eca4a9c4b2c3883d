import type { Contract } from './contract.js';

/** An answer as a client reads it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };

/**
 * Why an answer breaks the contract's document, or undefined when it does not: the document
 * must declare its status for the operation, and its body must match the schema declared for
 * its content type (no body when none is declared).
 */
export function contractViolation(contract: Contract, answer: Answer, method: string, pathTemplate: string): string | undefined {
  const paths = (contract.document as { paths: Record<string, Record<string, Operation>> }).paths;
  const operation = paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation?.responses) return `The document has no ${method} ${pathTemplate}.`;
  const declared = operation.responses[String(answer.status)];
  if (!declared) return `${method} ${pathTemplate} answered ${answer.status}, which the document does not declare`;
  const contentType = answer.headers.get('content-type')?.split(';')[0]?.trim();
  if (!declared.content) return answer.body === undefined ? undefined : `${method} ${pathTemplate} ${answer.status} should have no body`;
  if (contentType === undefined || !Object.keys(declared.content).includes(contentType))
    return `${method} ${pathTemplate} ${answer.status} answered ${contentType}`;
  const pointer = [
    'paths',
    escape(pathTemplate),
    method.toLowerCase(),
    'responses',
    String(answer.status),
    'content',
    escape(contentType),
    'schema',
  ];
  const validate = contract.validator(pointer.join('/'));
  if (validate(answer.body)) return undefined;
  return `${method} ${pathTemplate} ${answer.status} body breaks the document: ${JSON.stringify(validate.errors)}\n${JSON.stringify(answer.body)}`;
}
