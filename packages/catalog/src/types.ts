// The shape of the catalog: plain data, no behaviour, no heavy imports, so that the local
// stack, the CDK app and every service can read it.

export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

export interface TableEntry {
  /** Logical name; the physical name is derived (see naming.ts). */
  readonly name: string;
  readonly description: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string }[];
  /** Attribute holding an epoch-seconds expiry, if items expire. */
  readonly ttlAttribute?: string;
  /** Whether the table's changes feed the stream router (new and old images). */
  readonly stream: boolean;
  /**
   * Partition key patterns of its items when they are not tenant data (reference data every tenant
   * shares, e.g. `RATES#*`): what a service that touches it is granted. Tenant partitions (T#*) when absent.
   */
  readonly partitions?: readonly string[];
}

export interface BucketEntry {
  readonly name: string;
  readonly description: string;
  /** Originals kept for legal retention: never overwritten, never deleted by the platform. */
  readonly retainOriginals: boolean;
}

/** Where a service's messages come from. Each service has exactly one input queue. */
export type ServiceSource =
  /** Changes of a table, routed by the stream router, filtered by item type and event. */
  | {
      readonly kind: 'stream';
      readonly table: string;
      /** Values of the item's `type` attribute. */
      readonly itemTypes: readonly string[];
      readonly events: readonly StreamEventName[];
      /**
       * Further string attributes of the item (its new image; the old one for a REMOVE) and the
       * values that let a change through, like a Lambda event filter: `{ status: ['uploaded'] }`.
       */
      readonly where?: Readonly<Record<string, readonly string[]>>;
      /**
       * The same, for one item type in place of `where`: a service that follows both notes and other
       * services' stages filters each on its own attributes, `{ STAGE: { service: ['currency-converter'] } }`.
       */
      readonly whereByType?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
    }
  /** S3 object-created notifications of a bucket, filtered by key prefix and suffix. */
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string; readonly suffix?: string }
  /** Messages sent by other services that declare this one among their outputs. */
  | { readonly kind: 'queue' }
  /**
   * A tick (`{"kind":"tick"}`) sent to its queue on a period: by an EventBridge rule in the cloud
   * (whose rate counts in minutes), by the platform on the laptop, so the same handler runs on both.
   */
  | {
      readonly kind: 'schedule';
      /** The cloud's period: a whole number of minutes, in seconds. */
      readonly everySeconds: number;
      /** The laptop's period (`npm start`), shorter so that a developer sees it work; NDF_TICK_SECONDS overrides it. */
      readonly localEverySeconds: number;
    };

/** What a service reads besides its source (which it may always read). */
export type ServiceInput =
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'bucket'; readonly bucket: string; readonly prefix: string }
  /** Partitions of a table's index that are not tenant data (keys like `RECONCILE#*`), queried across tenants. */
  | { readonly kind: 'index'; readonly table: string; readonly index: string; readonly partitions: readonly string[] }
  /** How many messages wait in a service's queue (visible, in flight, delayed): whether work for it may still be on its way. */
  | { readonly kind: 'backlog'; readonly service: string };

export type ServiceOutput =
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'bucket'; readonly bucket: string; readonly prefix: string }
  /**
   * Deletes object versions under a prefix once their legal retention is over: reads a version's
   * lock, and deletes it never with the governance bypass, so that a version still locked stays.
   */
  | { readonly kind: 'expiry'; readonly bucket: string; readonly prefix: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'email' }
  /**
   * An HTTP API of the catalog it calls as the API's clients do (a token, HTTPS), through no AWS
   * permission and no breaker: its address comes in NDF_<API>_URL (see apiUrlVariable).
   */
  | { readonly kind: 'api'; readonly api: string };

export interface ServiceLimits {
  /** Hard deadline of one message's handling; the handler is aborted past it. */
  readonly deadlineMs: number;
  /** Messages handled at once by one task. */
  readonly concurrency: number;
  /** Receives before a message is quarantined (the queue's redrive maxReceiveCount). */
  readonly maxAttempts: number;
}

