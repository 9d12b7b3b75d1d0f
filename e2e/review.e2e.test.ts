import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateSync } from 'otplib';
import { launchBrowser, login, newPage, SCREENSHOT_DIR, startServer, type RunningServer } from './helpers.js';

/**
 * The review workflow in the browser: an admin turns review on and adds an
 * operator on the administration screens; the operator's edit becomes a change
 * request; a reviewer approves and applies it; the element and its history show
 * it. Then a stale request (409), the account screen (TOTP, API tokens) and the
 * enrolment screen an admin meets when 2FA is required.
 */

const OPERATOR_PASSWORD = 'Operator-Kominfo-2026!';
const REVIEWER_PASSWORD = 'Tim-Koordinasi-SPBE-2026!';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errorLists: { errors: string[]; expect403: boolean }[] = [];

async function open(options: { expect403?: boolean } = {}): Promise<Page> {
  const { context, page, errors } = await newPage(browser, server.baseUrl);
  contexts.push(context);
  errorLists.push({ errors, expect403: !!options.expect403 });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `review-${name}.png`), fullPage: true });

/** A session-authenticated API call from the page (cookie + the CSRF token of /auth/me). */
async function apiCall(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown, headers: Record<string, string> = {}) {
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const r = await page.request.fetch(`/api/v1${path}`, { method, data: data as never, headers: { 'x-csrf-token': me.csrfToken, ...headers } });
  return { status: r.status(), body: r.status() === 204 ? null : await r.json() };
}

let admin: Page;
let operator: Page;
let reviewer: Page;
let org: { id: string; code: string; name: string };
let element: { id: string; name: string; version: number };
let requestUrl = '';

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  admin = await open();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

