import { setMaxListeners } from 'node:events';
import { describeError as describe } from '@ndf/core';
import { ReceiveMessageCommand, SendMessageCommand, type Message, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { CORRELATION_ATTRIBUTE } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { noMetrics } from '../observability/metrics.js';
import type { AttemptFailure, QuarantineSink } from '../quarantine/quarantine-entry.js';
import type { BreakerRegistry } from '../resilience/index.js';
import { retryTransient } from '../resilience/index.js';
import type { AttemptLog } from './attempt-log.js';
import { DeleteBatcher } from './delete-batcher.js';
import { outcomeOf } from './outcome.js';
import { AbandonedHandlers } from '../lifecycle/abandoned-handlers.js';
import { Slots } from './slots.js';
import { keepInvisible, setVisibility } from './visibility.js';
import { deadlineSignal } from '../lifecycle/deadline.js';
import { wait } from '../lifecycle/wait.js';

export interface InboundMessage {
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageId: string;
  /** 1 for the first receive. */
  readonly attempt: number;
  readonly sentAt: Date;
  readonly correlationId: string | undefined;
}

export interface HandlerContext {
  /** Aborted at the message's deadline: pass it to every call that can take it. */
  readonly signal: AbortSignal;
  readonly deadline: Date;
  /**
   * Calls a dependency through its circuit breaker, retrying short blips with backoff, and
   * aborted at the deadline. `fn` receives the signal to hand to the SDK or fetch.
   */
  call<T>(dependency: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export type MessageHandler = (message: InboundMessage, context: HandlerContext) => Promise<void>;

export interface SqsConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** The name a quarantined message's replay sends it back to. */
  readonly queueName: string;
  readonly service: string;
  readonly handler: MessageHandler;
  readonly quarantine: QuarantineSink;
  readonly attemptLog: AttemptLog;
  readonly breakers: BreakerRegistry;
  /** The dependencies whose open breaker stops this service receiving. */
  readonly dependencies: readonly string[];
  /** Messages in hand at once. */
  readonly concurrency: number;
  /** Long polls at once; defaults to enough to keep `concurrency` fed. */
  readonly pollers?: number;
  /**
   * Long-poll wait. Short enough that stopping does not wait long: a poll is never aborted,
   * because SQS may still hand its messages to the abandoned connection, hiding them for a
   * whole visibility timeout.
   */
  readonly waitTimeSeconds?: number;
  readonly deadlineMs: number;
  readonly maxAttempts: number;
  readonly visibilityTimeoutSeconds: number;
  /** How long a handler that ignores its aborted signal is awaited before it is abandoned. */
  readonly abandonAfterMs?: number;
  readonly metrics?: Metrics;
  readonly log?: (event: Record<string, unknown>) => void;
}

function stringAttributes(message: Message): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {}))
    if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  return attributes;
}

class AbandonedError extends Error {
  override readonly name = 'HandlerAbandoned';
}

/**
 * The SQS consumer every service runs: several long polls feed a bounded set of slots, and a
 * message starts as soon as a slot frees. Each message has a hard deadline; a failure is
 * retried later or quarantined according to its type; while a needed breaker is open the
 * consumer stops receiving, so an outage does not burn attempts.
 */
export class SqsConsumer {
  private readonly slots: Slots;
  private readonly deletes: DeleteBatcher;
  private readonly metrics: Metrics;
  private readonly log: (event: Record<string, unknown>) => void;
  private readonly polling = new AbortController();
  /** Aborted when the drain deadline passes: handlers still running are cut off. */
  private readonly draining = new AbortController();
  private readonly inHand = new Map<string, { receiptHandle: string; done: boolean }>();
  private pollLoops: Promise<void>[] = [];
  /** Settles when the message probing a half-open breaker has been handled. */
  private probe: Promise<void> | undefined;

  constructor(private readonly options: SqsConsumerOptions) {
    // Every message in hand listens for the drain deadline, and removes its listener when done.
    setMaxListeners(0, this.draining.signal);
    this.metrics = options.metrics ?? noMetrics;
    this.slots = new Slots(options.concurrency, AbandonedHandlers.reportingTo(this.metrics));
    this.log = options.log ?? (() => undefined);
    this.deletes = new DeleteBatcher({ sqs: options.sqs, queueUrl: options.queueUrl, metrics: this.metrics, log: this.log });
  }

