import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, SCREENSHOT_DIR, startServer, type RunningServer } from './helpers.js';

let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

/** Choose an option of a searchable select found by its label, with the keyboard. */
async function choose(label: string, option: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(option);
  await input.press('Enter');
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startServer({ empty: true });
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, server.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('element life cycle in the browser', () => {
  let elementUrl = '';

  test('logs in', async () => {
    await login(page, 'admin', server.adminPassword);
    await expect(page.getByRole('button', { name: /Administrator/ }).isVisible()).resolves.toBe(true);
  });

  test('creates an application through the form generated from its kind', async () => {
    await page.goto('/domain/application');
    await page.getByRole('heading', { name: 'Aplikasi', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tambah' }).click();
    await page.getByRole('menuitem', { name: 'Aplikasi', exact: true }).click();
    await page.getByRole('heading', { name: 'Tambah Aplikasi' }).waitFor();

    // Submitting empty shows the Indonesian required message on Nama.
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Nama wajib diisi').waitFor();

    await page.getByLabel('Kode', { exact: true }).fill('APL-E2E-01');
    await page.getByLabel('Nama', { exact: true }).fill('Sistem Uji Ujung ke Ujung');
    await page.getByLabel('Deskripsi', { exact: true }).fill('Dibuat oleh uji peramban.');
    await choose('Aplikasi Umum/Khusus', 'Aplikasi Khusus');
    await choose('Status', 'Aktif');
    await page.getByLabel('Alamat (URL)', { exact: true }).fill('https://uji.example.go.id');
    await page.getByLabel('Bahasa Pemrograman', { exact: true }).fill('TypeScript');
    await page.keyboard.press('Enter');
    await shot('01-form-filled');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await page.getByRole('heading', { name: 'Sistem Uji Ujung ke Ujung', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/elements\/[0-9a-f-]{36}$/);
    elementUrl = new URL(page.url()).pathname;
    await expect(page.getByText('Aplikasi Khusus').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'https://uji.example.go.id' }).isVisible()).resolves.toBe(true);
    await shot('02-detail');
  });

  test('finds it in the catalogue by searching', async () => {
    await page.goto('/domain/application');
    const search = page.getByLabel('Cari elemen');
    await search.fill('Ujung ke Ujung');
    await search.press('Enter');
    await page.waitForURL(/q=Ujung/);
    const link = page.getByRole('link', { name: 'Sistem Uji Ujung ke Ujung' });
    await link.waitFor();
    await expect(page.getByText('1 elemen', { exact: false }).first().isVisible()).resolves.toBe(true);
    await shot('03-catalogue-search');
    await link.click();
    await page.waitForURL((u) => u.pathname === elementUrl);
  });

  test('edits it', async () => {
    await page.getByRole('button', { name: 'Ubah' }).click();
    await page.getByRole('heading', { name: /^Ubah Sistem Uji/ }).waitFor();
    const name = page.getByLabel('Nama', { exact: true });
    await expect(name.inputValue()).resolves.toBe('Sistem Uji Ujung ke Ujung');
    await name.fill('Sistem Uji Ujung ke Ujung (revisi)');
    await choose('Status', 'Dalam pengembangan');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('heading', { name: 'Sistem Uji Ujung ke Ujung (revisi)', level: 1 }).waitFor();
    await expect(page.getByText('Dalam pengembangan').isVisible()).resolves.toBe(true);
  });

  test('sees the change in its audit trail (Riwayat)', async () => {
    await page.getByRole('tab', { name: 'Riwayat' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Riwayat' });
    await panel.getByText('Diubah', { exact: true }).waitFor();
    await expect(panel.getByText('Dibuat', { exact: true }).isVisible()).resolves.toBe(true);
    // The update row shows the name before and after, and the changed attribute by its label.
    await expect(panel.getByText('Sistem Uji Ujung ke Ujung (revisi)', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('cell', { name: 'Status', exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(panel.getByText('Dalam pengembangan', { exact: true }).first().isVisible()).resolves.toBe(true);
    await shot('04-riwayat');
  });

  test('raised no page errors', () => {
    // The anonymous /auth/me probe answers 401 by design; anything else is a bug.
    const unexpected = errors.filter((e) => !/status of 401/.test(e));
    expect(unexpected).toEqual([]);
  });
});
