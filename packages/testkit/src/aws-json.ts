/**
 * One call of an AWS JSON-protocol API (DynamoDB, SQS) over plain fetch, for tests and test
 * services that have the endpoints but not the SDK. The emulators do not check signatures,
 * so the Authorization header only names the credentials, as DynamoDB Local needs.
 */
export interface AwsJsonTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
}

/** An error answered by the API, named like the SDK names it so that retry classification works. */
export class AwsJsonError extends Error {
  readonly $metadata: { readonly httpStatusCode: number };
  readonly $fault: 'client' | 'server';

  constructor(name: string, message: string, status: number) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
    this.$fault = status >= 500 ? 'server' : 'client';
  }
}

export async function awsJson<T>(target: AwsJsonTarget, operation: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const service = operation.startsWith('AmazonSQS.') ? 'sqs' : 'dynamodb';
  const response = await fetch(target.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': operation,
      'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      authorization: `AWS4-HMAC-SHA256 Credential=${target.accessKeyId}/20260101/${target.region}/${service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0`,
    },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  if (response.ok) return (text === '' ? {} : JSON.parse(text)) as T;
  let parsed: { __type?: string; message?: string; Message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: the status alone says what went wrong.
  }
  const name = (parsed.__type ?? `Http${response.status}`).split('#').pop() ?? 'Error';
  throw new AwsJsonError(name, parsed.message ?? parsed.Message ?? text.slice(0, 200), response.status);
}

/** The target an environment like the local stack's names for `service`. */
export function awsJsonTarget(env: NodeJS.ProcessEnv, service: 'dynamodb' | 'sqs'): AwsJsonTarget {
  const endpoint = env[service === 'dynamodb' ? 'AWS_ENDPOINT_URL_DYNAMODB' : 'AWS_ENDPOINT_URL_SQS'];
  if (!endpoint) throw new Error(`no ${service} endpoint in the environment`);
  return { endpoint, region: env.AWS_REGION ?? 'us-east-1', accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'test' };
}
