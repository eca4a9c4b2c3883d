import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// playwright-core downloads no browser: it drives the system's Chromium, or else, on Linux x64,
// the Chromium build @sparticuz/chromium carries (unpacked into the temporary folder).
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

const NO_CHROMIUM =
  'The ops console browser tests need Chromium and found none. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
  'macOS: `brew install --cask chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable.';

interface Found {
  readonly executablePath: string;
  readonly args: readonly string[];
}

/** CHROMIUM_PATH, else the system's Chromium, else the packaged one (NDF_TEST_CHROMIUM=packaged picks it first); else a failure saying what to install. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<Found> {
  const args = ['--no-sandbox', '--disable-dev-shm-usage'];
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist. ${NO_CHROMIUM}`);
    return { executablePath: env.CHROMIUM_PATH, args };
  }
  const system = SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  if (system && env.NDF_TEST_CHROMIUM !== 'packaged') return { executablePath: system, args };
  if (process.platform === 'linux' && process.arch === 'x64') {
    const packaged = (await import('@sparticuz/chromium')).default;
    return { executablePath: await packaged.executablePath(), args };
  }
  throw new Error(NO_CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await findChromium();
  return chromium.launch({ executablePath, headless: true, args: [...args] });
}
export type { Browser, Page } from 'playwright-core';
