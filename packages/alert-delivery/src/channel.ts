import type { AlertNotice } from './notice.js';

/** Where notices go. A channel sends one group of notices as one message, or rejects. */
export interface Channel {
  readonly name: string;
  send(notices: readonly AlertNotice[]): Promise<void>;
}
