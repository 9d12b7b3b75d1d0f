/**
 * Stored script payloads render as inert text in the browser: elements whose
 * every text field carries markup are stored through the API, then their
 * pages are opened; no dialog may fire, no injected element may appear, and
 * the payload must be visible as literal text.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, SCREENSHOT_DIR, startServer, type RunningServer } from './helpers.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg/onload="window.__xss=3;alert(3)">',
  '<a href="javascript:alert(4)" id="xss-link">klik</a>',
  '<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>',
];

let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];
const dialogs: string[] = [];
const ids: { id: string; payload: string }[] = [];

async function api(path: string, init: { method?: string; body?: unknown; cookie: string; csrf: string }) {
  const r = await fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', cookie: init.cookie, 'x-csrf-token': init.csrf },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startServer({ empty: true });
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  for (const [i, p] of PAYLOADS.entries()) {
    const r = await api('/api/v1/elements', {
      method: 'POST',
      cookie,
      csrf,
      body: {
        kind: 'application',
        code: `XSS-${i}`,
        name: `Aplikasi ${p}`,
        description: `Uraian ${p}`,
        provenance: p,
        attributes: { category: 'khusus', scope: 'lokal', ownerInstansi: p, function: p, developerUnit: p, programmingLanguage: [p] },
      },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    ids.push({ id: String(r.json.id), payload: p });
  }
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, server.baseUrl));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function assertInert(where: string) {
  // give any injected handler its chance to run
  await page.waitForTimeout(300);
  expect(dialogs, `dialogs on ${where}`).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null), where).toBeNull();
  expect(await page.locator('img[src="x"], svg[onload], iframe[srcdoc], #xss-link, a[href^="javascript:"]').count(), where).toBe(0);
}

describe('stored script payloads in the browser', () => {
  test('element pages show every payload as text', async () => {
    await login(page, 'admin', server.adminPassword);
    for (const { id, payload } of ids) {
      await page.goto(`/elements/${id}`);
      await page.getByRole('heading', { name: `Aplikasi ${payload}`, level: 1 }).waitFor();
      await expect(page.getByText(`Uraian ${payload}`, { exact: true }).first().isVisible()).resolves.toBe(true);
      await expect(page.getByText(payload, { exact: true }).first().isVisible()).resolves.toBe(true);
      await assertInert(`/elements/${id}`);
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'xss-element.png'), fullPage: true });
  });

  test('the catalogue lists them as text', async () => {
    await page.goto('/domain/application');
    await page.getByRole('heading', { name: 'Aplikasi', level: 1 }).waitFor();
    for (const { payload } of ids) await page.getByText(`Aplikasi ${payload}`, { exact: true }).first().waitFor();
    await assertInert('/domain/application');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'xss-catalogue.png'), fullPage: true });
  });

  test('no script ran and nothing broke the page', () => {
    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => /pageerror/.test(e))).toEqual([]);
  });
});
