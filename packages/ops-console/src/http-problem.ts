import type { IncomingMessage, ServerResponse } from 'node:http';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const MAX_BODY_BYTES = 16 * 1024;

/** A refusal answered as application/problem+json, naming the field at fault when there is one. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function sendJson(response: ServerResponse, status: number, value: unknown, contentType = 'application/json'): void {
  response.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

export function sendProblem(response: ServerResponse, problem: HttpProblem, instance: string): void {
  const body = {
    type: 'about:blank',
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.message,
    instance,
    ...(problem.field === undefined ? {} : { field: problem.field }),
  };
  if (problem.status === 401) response.setHeader('www-authenticate', 'Bearer');
  sendJson(response, problem.status, body, 'application/problem+json');
}

/** The request's JSON object body (an empty one is an empty object). */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  // Only JSON, even when empty: a page of another site cannot send it without a preflight this
  // server never allows, so no form can make a signed-in browser replay or discard.
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpProblem(415, 'The request body must be application/json.', 'body');
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BODY_BYTES) throw new HttpProblem(413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`, 'body');
    chunks.push(chunk);
  }
  if (length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.', 'body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpProblem(400, 'The request body must be a JSON object.', 'body');
  return value as Record<string, unknown>;
}

/** An optional text field of a body or query: trimmed, at most `max` characters. */
export function optionalText(value: unknown, field: string, max = 500): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpProblem(400, `${field} must be a string.`, field);
  const text = value.trim();
  if (text.length > max) throw new HttpProblem(400, `${field} must be at most ${max} characters.`, field);
  return text === '' ? undefined : text;
}

/** A whole number query parameter within [min, max], or the fallback when absent. */
export function wholeNumber(value: string | null, field: string, range: { min: number; max: number; fallback: number }): number {
  if (value === null || value === '') return range.fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < range.min || number > range.max)
    throw new HttpProblem(400, `${field} must be a whole number from ${range.min} to ${range.max}, not "${value}".`, field);
  return number;
}