  start(): void {
    const pollers = this.options.pollers ?? Math.min(8, Math.max(1, Math.ceil(this.options.concurrency / 10)));
    this.pollLoops = Array.from({ length: pollers }, () => this.pollLoop());
  }

  get inFlight(): number {
    return this.inHand.size;
  }

  /** Handlers abandoned past their deadline that still run, each holding a slot. */
  get abandonedInFlight(): number {
    return this.slots.abandonedInFlight;
  }

  /**
   * Stops receiving at once, lets the messages in hand finish until `drainMs`, then cuts the
   * rest off and makes them visible again at once for another worker.
   */
  async stop(drainMs = 10_000): Promise<void> {
    this.polling.abort(new Error('stopping'));
    await Promise.allSettled(this.pollLoops);
    const deadline = setTimeout(() => this.draining.abort(new Error('drain deadline passed')), drainMs);
    await this.slots.drained();
    clearTimeout(deadline);
    await this.deletes.flush();
  }

  private async pollLoop(): Promise<void> {
    const signal = this.polling.signal;
    const { breakers, dependencies } = this.options;
    while (!signal.aborted) {
      let taken = 0;
      let endProbe: (() => void) | undefined;
      try {
        await breakers.whenAvailable(dependencies, signal);
        if (breakers.probing(dependencies)) {
          // Half-open: one message at a time tries the dependency, so a failed probe costs one attempt, not a batch.
          if (this.probe) {
            await Promise.race([this.probe, wait(500, signal)]);
            continue;
          }
          this.probe = new Promise<void>((resolve) => (endProbe = resolve)).finally(() => (this.probe = undefined));
        }
        taken = await this.slots.take(endProbe ? 1 : 10, signal);
        const { Messages = [] } = await this.options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: taken,
            WaitTimeSeconds: this.options.waitTimeSeconds ?? 5,
            MessageAttributeNames: ['All'],
            MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'],
          }),
        );
        this.slots.release(taken - Messages.length);
        taken = 0;
        if (signal.aborted) {
          endProbe?.();
          await this.release(Messages);
          return;
        }
        this.metrics.increment('received', Messages.length);
        for (const message of Messages) void this.handleInSlot(message).finally(endProbe);
        if (Messages.length === 0) endProbe?.();
      } catch (error) {
        endProbe?.();
        if (taken > 0) this.slots.release(taken);
        if (signal.aborted) return;
        this.metrics.increment('receive_failed');
        this.log({ level: 'warn', event: 'receive-failed', ...describe(error) });
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 500));
      }
    }
  }

  /** Messages received while stopping: visible again at once for another worker. */
  private async release(messages: Message[]): Promise<void> {
    await Promise.all(messages.map((message) => setVisibility(this.options.sqs, this.options.queueUrl, message.ReceiptHandle ?? '', 0)));
    this.slots.release(messages.length);
    this.metrics.increment('released', messages.length);
  }

  private async handleInSlot(message: Message): Promise<void> {
    const messageId = message.MessageId ?? '';
    const receiptHandle = message.ReceiptHandle ?? '';
    this.inHand.set(messageId, { receiptHandle, done: false });
    this.metrics.gauge('in_flight', this.inHand.size);
    try {
      await this.handle(message, messageId, receiptHandle);
    } catch (error) {
      // Nothing above may throw; if it does, the message simply comes back after its visibility.
      this.log({ level: 'error', event: 'consumer-bug', messageId, ...describe(error) });
    } finally {
      this.inHand.delete(messageId);
      this.metrics.gauge('in_flight', this.inHand.size);
      this.slots.release();
    }
  }

  private async handle(message: Message, messageId: string, receiptHandle: string): Promise<void> {
    const { sqs, queueUrl } = this.options;
    const attempt = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
    const sentAt = new Date(Number(message.Attributes?.SentTimestamp ?? Date.now()));
    const firstReceivedAt = new Date(Number(message.Attributes?.ApproximateFirstReceiveTimestamp ?? Date.now())).toISOString();
    const attributes = stringAttributes(message);
    const inbound: InboundMessage = {
      body: message.Body ?? '',
      attributes,
      messageId,
      attempt,
      sentAt,
      correlationId: attributes[CORRELATION_ATTRIBUTE],
    };
    this.metrics.gauge('oldest_message_age_seconds', Math.max(0, (Date.now() - sentAt.getTime()) / 1000));

    const startedAt = Date.now();
    const deadline = new Date(startedAt + this.options.deadlineMs);
    const attemptDeadline = deadlineSignal(this.options.deadlineMs, this.draining.signal);
    const signal = attemptDeadline.signal;
    const stopExtending = keepInvisible(sqs, queueUrl, receiptHandle, this.options.visibilityTimeoutSeconds);
    const context: HandlerContext = {
      signal,
      deadline,
      call: (dependency, fn) => retryTransient(() => this.options.breakers.call(dependency, () => fn(signal)), { signal }),
    };
    try {
      await this.runWithAbandon(inbound, context, signal);
      this.metrics.observe('handler_ms', Date.now() - startedAt);
      this.metrics.increment('succeeded');
      this.deletes.delete(receiptHandle, messageId);
    } catch (error) {
      this.metrics.observe('handler_ms', Date.now() - startedAt);
      await this.onFailure(
        inbound,
        receiptHandle,
        error,
        { attempt, at: new Date(startedAt).toISOString(), durationMs: Date.now() - startedAt, ...describe(error) },
        firstReceivedAt,
      );
    } finally {
      attemptDeadline.clear();
      stopExtending();
    }
  }

  /**
   * Runs the handler; one that ignores its aborted signal is abandoned after a grace period: its
   * message gets its outcome, but it keeps a slot until it really stops.
   */
  private runWithAbandon(message: InboundMessage, context: HandlerContext, signal: AbortSignal): Promise<void> {
    const running = this.options.handler(message, context);
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        timer = setTimeout(() => {
          this.metrics.increment('abandoned');
          this.slots.holdUntilSettled(running);
          reject(new AbandonedError(`the handler ignored its deadline (${this.options.deadlineMs} ms) and was abandoned`));
        }, this.options.abandonAfterMs ?? 1_000);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      running.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      });
    });
  }

  private async onFailure(
    message: InboundMessage,
    receiptHandle: string,
    error: unknown,
    failure: AttemptFailure,
    firstReceivedAt: string,
  ): Promise<void> {
    const { sqs, queueUrl } = this.options;
    if (this.draining.signal.aborted) {
      // Cut off by shutdown, not by its own fault: another worker takes it at once.
      await setVisibility(sqs, queueUrl, receiptHandle, 0);
      this.metrics.increment('released');
      return;
    }
    const outcome = outcomeOf(error, message.attempt, this.options.maxAttempts);
    this.log({
      level: 'warn',
      event: 'handler-failed',
      ...(message.correlationId === undefined ? {} : { correlationId: message.correlationId }),
      messageId: message.messageId,
      attempt: message.attempt,
      outcome: outcome.kind,
      ...describe(error),
    });
    if (outcome.kind === 'retry-later') {
      await this.options.attemptLog.record(message.messageId, failure, firstReceivedAt).catch(() => undefined);
      await setVisibility(sqs, queueUrl, receiptHandle, outcome.delaySeconds);
      this.metrics.increment('retried');
      return;
    }
    if (outcome.kind === 'requeue') {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: message.body,
          DelaySeconds: Math.min(900, outcome.delaySeconds),
          MessageAttributes: Object.fromEntries(
            Object.entries(message.attributes).map(([name, value]): [string, MessageAttributeValue] => [
              name,
              { DataType: 'String', StringValue: value },
            ]),
          ),
        }),
      );
      this.deletes.delete(receiptHandle, message.messageId);
      this.metrics.increment('requeued');
      return;
    }
    const history = await this.options.attemptLog
      .read(message.messageId)
      .catch(() => ({ failures: [] as AttemptFailure[], firstReceivedAt: undefined }));
    await this.options.quarantine.quarantine({
      service: this.options.service,
      source: { kind: 'sqs', queueName: this.options.queueName },
      payload: message.body,
      attributes: message.attributes,
      reason: outcome.reason,
      failures: [...history.failures, failure],
      firstReceivedAt: history.firstReceivedAt ?? firstReceivedAt,
      lastReceivedAt: failure.at,
      originalId: message.messageId,
    });
    this.deletes.delete(receiptHandle, message.messageId);
    this.metrics.increment('quarantined');
  }
}
