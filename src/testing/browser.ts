/** Browser tests: playwright-core driving Debian's Chromium (never a downloaded browser). */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { REPO_ROOT } from './processes.js';

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Chromium flags for a fake microphone that needs no permission prompt (voice-note tests). */
export const FAKE_MICROPHONE = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Launches the system Chromium with no network features of its own (plus any extra flags). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...extraArgs],
  });
}

/** Saves a screenshot (the whole page unless `fullPage: false`) as test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
