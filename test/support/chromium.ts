// Starts Debian's headless Chromium for the browser tests; a missing browser fails the suite, never skips it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  // CI installs Debian's chromium; a missing browser must fail this suite, never skip it.
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium).`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
