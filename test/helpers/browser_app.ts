/**
 * The app as the browser tests meet it: the real `citygrid serve` on a
 * workspace, and Debian's Chromium (playwright-core) with the page open on
 * the URL the server printed, token included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { citygridBin, repoRoot } from './paths.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface BrowserApp {
  page: Page;
  url: string;
  /** Saves the page as build/test-artifacts/NAME.png, for a person to look at. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts `citygrid serve --workspace PATH` and opens its page; resolves once the page has loaded. */
export async function startBrowserApp(workspacePath: string): Promise<BrowserApp> {
  const server: ChildProcess = spawn(process.execPath, [citygridBin(), 'serve', '--workspace', workspacePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close();
    server.kill('SIGTERM');
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once('line', resolve);
      server.once('exit', (code) => reject(new Error(`citygrid serve exited with ${code}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    // An explicit context, so that a test can open a second page that shares the app's cookies.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    const screenshot = async (name: string) => {
      const folder = join(repoRoot(), 'build', 'test-artifacts');
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: join(folder, `${name}.png`) });
    };
    return { page, url, screenshot, close };
  } catch (thrown) {
    await close();
    throw thrown;
  }
}
