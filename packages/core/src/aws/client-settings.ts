/** An environment as the process has it (`process.env`), or one built for another process or a test. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The AWS services the platform calls, by the suffix of their AWS_ENDPOINT_URL_<SERVICE> variable. */
export const ENDPOINT_VARIABLES = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  dynamodbStreams: 'AWS_ENDPOINT_URL_DYNAMODB_STREAMS',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  s3: 'AWS_ENDPOINT_URL_S3',
} as const;

export type AwsService = keyof typeof ENDPOINT_VARIABLES;

/** Set to `true` where S3 is reached by path (`http://host/bucket/key`): emulators have no per-bucket host names. */
export const S3_PATH_STYLE_VARIABLE = 'NDF_S3_FORCE_PATH_STYLE';

export interface ClientLimits {
  readonly connectionTimeoutMs: number;
  /** Cut a request that has not answered by then (the SDK's default only warns). */
  readonly requestTimeoutMs: number;
  /** The SDK's attempts, the first included. */
  readonly maxAttempts: number;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What an SDK v3 client's constructor takes, as plain data: spread it into `new DynamoDBClient(...)`. */
export interface ClientSettings {
  readonly region?: string;
  readonly credentials?: Credentials;
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  readonly maxAttempts: number;
  readonly requestHandler: { readonly connectionTimeout: number; readonly requestTimeout: number; readonly throwOnRequestTimeout: true };
}

/**
 * The session token is part of the credentials wherever it is set: a Lambda's role gives
 * temporary keys that AWS refuses without it. Without keys in the environment, none are
 * given, and the SDK's own provider chain finds them (a task role, a profile).
 */
export function credentialsFrom(env: Environment): Credentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/**
 * An SDK client's settings read from `env` explicitly (so that a process can build clients for
 * another environment), as the SDK itself reads them: the region, the credentials, the
 * endpoint from AWS_ENDPOINT_URL_<SERVICE> then AWS_ENDPOINT_URL (set locally, absent in the
 * cloud, where the SDK's defaults apply), and path-style S3. The limits are the caller's: a
 * Lambda's deadline and a long poll do not wait alike.
 */
export function clientSettings(service: AwsService, env: Environment, limits: ClientLimits): ClientSettings {
  const region = env.AWS_REGION;
  const credentials = credentialsFrom(env);
  const endpoint = env[ENDPOINT_VARIABLES[service]] || env.AWS_ENDPOINT_URL;
  return {
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(service === 's3' ? { forcePathStyle: env[S3_PATH_STYLE_VARIABLE] === 'true' } : {}),
    maxAttempts: limits.maxAttempts,
    requestHandler: { connectionTimeout: limits.connectionTimeoutMs, requestTimeout: limits.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}
