import type { Channel } from './channel.js';
import { consoleChannel } from './channels/console-channel.js';
import { mailChannel } from './channels/mail-channel.js';
import { webhookChannel } from './channels/webhook-channel.js';
import type { DeliverySettings } from './settings.js';

/** The channels the settings name: mail, the webhook if set, and the console through `write`. */
export function deliveryChannels(settings: DeliverySettings, write: (line: string) => void): { channels: Channel[]; close(): void } {
  const render = { language: settings.language, timeZone: settings.timeZone };
  const mail = mailChannel(settings.mail, render);
  return {
    channels: [mail, ...(settings.webhook ? [webhookChannel(settings.webhook, render)] : []), consoleChannel(write, render)],
    close: () => mail.close(),
  };
}
