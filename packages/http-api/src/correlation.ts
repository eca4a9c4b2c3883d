import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Sent back on every answer, and kept on every item a request writes. */
export const CORRELATION_HEADER = 'x-correlation-id';

const USABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id that follows a request through every hop (stream, queues, logs): the app's own when
 * it sends a usable one (so that its retries of one note share it), else the gateway's
 * request id.
 */
export function correlationIdOf(event: APIGatewayProxyEventV2): string {
  const sent = event.headers[CORRELATION_HEADER];
  return sent !== undefined && USABLE.test(sent) ? sent : event.requestContext.requestId;
}
