// Starts headless Chromium for the browser tests, and says when they are skipped because there is no browser.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium unless CHROMIUM_PATH names another build (playwright-core downloads no browser). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** CI sets REQUIRE_BROWSER=1: there a missing browser fails the browser tests instead of skipping them. */
const browserRequired = process.env.REQUIRE_BROWSER === '1';

/**
 * True when the browser tests must be skipped: no browser at chromiumPath and none required.
 * A newcomer's `npm test` then still passes, and the skipped tests count as skipped, never as passed.
 */
export const skipBrowserTests = !existsSync(chromiumPath) && !browserRequired;

/** Prints, once per browser test file, why its tests are skipped and how to run them. */
export function reportSkippedBrowserTests(file: string): void {
  if (!skipBrowserTests) return;
  console.warn(
    `Browser tests in ${file} skipped: no Chromium at ${chromiumPath}. ` +
      'Install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary; ' +
      'REQUIRE_BROWSER=1 turns a missing browser into a failure.',
  );
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing and REQUIRE_BROWSER=1: install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
