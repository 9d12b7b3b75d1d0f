/** Front-end figures: the dashboard's first render in headless Chromium, and the initial JavaScript's gzipped size. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './server.js';

export const WEB_DIST = join(ROOT, 'dist', 'web');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface InitialJs {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

/** The entry script plus every modulepreload of dist/web/index.html, each gzipped on its own (level 9, as a static pre-compressor would). */
export function initialJs(dir = WEB_DIST): InitialJs | null {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"[^>]*>/g)) srcs.add(m[1]);
  const files = [...srcs].map((src) => {
    const body = readFileSync(join(dir, src.replace(/^\//, '')));
    return { file: src, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/**
 * Polled inside the page on every animation frame; resolves with [first render, all counts shown] in ms
 * since navigation start. A string, so that no build helper leaks into the page, and run through
 * page.evaluate (CDP), which the app's strict CSP does not block (page.waitForFunction would need eval).
 */
const WAIT_FOR_DASHBOARD = `new Promise((resolve, reject) => {
  let first = 0;
  const deadline = performance.now() + 30000;
  const tick = () => {
    const now = performance.now();
    if (!first) {
      const h = document.querySelector('main h1, h1');
      if (h && h.offsetParent !== null && h.textContent) first = now;
    }
    if (first) {
      const stats = document.querySelectorAll('.ant-statistic');
      const loading = document.querySelectorAll('.ant-statistic .ant-skeleton');
      if (stats.length > 0 && loading.length === 0) return resolve([first, now]);
    }
    if (now > deadline) return reject(new Error('dashboard not rendered after 30 s (heading ' + (first ? 'shown' : 'missing') + ')'));
    requestAnimationFrame(tick);
  };
  tick();
})`;

export interface RenderTimes {
  runs: number;
  /** Navigation start → the dashboard's heading is on screen. */
  firstRender: number[];
  /** Navigation start → every domain count on the dashboard is filled in. */
  loaded: number[];
  error?: string;
}

/** Cold loads (a fresh browser context each time, so no HTTP cache) of `url` as an anonymous visitor. */
export async function dashboardRender(url: string, runs: number): Promise<RenderTimes> {
  const out: RenderTimes = { runs, firstRender: [], loaded: [] };
  if (!existsSync(CHROMIUM)) return { ...out, error: `${CHROMIUM} not found (apt-get install -y chromium)` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    return { ...out, error: `playwright-core: ${(e as Error).message}` };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message.split('\n')[0]}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
      });
      page.on('requestfailed', (r) => problems.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`));
      try {
        await page.goto(url, { waitUntil: 'commit' });
        const times = (await page.evaluate(WAIT_FOR_DASHBOARD)) as [number, number];
        out.firstRender.push(times[0]);
        out.loaded.push(times[1]);
      } catch (e) {
        throw new Error(`${(e as Error).message.split('\n')[0]}${problems.length ? ` [${problems.slice(0, 5).join('; ')}]` : ''}`);
      } finally {
        await context.close();
      }
    }
  } catch (e) {
    out.error = (e as Error).message.split('\n')[0];
  } finally {
    await browser.close();
  }
  return out;
}
