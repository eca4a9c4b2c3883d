import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueName, SCHEDULE_TICK, type Catalog, type ServiceEntry } from '@ndf/catalog';

/** The period the platform ticks a service fed by a schedule at: NDF_TICK_SECONDS when set, else the catalog's `localEverySeconds`. */
export function localTickSeconds(service: Pick<ServiceEntry, 'consumes'>, env: NodeJS.ProcessEnv): number | undefined {
  if (service.consumes.kind !== 'schedule') return undefined;
  const override = env.NDF_TICK_SECONDS ? Number(env.NDF_TICK_SECONDS) : undefined;
  if (override !== undefined && !(override > 0)) throw new Error(`NDF_TICK_SECONDS=${env.NDF_TICK_SECONDS} is not a positive number.`);
  return override ?? service.consumes.localEverySeconds;
}

export interface ScheduleTicks {
  /** What ticks where, e.g. for the banner: `reconciler every 10 s`. */
  readonly schedules: readonly string[];
  stop(): void;
}

/**
 * What the cloud's EventBridge rules do for services fed by a schedule: a `{"kind":"tick"}` on
 * their queue every period (the catalog's `localEverySeconds`, or NDF_TICK_SECONDS). A tick that
 * cannot be sent (SQS restarting) is skipped: the next one comes a period later.
 */
export function startScheduleTicks(
  catalog: Catalog,
  { sqs, prefix, env, log }: { sqs: SQSClient; prefix: string; env: NodeJS.ProcessEnv; log: (line: string) => void },
): ScheduleTicks {
  const timers: NodeJS.Timeout[] = [];
  const schedules: string[] = [];
  for (const service of catalog.services) {
    const seconds = localTickSeconds(service, env);
    if (seconds === undefined) continue;
    const name = queueName(prefix, service.name);
    let url: string | undefined;
    const tick = async () => {
      url ??= (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(SCHEDULE_TICK) }));
    };
    const timer = setInterval(
      () => tick().catch((error: unknown) => log(`tick to ${service.name} not sent: ${String(error)}`)),
      seconds * 1000,
    );
    timer.unref();
    timers.push(timer);
    schedules.push(`${service.name} every ${seconds} s`);
  }
  return { schedules, stop: () => timers.forEach((timer) => clearInterval(timer)) };
}
