import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Services } from '../services/container.js';
import { actorOf } from '../services/auth.service.js';
import type { Actor } from '../domain/policy.js';
import type { ImportReport } from '../services/interop.service.js';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;
type InstansiOf = (s: Services, code?: string) => Promise<string>;

interface Common {
  instansi?: string;
  as?: string;
  out?: string;
}

/** The command line acts as the named user, or as an administrator "atlas cli" (it has the database anyway). */
async function actorFor(s: Services, instansiOf: InstansiOf, opts: Common): Promise<Actor> {
  const instansiId = await instansiOf(s, opts.instansi);
  if (!opts.as) return { instansiId, user: { id: 'atlas-cli', username: 'atlas cli', role: 'admin', orgUnitIds: [] } };
  const user = await s.repositories.users.findByUsername(s.store.db, opts.as);
  if (!user || user.disabledAt) throw new Error(`no active user ${opts.as}`);
  if (user.instansiId !== instansiId) throw new Error(`${opts.as} belongs to another instansi`);
  return actorOf(user);
}

function write(out: string | undefined, body: Buffer | string, fallback: string): void {
  const file = out ?? fallback;
  if (file === '-') process.stdout.write(body);
  else {
    writeFileSync(file, body);
    console.error(`wrote ${file} (${Buffer.byteLength(body)} bytes)`);
  }
}

function printReport(r: ImportReport): void {
  const c = (x: { create: number; update: number; unchanged: number }) => `${x.create} baru, ${x.update} diubah, ${x.unchanged} tetap`;
  console.log(`${r.mode === 'commit' ? (r.committed ? 'Diimpor' : 'Tidak diimpor') : 'Pratinjau'}:`);
  console.log(`  Perangkat Daerah: ${c(r.summary.orgUnits)}`);
  console.log(`  Elemen:           ${c(r.summary.elements)}`);
  console.log(`  Relasi:           ${c(r.summary.relations)}`);
  if (r.unmapped.length) {
    console.log(`  Tidak dipetakan (${r.unmapped.length}):`);
    for (const u of r.unmapped.slice(0, 50)) console.log(`    ${u.ref}${u.name ? ` "${u.name}"` : ''}: ${u.reason}`);
  }
  for (const s of r.skipped.slice(0, 50)) console.log(`  dilewati ${s.ref}: ${s.reason}`);
  if (r.errors.length) {
    console.log(`  Galat (${r.errors.length}):`);
    for (const e of r.errors) {
      console.log(`    ${e.ref}${e.column ? ` kolom ${e.column}` : ''} ${e.field} [${e.rule}]${e.value !== undefined ? ` nilai ${JSON.stringify(e.value)}` : ''}: ${e.message}`);
    }
  }
}

