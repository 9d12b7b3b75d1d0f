import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, SCREENSHOT_DIR, startServer, type RunningServer } from './helpers.js';

/**
 * Issue 5 in the browser, against the seeded Bandar Lampung dataset: the roadmap
 * timeline shows an initiative (created through the API, since the seed has none)
 * and the element page's traceability graph opens an element when a node is clicked.
 * Also: the Analisis section lists consistency findings, and an administrator switches a rule off and on.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
let errors: string[];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `analysis-${name}.png`), fullPage: true });

/** A session-authenticated API call from the page (cookie + the CSRF token of /auth/me). */
async function apiCall(method: 'GET' | 'POST', path: string, data?: unknown) {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const r = await page.request.fetch(`/api/v1${path}`, { method, data: data as never, headers: { 'x-csrf-token': me.csrfToken } });
  return { status: r.status(), body: r.status() === 204 ? null : await r.json() };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, server.baseUrl));
  await login(page, 'admin', server.adminPassword);
  // The anonymous /auth/me before signing in answers 401; what follows must be clean.
  errors.length = 0;
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Analysis screens in the browser', () => {
  test('the roadmap timeline renders the initiatives', async () => {
    const created = await apiCall('POST', '/elements', {
      kind: 'initiative',
      code: 'PR-E2E-01',
      name: 'Integrasi layanan perizinan daring',
      attributes: { roadmapDomain: 'aplikasi', startYear: 2026, endYear: 2028, status: 'berjalan', progress: 40 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Linimasa Peta Rencana' }).click();
    await page.getByRole('heading', { name: 'Gap dan Peta Rencana', level: 1 }).waitFor();
    const timeline = page.getByTestId('roadmap-timeline');
    await timeline.waitFor();
    for (const y of ['2025', '2030']) await timeline.getByRole('columnheader', { name: y, exact: true }).waitFor();
    await timeline.getByRole('link', { name: 'PR-E2E-01 · Integrasi layanan perizinan daring' }).waitFor();
    await timeline.getByText('2026–2028 · 40%').waitFor();
    await timeline.getByText('Aplikasi SPBE (1)').waitFor();
    await shot('01-roadmap');
  });

  test('the roadmap downloads as XLSX under the page’s filters', async () => {
    await page.goto('/roadmap?domain=aplikasi');
    await page.getByTestId('roadmap-timeline').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Ekspor XLSX/ }).click()]);
    expect(download.suggestedFilename()).toBe('peta-rencana-kota-bandar-lampung-aplikasi.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const plan = wb.getWorksheet('Peta Rencana')!;
    const rows = (plan.getSheetValues() as unknown[][]).filter(Boolean).map((v) => v.slice(1));
    expect(rows.slice(1).map((v) => [v[1], v[2], v[3]])).toContainEqual(['PR-E2E-01', 'Integrasi layanan perizinan daring', 'Aplikasi SPBE']);
    expect(rows.slice(1).every((v) => v[3] === 'Aplikasi SPBE')).toBe(true);
  });

  test('an administrator completes the initiative (If-Match, promote)', async () => {
    const row = page.getByRole('row', { name: /PR-E2E-01/ });
    await row.getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = page.getByRole('dialog', { name: /Selesaikan PR-E2E-01/ });
    await dialog.getByRole('button', { name: 'Selesaikan' }).click();
    await page.getByText('Inisiatif selesai; 0 elemen menjadi as-is.').waitFor();
    await row.getByText('Selesai', { exact: true }).waitFor();
    await page.getByTestId('roadmap-timeline').getByText('2026–2028 · 100%').waitFor();
  });

  test('the Analisis section lists consistency findings with links to elements', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Analisis' }).click();
    await page.getByRole('heading', { name: 'Analisis', level: 1 }).waitFor();
    await page.getByText('Peringatan').first().waitFor();
    await expect(page.locator('a[href^="/elements/"]').first().isVisible()).resolves.toBe(true);
    await page.getByRole('tab', { name: 'Portofolio aplikasi' }).click();
    await page.getByText('Kandidat rasionalisasi').waitFor();
    await shot('02-analysis');
  });

  test('an administrator switches a consistency rule off and on: its findings go and come back', async () => {
    await page.goto('/analysis');
    const findings = page.getByRole('region', { name: 'Daftar temuan' });
    // "WK.22.06" under BDL-22 is the seed's one code off its kind's pattern.
    const group = findings.getByText('Kode tidak sesuai pola jenisnya', { exact: true });
    await group.waitFor();
    await page.getByRole('button', { name: /^Aturan pemeriksaan \(\d+ dari \d+ aktif\)/ }).click();
    const toggle = page.getByRole('switch', { name: 'Aktifkan aturan Kode tidak sesuai pola jenisnya' });
    await expect(toggle.isChecked()).resolves.toBe(true);
    await expect(toggle.isEnabled()).resolves.toBe(true);

    await toggle.click();
    await page.getByText('Aturan "Kode tidak sesuai pola jenisnya" dimatikan').waitFor();
    await group.waitFor({ state: 'detached' });
    await expect(toggle.isChecked()).resolves.toBe(false);
    const off = await apiCall('GET', '/lint');
    expect(off.body.disabledRules).toEqual(['code-pattern']);
    expect(off.body.findings.some((f: { rule: string }) => f.rule === 'code-pattern')).toBe(false);
    await shot('03-rule-off');

    await toggle.click();
    await page.getByText('Aturan "Kode tidak sesuai pola jenisnya" dinyalakan').waitFor();
    await group.waitFor();
    await findings.getByRole('link', { name: 'WK.22.06 · Pemerintahan dan kesejahteraan rakyat' }).first().waitFor();
    expect((await apiCall('GET', '/lint')).body.disabledRules).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('visitors see the rule switches, but cannot use them', async () => {
    const anon = await newPage(browser, server.baseUrl);
    try {
      await anon.page.goto('/analysis');
      await anon.page.getByRole('button', { name: /^Aturan pemeriksaan/ }).click();
      await anon.page.getByText('Hanya administrator yang dapat menyalakan atau mematikan aturan.').waitFor();
      const toggle = anon.page.getByRole('switch', { name: 'Aktifkan aturan Kode tidak sesuai pola jenisnya' });
      await expect(toggle.isDisabled()).resolves.toBe(true);
      await expect(toggle.isChecked()).resolves.toBe(true);
    } finally {
      await anon.context.close();
    }
  });

  test('clicking a node of the traceability graph opens that element', async () => {
    // An application with a traceability chain of more than itself.
    const apps = await apiCall('GET', '/elements?kind=application&limit=100');
    let rootId = '';
    for (const a of apps.body.items as { id: string }[]) {
      const trace = await apiCall('GET', `/elements/${a.id}/trace`);
      if (trace.body.nodes.length > 1) {
        rootId = a.id;
        break;
      }
    }
    expect(rootId).not.toBe('');
    await page.goto(`/elements/${rootId}`);
    await page.getByRole('tab', { name: 'Analisis dampak' }).click();
    await page.getByRole('columnheader', { name: 'Jarak' }).waitFor();
    await page.getByRole('radio', { name: 'Keterlacakan' }).check();
    const graph = page.locator('[data-testid="trace-graph"][data-node-positions]');
    await graph.waitFor();
    await shot('04-trace');
    const positions = JSON.parse((await graph.getAttribute('data-node-positions')) ?? '{}') as Record<string, { x: number; y: number }>;
    const [targetId, pos] = Object.entries(positions).find(([id]) => id !== rootId)!;
    await graph.click({ position: { x: pos.x, y: pos.y } });
    await page.waitForURL(`**/elements/${targetId}`);
    await page.getByRole('tab', { name: 'Analisis dampak' }).waitFor();
    expect(errors).toEqual([]);
  });

  test('clicking a neighbour in the relations graph opens that element', async () => {
    const apps = await apiCall('GET', '/elements?kind=application&limit=100');
    let rootId = '';
    let neighbours: string[] = [];
    for (const a of apps.body.items as { id: string }[]) {
      const rel = await apiCall('GET', `/elements/${a.id}/relations`);
      const { outgoing, incoming } = rel.body as Record<'outgoing' | 'incoming', { sourceId: string; targetId: string }[]>;
      if (outgoing.length + incoming.length > 0) {
        rootId = a.id;
        neighbours = [...outgoing.map((r) => r.targetId), ...incoming.map((r) => r.sourceId)];
        break;
      }
    }
    expect(rootId).not.toBe('');
    await page.goto(`/elements/${rootId}`);
    await page.getByRole('tab', { name: 'Graf' }).click();
    const graph = page.locator('[data-testid="relation-graph"][data-node-positions]');
    await graph.waitFor();
    const positions = JSON.parse((await graph.getAttribute('data-node-positions')) ?? '{}') as Record<string, { x: number; y: number }>;
    expect(Object.keys(positions).sort()).toEqual([...new Set([rootId, ...neighbours])].sort());
    const targetId = neighbours[0];
    await graph.click({ position: positions[targetId] });
    await page.waitForURL(`**/elements/${targetId}`);
    expect(errors).toEqual([]);
  });

  test('Beranda shows the dashboard tiles, linking to the data behind them', async () => {
    await page.goto('/');
    const tiles = page.getByTestId('dashboard-tiles');
    await tiles.getByText('Peta Rencana', { exact: true }).waitFor();
    await tiles.getByText('Tren Indeks SPBE').waitFor();
    await expect(tiles.locator('a[href="/roadmap"]').first().isVisible()).resolves.toBe(true);
    await shot('05-home');
  });

  test('Pertukaran previews a spreadsheet import before committing it', async () => {
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pertukaran' }).click();
    await page.getByRole('heading', { name: 'Pertukaran Data', level: 1 }).waitFor();
    const template = await page.request.get('/api/v1/templates/application?format=csv');
    expect(template.status()).toBe(200);
    await page.locator('input[type="file"]').setInputFiles({ name: 'aplikasi.csv', mimeType: 'text/csv', buffer: await template.body() });
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await page.getByText(/Elemen: \d+ baru/).waitFor();
    await shot('06-exchange');
    expect(errors).toEqual([]);
  });
});
