import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, SCREENSHOT_DIR, startServer, type RunningServer } from './helpers.js';

/**
 * The Evaluasi section against the seeded Bandar Lampung dataset (final
 * assessments 2021–2024): a new draft, a level changed in the UI and the
 * index and radar chart following it, evidence upload and refusal, the
 * planner, the crosswalk estimate, history and the year-on-year comparison.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `evaluation-${name}.png`), fullPage: true });

/** What the radar chart of a panel ("Domain" or "Aspek") holds, read back from its ECharts instance. */
async function radarValues(panel: string): Promise<Record<string, (number | null)[]>> {
  const chart = page.locator(`[data-panel="${panel}"][data-chart-values]`);
  await chart.waitFor();
  return JSON.parse((await chart.getAttribute('data-chart-values')) ?? '{}');
}

async function indexShown(): Promise<string> {
  return (await page.getByTestId('assessment-index').textContent())?.trim() ?? '';
}

/** Choose a level in an indicator's level Select, found by its label, and wait until it is saved. */
async function chooseLevel(label: string, option: string, no: number) {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  // The option of this Select's own list: another Select's list may still be fading out.
  const listId = await select.getAttribute('aria-controls');
  await page.getByRole('option', { name: option, exact: true }).and(page.locator(`[id^="${listId}_"]`)).click();
  await page.getByText(`Tingkat indikator ${no} disimpan`).first().waitFor();
}

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, server.baseUrl));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Evaluasi in the browser', () => {
  let draftUrl = '';

  test('asks for a login first', async () => {
    await page.goto('/evaluation');
    await page.getByText('Evaluasi hanya dapat dilihat oleh pengguna instansi yang sudah masuk.').waitFor();
  });

  test('lists the seeded assessments with the index as shown and the trend', async () => {
    await login(page, 'admin', server.adminPassword);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Evaluasi' }).click();
    await page.getByRole('heading', { name: 'Evaluasi SPBE', level: 1 }).waitFor();
    const row2024 = page.getByRole('row', { name: /2024/ });
    await row2024.getByText('2,98').waitFor();
    await expect(row2024.getByText('Baik', { exact: true }).isVisible()).resolves.toBe(true);
    // 2022 is 1.5025: shown as 1,50 (two decimals from the server's rounding), never "1,5".
    await expect(page.getByRole('row', { name: /2022/ }).getByText('1,50').isVisible()).resolves.toBe(true);
    const trend = page.locator('[data-testid="evaluation-trend"][data-chart-values]');
    await trend.waitFor();
    const values = JSON.parse((await trend.getAttribute('data-chart-values')) ?? '{}') as Record<string, number[]>;
    expect(Object.values(values)[0]).toEqual([1.2, 1.5, 2.15, 2.98]);
    await shot('01-list');
  });

  test('creates a draft assessment for a new year', async () => {
    await page.getByRole('button', { name: 'Penilaian baru' }).click();
    const dialog = page.getByRole('dialog', { name: 'Penilaian baru' });
    await dialog.getByLabel('Tahun').fill('2025');
    await dialog.getByRole('button', { name: 'Buat penilaian' }).click();
    await page.getByRole('heading', { name: 'Penilaian 2025', level: 1 }).waitFor();
    draftUrl = new URL(page.url()).pathname;
    expect(draftUrl).toMatch(/^\/evaluation\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Draf', { exact: true }).first().isVisible()).resolves.toBe(true);
    expect(await indexShown()).toBe('—');
    const domains = await radarValues('Domain');
    expect(domains['Capaian 2025']).toEqual([null, null, null, null]);
    expect(domains['Target']).toEqual([3, 3, 3, 3]);
  });

  test('a level changed in the indicator table moves the index and the radar chart', async () => {
    await page.getByRole('tab', { name: /^Indikator/ }).click();
    await chooseLevel('Tingkat mandiri indikator 1: Kebijakan Internal Arsitektur SPBE', '3 — Terdefinisi', 1);
    await page.getByText('1 dari 47').first().waitFor();
    expect(await indexShown()).toBe('3,00');
    await expect(page.getByTestId('assessment-predicate').textContent()).resolves.toBe('Baik');

    // Indicator 11 (Arsitektur SPBE, weight 2.5, domain 2) at 1: (3·1.3 + 1·2.5) / 3.8 = 1.684… → 1,68 Kurang.
    await chooseLevel('Tingkat mandiri indikator 11: Arsitektur SPBE', '1 — Rintisan', 11);
    await page.getByText('2 dari 47').first().waitFor();
    expect(await indexShown()).toBe('1,68');
    await expect(page.getByTestId('assessment-predicate').textContent()).resolves.toBe('Kurang');
    await shot('02-indicators');

    await page.getByRole('tab', { name: 'Ringkasan' }).click();
    await expect.poll(async () => (await radarValues('Domain'))['Capaian 2025']).toEqual([3, 1, null, null]);
    const aspects = await radarValues('Aspek');
    expect(aspects['Capaian 2025']).toEqual([3, 1, null, null, null, null, null, null]);
    await shot('03-radar');
  });

  test('evidence: a PDF is stored and listed with its download link; an HTML file is refused with the reason', async () => {
    await page.getByRole('tab', { name: /^Indikator/ }).click();
    const row = page.getByRole('row', { name: /Kebijakan Internal Arsitektur SPBE/ });
    await row.getByRole('button').first().click(); // the row's expand button
    const input = page.getByLabel('Pilih berkas bukti dukung untuk indikator 1');
    await input.setInputFiles({ name: 'SK Arsitektur SPBE.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await page.getByText('Bukti dukung SK Arsitektur SPBE.pdf diunggah').waitFor();
    const link = page.getByRole('link', { name: 'Unduh SK Arsitektur SPBE.pdf' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/evidence\/[0-9a-f-]{36}$/);
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await file.body()).equals(MINIMAL_PDF)).toBe(true);

    await input.setInputFiles({ name: 'bukan-bukti.html', mimeType: 'text/html', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await page.getByRole('alert').getByText(/Jenis berkas tidak diterima/).waitFor();
    await shot('04-evidence');
  });

  test('history shows the level changes and the evidence link', async () => {
    await page.getByRole('tab', { name: 'Riwayat' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Riwayat' });
    await panel.getByText('Indikator 11: tingkat mandiri Belum dinilai → 1').waitFor();
    await expect(panel.getByText('Indikator 1: tingkat mandiri Belum dinilai → 3').isVisible()).resolves.toBe(true);
    await expect(panel.getByText(/Bukti dukung SK Arsitektur SPBE\.pdf .* ditautkan ke indikator 1/).isVisible()).resolves.toBe(true);
  });

  test('submitting an incomplete draft names the indicators still without a level', async () => {
    await page.getByRole('button', { name: 'Ajukan untuk verifikasi' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
    const dialog = page.getByRole('dialog', { name: '45 indikator belum memiliki tingkat' });
    await dialog.waitFor();
    await expect(dialog.getByText('2. Kebijakan Internal Peta Rencana SPBE', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(dialog.getByText('1. Kebijakan Internal Arsitektur SPBE', { exact: true }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Tutup' }).first().click();
    await expect(page.getByText('Draf', { exact: true }).first().isVisible()).resolves.toBe(true);
  });

  test('the planner for 2024 reaches 3,50 with 19 raises and names the initiative serving an indicator', async () => {
    // An initiative of the roadmap that serves indicator 16 (Layanan Pusat Data).
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    const created = await page.request.post('/api/v1/elements', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        kind: 'initiative',
        code: 'INI-E2E-01',
        name: 'Penguatan Layanan Pusat Data',
        attributes: { evaluationIndicators: ['spbe-59-2020:16'], status: 'direncanakan', startYear: 2026, endYear: 2027 },
      },
    });
    expect(created.status()).toBe(201);
    const initiative = await created.json();

    await page.goto('/evaluation');
    await page.getByRole('link', { name: '2024', exact: true }).click();
    await page.getByRole('heading', { name: 'Penilaian 2024', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Perencana peningkatan' }).click();
    await page.getByText('Target 3,50 tercapai dengan 19 kenaikan tingkat pada 19 indikator.').waitFor();
    await expect(page.getByText('Indeks 2,98 (Baik) → 3,50 (Sangat Baik).').isVisible()).resolves.toBe(true);
    const raise = page.getByRole('row', { name: /Layanan Pusat Data/ }).first();
    await expect(raise.getByText('Tingkat 3 — Terdefinisi').isVisible()).resolves.toBe(true);
    const link = raise.getByRole('link', { name: 'INI-E2E-01 Penguatan Layanan Pusat Data' });
    expect(await link.getAttribute('href')).toBe(`/elements/${initiative.id}`);
    await shot('05-planner');
  });

  test('the crosswalk view is labelled as an estimate', async () => {
    await page.getByRole('tab', { name: /Perkiraan/ }).click();
    await page.getByText(/^PERKIRAAN — bukan hasil evaluasi resmi/).waitFor();
    await expect(page.getByTestId('crosswalk-index').textContent()).resolves.toBe('3,12');
  });

  test('a final assessment offers no editing', async () => {
    await page.getByRole('tab', { name: /^Indikator/ }).click();
    await expect(page.getByLabel(/^Tingkat mandiri indikator 1:/).count()).resolves.toBe(0);
    await expect(page.getByText('Penilaian terkunci', { exact: false }).isVisible()).resolves.toBe(true);
  });

  test('the comparison shows levels per year with the differences marked', async () => {
    await page.goto('/evaluation/compare?framework=spbe-59-2020&years=2023,2024');
    await page.getByRole('heading', { name: 'Perbandingan antartahun', level: 1 }).waitFor();
    await page.getByText('2023 → 2024: 28 indikator naik, 0 turun').waitFor();
    const row = page.getByRole('row', { name: /Arsitektur SPBE/ }).filter({ hasText: 'Kebijakan Internal Arsitektur SPBE' });
    await expect(row.locator('[data-change="up"]').count()).resolves.toBe(1);
    await expect(page.locator('[data-change="down"]').count()).resolves.toBe(0);
    await shot('06-compare');
  });

  test('the print view holds the whole report', async () => {
    await page.goto(`${draftUrl}/print`);
    await page.getByRole('button', { name: 'Cetak / simpan PDF' }).waitFor();
    await page.locator('[data-panel="Aspek"][data-chart-values]').waitFor();
    await expect(page.getByRole('cell', { name: 'Kebijakan Internal Arsitektur SPBE' }).isVisible()).resolves.toBe(true);
  });

  test('raised no page errors', () => {
    // By design: the anonymous /auth/me probe (401), the refused upload (415), the refused submission (422).
    const unexpected = errors.filter((e) => !/status of (401|415|422)/.test(e));
    expect(unexpected).toEqual([]);
  });
});