/** `atlas import` and `atlas export`: every exchange format from the command line. */
export function registerExchangeCommands(program: Command, withServices: WithServices, instansiOf: InstansiOf): void {
  program
    .command('import <file>')
    .description('import an ArchiMate exchange file (.xml) or a spreadsheet (.xlsx, .csv): a preview unless --commit; all or nothing')
    .option('--commit', 'write the import (default: preview only)')
    .option('--kind <kind>', 'kind of the rows of a spreadsheet without a Jenis column')
    .option('--instansi <code>', 'instansi code (default: the first)')
    .option('--as <username>', 'act as this user (audit trail, permissions); default: administrator "atlas cli"')
    .option('--json', 'print the whole report as JSON')
    .action((file: string, opts: Common & { commit?: boolean; kind?: string; json?: boolean }) =>
      withServices(async (s) => {
        const actor = await actorFor(s, instansiOf, opts);
        const body = readFileSync(file);
        const ext = extname(file).toLowerCase();
        const mode = opts.commit ? 'commit' : 'preview';
        let report: ImportReport;
        try {
          report =
            ext === '.xml'
              ? await s.interop.importArchimate(actor, body.toString('utf8'), mode)
              : await s.interop.importSheet(actor, { body, format: ext === '.csv' ? 'csv' : 'xlsx', kind: opts.kind }, mode);
        } catch (e) {
          const withReport = e as { extra?: { report?: ImportReport } };
          if (withReport.extra?.report) {
            if (opts.json) console.log(JSON.stringify({ ...withReport.extra.report, mode }, null, 2));
            else printReport({ ...withReport.extra.report, mode });
            process.exitCode = 1;
            return;
          }
          throw e;
        }
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
        if (report.errors.length) process.exitCode = 1;
      }),
    );

  const exp = program.command('export').description('export the repository: archimate, elements, template, sia-spbe, document, changes, catalog');
  const common = (c: Command) =>
    c
      .option('--instansi <code>', 'instansi code (default: the first)')
      .option('--as <username>', 'read as this user (default: administrator "atlas cli")')
      .option('-o, --out <file>', 'output file ("-" for standard output)');
  const filters = (c: Command) =>
    c
      .option('--kind <kinds>', 'kinds, comma separated')
      .option('--domain <domain>', 'domain')
      .option('--org <code>', 'OPD code')
      .option('--ref <ref>', 'reference node, MODEL or MODEL:code')
      .option('--lifecycle <lifecycle>', 'as-is, to-be or retired')
      .option('--classification <c>', 'terbuka, terbatas or rahasia')
      .option('--q <text>', 'text search');
  type Filters = { kind?: string; domain?: string; org?: string; ref?: string; lifecycle?: string; classification?: string; q?: string };
  const selection = (o: Filters) => ({ kind: o.kind, domain: o.domain, org: o.org, ref: o.ref, lifecycle: o.lifecycle, classification: o.classification, q: o.q });

  filters(common(exp.command('archimate').description('ArchiMate 3.1 model exchange file'))).action((opts: Common & Filters) =>
    withServices(async (s) => {
      const r = await s.interop.exportArchimate(await actorFor(s, instansiOf, opts), selection(opts));
      write(opts.out, r.xml, r.filename);
    }),
  );
  filters(common(exp.command('elements').description('elements as XLSX or CSV in the import template layout')))
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .action((opts: Common & Filters & { format: 'xlsx' | 'csv' }) =>
      withServices(async (s) => {
        const r = await s.interop.exportSheet(await actorFor(s, instansiOf, opts), selection(opts), opts.format);
        write(opts.out, r.body, r.filename);
      }),
    );
  common(exp.command('template <kind>').description('empty import template of one kind'))
    .option('--format <format>', 'xlsx or csv', 'xlsx')
    .action((kind: string, opts: Common & { format: 'xlsx' | 'csv' }) =>
      withServices(async (s) => {
        const r = await s.interop.template(await actorFor(s, instansiOf, opts), kind, opts.format);
        write(opts.out, r.body, r.filename);
      }),
    );
  common(exp.command('sia-spbe <domain>').description('SIA-SPBE workbook: business, service, data, application, infrastructure or security')).action((domain: string, opts: Common) =>
    withServices(async (s) => {
      const r = await s.interop.exportSia(await actorFor(s, instansiOf, opts), domain);
      write(opts.out, r.body, r.filename);
    }),
  );
  common(exp.command('document').description('the architecture document (BAB I–VI) rebuilt from the repository'))
    .option('--format <format>', 'pdf or docx', 'pdf')
    .option('--doc-version <version>', 'document version printed on the cover', '1.0')
    .option('--period <period>', 'period on the cover, e.g. "2025 – 2030"')
    .action((opts: Common & { format: 'pdf' | 'docx'; docVersion: string; period?: string }) =>
      withServices(async (s) => {
        const r = await s.documents.architecture(await actorFor(s, instansiOf, opts), opts.format, s.evaluation, { version: opts.docVersion, period: opts.period });
        write(opts.out, r.body, r.filename);
      }),
    );
  common(exp.command('changes').description('elements and relations added, changed and removed between two dates'))
    .requiredOption('--from <date>', 'start date (YYYY-MM-DD or ISO time)')
    .requiredOption('--to <date>', 'end date (YYYY-MM-DD or ISO time)')
    .option('--format <format>', 'json, pdf or docx', 'json')
    .action((opts: Common & { from: string; to: string; format: 'json' | 'pdf' | 'docx' }) =>
      withServices(async (s) => {
        const actor = await actorFor(s, instansiOf, opts);
        if (opts.format === 'json') write(opts.out ?? '-', `${JSON.stringify(await s.documents.changes(actor, opts), null, 2)}\n`, '-');
        else {
          const r = await s.documents.changesDocument(actor, opts, opts.format);
          write(opts.out, r.body, r.filename);
        }
      }),
    );
  common(exp.command('catalog').description('the open datasets as DCAT JSON-LD (what /catalog.jsonld serves)'))
    .option('--base <url>', 'public address of the server', 'http://localhost:3000')
    .action((opts: Common & { base: string }) =>
      withServices(async (s) => {
        const instansiId = await instansiOf(s, opts.instansi);
        write(opts.out ?? '-', `${JSON.stringify(await s.openData.dcat(instansiId, opts.base), null, 2)}\n`, '-');
      }),
    );
}