export interface ServiceAlarms {
  /** Age of the oldest message that pages the on-call engineer. */
  readonly maxMessageAgeSeconds: number;
  /** Quarantined messages within one 10 s period that page (1 = any poison pill). */
  readonly quarantinedMessages: number;
  /** Seconds without a heartbeat before the service is considered down. */
  readonly heartbeatMissingSeconds: number;
  /** Counters of its own (snake_case, `context.metrics`) that page as soon as they count anything. */
  readonly pagingCounters?: readonly string[];
}

/** Fargate sizes a task may take (vCPU units of 1/1024, memory in MiB). */
export interface ServiceTaskSize {
  readonly cpu: 256 | 512 | 1024 | 2048 | 4096;
  readonly memoryMiB: number;
}

export interface ServiceScaling {
  /** Tasks at most, whatever the backlog. */
  readonly maxTasks: number;
  /** Whether an idle service may have no task at all (never for a critical one). */
  readonly scaleToZero: boolean;
}

export interface ServiceEntry {
  /** kebab-case; also the folder services/<name> and the package @ndf/<name>. */
  readonly name: string;
  readonly description: string;
  /** Critical services keep at least one task running in the cloud. */
  readonly critical: boolean;
  readonly consumes: ServiceSource;
  readonly emits: readonly ServiceOutput[];
  /** Tables and bucket prefixes it reads besides its source; the cloud grants nothing else. */
  readonly reads?: readonly ServiceInput[];
  readonly limits: ServiceLimits;
  readonly alarms: ServiceAlarms;
  /** Size of one task in the cloud; 0.25 vCPU and 512 MiB when absent. */
  readonly task?: ServiceTaskSize;
  /** How far the cloud scales it on its backlog; 1 to 10 tasks when absent. */
  readonly scaling?: ServiceScaling;
}

/** An HTTP API served by Lambda behind API Gateway in the cloud, by a local adapter here. */
export interface ApiEntry {
  readonly name: string;
  readonly description: string;
  /** Path prefix, e.g. /v1. */
  readonly basePath: string;
  /** Port of the local adapter that serves it on 127.0.0.1. */
  readonly localPort: number;
  /** The handler answers 503 past this; the Lambda timeout is set above it. */
  readonly deadlineMs: number;
  /** Request bodies over this get 413 from the handler (API Gateway's own limit is 10 MB). */
  readonly maxBodyBytes: number;
  readonly tables: readonly string[];
  /**
   * Partitions of a table's index outside tenant data that a route queries (the payable notes'
   * shards an on-demand batch reads), as a service's `reads` of kind index: read only.
   */
  readonly indexes?: readonly { readonly table: string; readonly index: string; readonly partitions: readonly string[] }[];
  readonly buckets: readonly string[];
  /** Route keys under basePath served without a token ("GET /health"); every other route needs one. */
  readonly publicRoutes: readonly string[];
  /** API Gateway's throttling for the whole API: steady requests per second and burst. */
  readonly throttle: { readonly ratePerSecond: number; readonly burst: number };
  /**
   * A lower throttle for each public route, which anyone may call without a token: it cannot
   * use up the throttle the authenticated routes share.
   */
  readonly publicThrottle: { readonly ratePerSecond: number; readonly burst: number };
  /** Lambda concurrency kept for this API alone, out of the account's pool. */
  readonly reservedConcurrency: number;
}

/**
 * Reads a table's stream and sends each change to the queues of the services subscribed to
 * it. A process of services/<name> locally; in the cloud, a Lambda on the stream's event
 * source mapping that bisects and quarantines in the same way, and retries an outage until it ends.
 */
export interface StreamRouterEntry {
  readonly name: string;
  readonly description: string;
  readonly table: string;
  /** Records per batch. */
  readonly batchSize: number;
  /**
   * Retries of a batch failing for its records' sake before it is split (and a record alone is
   * quarantined). An outage (a transient failure) spends none: the batch waits for its end.
   */
  readonly maxRetries: number;
  /** Deadline of one batch's routing. */
  readonly deadlineMs: number;
  readonly alarms: ServiceAlarms;
}

export interface Catalog {
  readonly tables: readonly TableEntry[];
  readonly buckets: readonly BucketEntry[];
  readonly apis: readonly ApiEntry[];
  readonly services: readonly ServiceEntry[];
  readonly routers: readonly StreamRouterEntry[];
}