describe('review workflow in the browser', () => {
  test('the admin turns on review on the settings screen', async () => {
    await login(admin, 'admin', server.adminPassword);
    await admin.getByRole('navigation').getByText('Administrasi').click();
    await admin.getByRole('link', { name: 'Pengaturan' }).click();
    await admin.getByRole('heading', { name: 'Pengaturan', level: 1 }).waitFor();
    const review = admin.getByRole('switch', { name: 'Perubahan operator harus ditinjau' });
    await expect(review.getAttribute('aria-checked')).resolves.toBe('false');
    await review.click();
    await admin.getByText('Perubahan operator kini harus ditinjau').waitFor();
    await expect(review.getAttribute('aria-checked')).resolves.toBe('true');
    await expect(admin.getByRole('switch', { name: 'Wajibkan 2FA untuk administrator' }).getAttribute('aria-checked')).resolves.toBe('false');
    await shot(admin, '01-settings');
    const settings = await apiCall(admin, 'GET', '/settings');
    expect(settings.body).toEqual({ requireAdminTotp: false, reviewRequired: true });
  });

  test('the admin adds an operator on the users screen, with the password policy shown on the field', async () => {
    // An OPD that owns at least one element the operator can then edit.
    const orgs = (await apiCall(admin, 'GET', '/org-units')).body.items as { id: string; code: string; name: string }[];
    for (const o of orgs) {
      const page = (await apiCall(admin, 'GET', `/elements?org=${encodeURIComponent(o.id)}&kind=application&limit=1`)).body;
      if (page.items?.length) {
        org = o;
        element = page.items[0];
        break;
      }
    }
    expect(org, 'the shipped dataset has an OPD owning an application').toBeDefined();

    await admin.getByRole('link', { name: 'Pengguna' }).click();
    await admin.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
    await admin.getByRole('cell', { name: 'admin (Anda)' }).waitFor();
    await admin.getByRole('button', { name: 'Tambah pengguna' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Tambah pengguna' });
    await dialog.getByLabel('Nama pengguna').fill('operator.uji');
    await dialog.getByLabel('Nama', { exact: true }).fill('Operator Uji');
    await dialog.getByLabel('Kata sandi').fill('password1234');
    const role = dialog.getByLabel('Peran');
    await role.fill('Operator');
    await role.press('Enter');
    const opd = dialog.getByLabel('OPD');
    await opd.fill(org.code);
    await opd.press('Enter');
    await opd.press('Escape');
    await dialog.getByRole('button', { name: 'Tambah pengguna' }).click();
    // The server's password policy (a common password) lands under the password field, in Indonesian.
    await dialog.getByText('Kata sandi ini termasuk daftar kata sandi yang umum dipakai').waitFor();
    await shot(admin, '02-user-password-policy');
    await dialog.getByLabel('Kata sandi').fill(OPERATOR_PASSWORD);
    await dialog.getByRole('button', { name: 'Tambah pengguna' }).click();
    await admin.getByText('Pengguna operator.uji ditambahkan').waitFor();
    const row = admin.getByRole('row', { name: /operator\.uji/ });
    await row.getByText('Operator', { exact: true }).waitFor();
    await row.getByText(org.name).waitFor();
    await row.getByText('Tidak aktif').waitFor();
    await shot(admin, '03-users');

    // The reviewer (Tim Koordinasi SPBE) through the API.
    const created = await apiCall(admin, 'POST', '/users', { username: 'peninjau', displayName: 'Peninjau Koordinasi', password: REVIEWER_PASSWORD, role: 'reviewer' });
    expect(created.status).toBe(201);
  });

  test('the operator edits an element of its OPD and the change becomes a submitted request', async () => {
    operator = await open();
    await login(operator, 'operator.uji', OPERATOR_PASSWORD);
    await operator.goto(`/elements/${element.id}`);
    await operator.getByRole('heading', { name: element.name, level: 1 }).waitFor();
    await operator.getByRole('button', { name: 'Ubah' }).click();
    await operator.getByRole('heading', { name: /^Ubah / }).waitFor();
    await operator.getByLabel('Nama', { exact: true }).fill(`${element.name} (ditinjau)`);
    await operator.getByRole('button', { name: 'Simpan' }).click();
    const proposed = operator.getByText('Perubahan diajukan dan menunggu tinjauan', { exact: false });
    await proposed.waitFor();
    await shot(operator, '04-proposed');
    // Nothing changed yet.
    await operator.getByRole('heading', { name: element.name, level: 1 }).waitFor();
    await operator.getByRole('link', { name: 'Lihat permintaan' }).click();
    await operator.waitForURL(/\/review\/[0-9a-f-]{36}$/);
    requestUrl = new URL(operator.url()).pathname;
    await operator.getByRole('heading', { level: 1, name: /^Ubah .*“/ }).waitFor();
    await operator.getByText('Diajukan', { exact: true }).first().waitFor();
    await operator.getByRole('cell', { name: `${element.name} (ditinjau)` }).waitFor();
    await operator.getByText(/menunggu keputusan peninjau lain/).waitFor();
    await expect(operator.getByRole('button', { name: 'Setujui' }).count()).resolves.toBe(0);
    await shot(operator, '05-request-operator');
  });

  test('a reviewer sees it waiting, approves it with a note and applies it', async () => {
    reviewer = await open();
    await login(reviewer, 'peninjau', REVIEWER_PASSWORD);
    const nav = reviewer.getByRole('navigation');
    await nav.getByRole('link', { name: /Tinjauan, 1 menunggu tinjauan/ }).waitFor();
    await nav.getByRole('link', { name: /Tinjauan/ }).click();
    await reviewer.getByRole('heading', { name: 'Tinjauan', level: 1 }).waitFor();
    // The summary names the element as proposed.
    const link = reviewer.getByRole('link', { name: `Ubah Aplikasi “${element.name} (ditinjau)”` });
    await link.waitFor();
    await reviewer.getByRole('row', { name: /operator\.uji/ }).getByText('Diajukan').waitFor();
    await shot(reviewer, '06-list');
    await link.click();
    await reviewer.waitForURL((u) => u.pathname === requestUrl);

    // Rejecting needs a reason.
    await reviewer.getByRole('button', { name: 'Tolak' }).click();
    await reviewer.getByText('Tuliskan alasan penolakan').waitFor();
    await reviewer.getByLabel('Catatan tinjauan').fill('Nama sesuai SK terbaru.');
    await shot(reviewer, '07-request-reviewer');
    await reviewer.getByRole('button', { name: 'Setujui' }).click();
    await reviewer.getByText('Permintaan disetujui').waitFor();
    await reviewer.getByText('Disetujui', { exact: true }).first().waitFor();
    await reviewer.getByText('Nama sesuai SK terbaru.').waitFor();
    await reviewer.getByRole('button', { name: 'Terapkan ke elemen' }).click();
    await reviewer.getByText('Perubahan diterapkan ke elemen').waitFor();
    await reviewer.getByText('Diterapkan', { exact: true }).first().waitFor();
    await shot(reviewer, '08-applied');
  });

  test('the element shows the change and its Riwayat links to the change request', async () => {
    await reviewer.getByRole('link', { name: 'Buka elemen' }).first().click();
    await reviewer.getByRole('heading', { name: `${element.name} (ditinjau)`, level: 1 }).waitFor();
    await reviewer.getByRole('tab', { name: 'Riwayat' }).click();
    const panel = reviewer.getByRole('tabpanel', { name: 'Riwayat' });
    await panel.getByText('Diubah', { exact: true }).first().waitFor();
    const via = panel.getByRole('link', { name: 'lewat Tinjauan' });
    await via.waitFor();
    await shot(reviewer, '09-riwayat');
    await via.click();
    await reviewer.waitForURL((u) => u.pathname === requestUrl);
  });

  test('a request made stale by a newer edit explains the 409 and links to the element', async () => {
    // The operator proposes again; meanwhile the admin edits the element directly.
    const current = (await apiCall(operator, 'GET', `/elements/${element.id}`)).body;
    const proposed = await apiCall(operator, 'PATCH', `/elements/${element.id}`, { description: 'Usulan operator' }, { 'if-match': `"${current.version}"` });
    expect(proposed.status).toBe(202);
    const direct = await apiCall(admin, 'PATCH', `/elements/${element.id}`, { description: 'Diubah langsung oleh admin' }, { 'if-match': `"${current.version}"` });
    expect(direct.status).toBe(200);

    await reviewer.goto(`/review/${proposed.body.id}`);
    // Seen before anyone presses a button…
    await reviewer.getByText('Elemen telah berubah sejak permintaan ini diajukan').waitFor();
    await reviewer.getByRole('button', { name: 'Setujui' }).click();
    await reviewer.getByText('Permintaan disetujui').waitFor();
    await reviewer.getByRole('button', { name: 'Terapkan ke elemen' }).click();
    // …and explained when the server refuses.
    const alert = reviewer.getByRole('alert').filter({ hasText: 'Tidak dapat diterapkan: elemen telah diubah' });
    await alert.waitFor();
    await expect(alert.getByRole('link', { name: 'Buka elemen' }).getAttribute('href')).resolves.toBe(`/elements/${element.id}`);
    await shot(reviewer, '10-conflict');
  });
});

describe('account security in the browser', () => {
  test('creates an API token shown once, and revokes it', async () => {
    await admin.getByRole('button', { name: /Menu pengguna/ }).click();
    await admin.getByRole('menuitem', { name: 'Akun saya' }).click();
    await admin.getByRole('heading', { name: 'Akun saya', level: 1 }).waitFor();
    await admin.getByRole('button', { name: 'Buat token' }).click();
    await admin.getByLabel('Nama token').fill('Skrip uji');
    await admin.getByRole('checkbox', { name: 'Tulis' }).check();
    await admin.getByRole('button', { name: 'Buat token' }).last().click();
    const modal = admin.getByRole('dialog', { name: 'Token API dibuat' });
    await modal.getByText('Token ini hanya ditampilkan sekali').waitFor();
    const token = (await modal.getByTestId('new-token').innerText()).trim();
    expect(token).toMatch(/^atlas_/);
    await shot(admin, '11-token-once');
    // The token works as a bearer token.
    const me = await admin.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    await modal.getByRole('button', { name: 'Saya sudah menyimpannya' }).click();
    const row = admin.getByRole('row', { name: /Skrip uji/ });
    await row.getByText('Aktif').waitFor();
    await row.getByRole('button', { name: 'Cabut Skrip uji' }).click();
    await admin.getByRole('tooltip').getByRole('button', { name: 'Cabut' }).click();
    await row.getByText('Dicabut').waitFor();
    const after = await admin.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);
  });

  test('turns on two-factor authentication with a code from the grouped secret', async () => {
    await admin.getByRole('button', { name: 'Aktifkan autentikasi dua faktor' }).click();
    const secretText = await admin.getByLabel('Kunci').innerText();
    expect(secretText.trim()).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await admin.getByText('Kode QR belum tersedia', { exact: false }).waitFor();
    await shot(admin, '12-totp-setup');
    await admin.getByLabel('Kode autentikator').fill('000000');
    await admin.getByRole('button', { name: 'Konfirmasi dan aktifkan' }).click();
    await admin.getByText('Kode salah atau sudah kedaluwarsa', { exact: false }).first().waitFor();
    const code = generateSync({ secret: secretText.replace(/\s/g, '') });
    await admin.getByLabel('Kode autentikator').fill(code);
    await admin.getByRole('button', { name: 'Konfirmasi dan aktifkan' }).click();
    await admin.getByText('Autentikasi dua faktor aktif').waitFor();
    await admin.getByRole('button', { name: 'Matikan autentikasi dua faktor' }).waitFor();
    await shot(admin, '13-totp-on');
  });

  test('an admin without 2FA, once it is required, sees only the enrolment screen', async () => {
    expect((await apiCall(admin, 'POST', '/users', { username: 'admin.dua', password: 'Admin-Kedua-2026!', role: 'admin' })).status).toBe(201);
    expect((await apiCall(admin, 'PUT', '/settings/require-admin-totp', { required: true })).status).toBe(204);
    const second = await open({ expect403: true });
    await second.goto('/login');
    await second.getByLabel('Nama pengguna').fill('admin.dua');
    await second.getByLabel('Kata sandi').fill('Admin-Kedua-2026!');
    await second.getByRole('button', { name: 'Masuk', exact: true }).click();
    await second.waitForURL((u) => u.pathname === '/account/totp-enrolment');
    await second.getByRole('heading', { name: 'Aktifkan autentikasi dua faktor', level: 1 }).waitFor();
    await expect(second.getByRole('navigation').getByRole('link').count()).resolves.toBe(0);
    // Any other address leads back here.
    await second.goto('/review');
    await second.waitForURL((u) => u.pathname === '/account/totp-enrolment');
    await second.getByRole('button', { name: 'Aktifkan autentikasi dua faktor' }).click();
    await shot(second, '14-enrolment');
    const secret = (await second.getByLabel('Kunci').innerText()).replace(/\s/g, '');
    await second.getByLabel('Kode autentikator').fill(generateSync({ secret }));
    await second.getByRole('button', { name: 'Konfirmasi dan aktifkan' }).click();
    await second.waitForURL((u) => u.pathname === '/');
    await second.getByRole('navigation').getByRole('link', { name: 'Beranda' }).waitFor();
  });

  test('raised no page errors', () => {
    // The anonymous /auth/me probe answers 401 and a refused step answers 409 by design; anything else is a bug.
    // A session in the enrolment stage gets 403 from every API call but enrolment, by design.
    const unexpected = errorLists.flatMap(({ errors, expect403 }) =>
      errors.filter((e) => !/status of (401|409|422)/.test(e) && !(expect403 && /status of 403/.test(e))),
    );
    expect(unexpected).toEqual([]);
  });
});
