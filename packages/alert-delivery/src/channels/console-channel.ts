import type { Channel } from '../channel.js';
import type { RenderOptions } from '../notice-view.js';
import { consoleLine } from '../render-console.js';

/** Writes one line per notice with the caller's writer (the platform's console, a log). */
export function consoleChannel(write: (line: string) => void, options: RenderOptions): Channel {
  return {
    name: 'console',
    send: async (notices) => {
      for (const notice of notices) write(consoleLine(notice, options));
    },
  };
}
