import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// The system's Chromium, which playwright-core drives (it downloads no browser of its own).
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** CHROMIUM_PATH, else the first Chromium installed where distributions put it; without one, a failure that says what to install. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path))
    throw new Error(
      'The ops console browser tests need Chromium and found none. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
        'macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
