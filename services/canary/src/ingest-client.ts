import { errorText } from '@ndf/core';
import { CanaryStepFailure, type CanaryStep } from './step-failure.js';

/** The header the ingest API takes a correlation id from and answers it in. */
const CORRELATION_HEADER = 'x-correlation-id';

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly correlationId: string;
}

export interface ApiRequest {
  readonly step: CanaryStep;
  readonly method: string;
  readonly path: string;
  readonly token: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The statuses this step expects; any other fails the step. */
  readonly expect: readonly number[];
}

/**
 * The ingest API as the mobile app calls it: a bearer token, JSON, and the run's correlation id on
 * every request, so that every line every service logs for the run carries it. Each request is cut
 * at `timeoutMs`; a failure names the step, the status and the correlation id.
 */
export class IngestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(request: ApiRequest, correlationId: string, signal: AbortSignal): Promise<ApiAnswer<T>> {
    const { step, method, path, token, body, headers = {} } = request;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          [CORRELATION_HEADER]: correlationId,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
      });
    } catch (error) {
      throw new CanaryStepFailure(step, `${method} ${path} got no answer: ${errorText(error)}`, undefined, correlationId);
    }
    const answeredId = response.headers.get(CORRELATION_HEADER) ?? correlationId;
    const text = await response.text().catch(() => '');
    if (!request.expect.includes(response.status))
      throw new CanaryStepFailure(
        step,
        `${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
        response.status,
        answeredId,
      );
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, correlationId: answeredId };
  }
}
