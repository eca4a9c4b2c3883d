/** Asks SQS for a queue's URL by its name (GetQueueUrl); undefined when SQS answers without one. */
export type QueueUrlLookup = (queueName: string, signal: AbortSignal) => Promise<string | undefined>;

/**
 * Queue URLs by queue name, each asked of SQS once per process. A lookup in flight is shared by
 * every caller; a failed one is forgotten, so that the next message asks again.
 */
export class QueueUrls {
  readonly #urls = new Map<string, Promise<string>>();

  constructor(private readonly lookup: QueueUrlLookup) {}

  get(queueName: string, signal: AbortSignal): Promise<string> {
    let url = this.#urls.get(queueName);
    if (url === undefined) {
      url = this.lookup(queueName, signal).then((found) => {
        if (!found) throw new Error(`The queue ${queueName} has no URL.`);
        return found;
      });
      url.catch(() => this.#urls.delete(queueName));
      this.#urls.set(queueName, url);
    }
    return url;
  }
}
