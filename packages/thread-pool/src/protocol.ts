/** What a pool and its worker threads say to each other. */
export const WORKER_READY = 'ready';

export interface JobMessage<J> {
  readonly id: number;
  readonly job: J;
}

export type ReplyMessage<R> =
  | { readonly id: number; readonly result: R }
  | { readonly id: number; readonly error: { readonly name: string; readonly message: string } };
