import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, startServer, type RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, server.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the seeded city in the browser', () => {
  test('opens Dinas Komunikasi dan Informatika and sees its applications and targets', async () => {
    await page.goto('/org-units');
    await page.getByRole('link', { name: 'Dinas Komunikasi dan Informatika' }).first().click();
    await page.getByRole('heading', { name: 'Dinas Komunikasi dan Informatika' }).first().waitFor();
    // an application in use (Tabel 4.5) and a target of Tabel 5.3
    await page.getByText('Aplikasi TTE', { exact: true }).first().waitFor();
    await page.getByText('Aplikasi Satu Data Bandar Lampung', { exact: true }).first().waitFor();
    const body = await page.locator('body').innerText();
    expect(body).toMatch(/Saat ini/);
    expect(body).toMatch(/Target/);
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
