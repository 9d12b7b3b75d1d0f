#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { openStore, storeConfigFromEnv } from '../store/database.js';
import { createServices, type Services } from '../services/container.js';
import { bootstrap } from '../services/bootstrap.service.js';
import { buildApp } from '../server/app.js';
import { Problem } from '../services/problem.js';
import { registerExchangeCommands } from '../interop/cli.js';

async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const store = await openStore(storeConfigFromEnv());
  try {
    return await fn(createServices(store));
  } finally {
    await store.close();
  }
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no password: set ATLAS_PASSWORD or run in a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asked = false;
  output._writeToOutput = (s: string) => {
    if (!asked) {
      process.stdout.write(s);
      asked = true;
    }
  };
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function defaultInstansiId(s: Services, code?: string): Promise<string> {
  const list = await s.repositories.instansi.list(s.store.db);
  const found = code ? list.find((i) => i.code === code) : list[0];
  if (!found) throw new Error(code ? `no instansi ${code}` : 'no instansi yet: run `atlas seed` or `atlas init --empty`');
  return found.id;
}

const program = new Command('atlas').description('Atlas SPBE — the living Arsitektur SPBE').version('0.1.0');

program
  .command('serve')
  .description('start the web application and the API (migrates and seeds an empty database first)')
  .option('-p, --port <port>', 'port', process.env.ATLAS_PORT ?? process.env.PORT ?? '3000')
  .option('-H, --host <host>', 'address to listen on', process.env.ATLAS_HOST ?? '0.0.0.0')
  .action(async (opts: { port: string; host: string }) => {
    const store = await openStore(storeConfigFromEnv());
    const services = createServices(store);
    const boot = await bootstrap(services);
    if (boot.seeded) console.log('Loaded the embedded dataset (Pemerintah Kota Bandar Lampung).');
    if (boot.generatedAdminPassword) {
      console.log(`Created user "admin" with password: ${boot.generatedAdminPassword}\n(shown once; set ATLAS_ADMIN_PASSWORD to choose it)`);
    }
    const app = await buildApp(services, { logger: process.env.ATLAS_LOG !== '0' });
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'draining requests and shutting down');
      // app.close() stops listening, answers 503 on kept-alive connections and waits for requests in flight.
      // A connection busy when the signal came turns idle later and would hold the process for the whole
      // keep-alive timeout (72 s), so idle connections are swept until close completes. Requests still
      // running after the grace period are cut off and the exit code says so.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      let forced = false;
      const grace = setTimeout(() => {
        forced = true;
        app.log.warn('requests still running after the grace period; closing their connections');
        app.server.closeAllConnections();
      }, Number(process.env.ATLAS_SHUTDOWN_GRACE_MS ?? 25_000));
      try {
        await app.close();
        await store.close();
      } finally {
        clearInterval(sweep);
        clearTimeout(grace);
      }
      process.exit(forced ? 1 : 0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    const address = await app.listen({ port: Number(opts.port), host: opts.host });
    console.log(`Atlas SPBE listening on ${address} (${store.dialect.name})`);
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(() => withServices(async (s) => console.log(`database schema is current (${s.store.dialect.name})`)));

program
  .command('seed [dataset]')
  .description('load a shipped dataset (default: bandar-lampung) into its instansi; records already there are kept')
  .action((dataset?: string) =>
    withServices(async (s) => {
      const r = await s.datasets.seed(dataset);
      console.log(`${r.instansi.name}: ${r.orgUnits} OPD, ${r.elements} elements, ${r.relations} relations added; ${r.skipped} already present`);
    }),
  );

program
  .command('init')
  .description('create an instansi')
  .option('--empty', 'with the national reference models but no city data')
  .requiredOption('--code <code>', 'instansi code, e.g. kab-lampung-selatan')
  .requiredOption('--name <name>', 'official name')
  .option('--type <type>', 'kota, kabupaten, provinsi, kementerian, …', 'pemda')
  .action((opts: { code: string; name: string; type: string }) =>
    withServices(async (s) => {
      await s.datasets.ensureReferenceModels();
      const i = await s.datasets.createInstansi(opts.code, opts.name, opts.type);
      console.log(`instansi ${i.code} (${i.name}) ready`);
    }),
  );

const user = program.command('user').description('manage users');
user
  .command('add <username>')
  .description('add a user (password from ATLAS_PASSWORD or a prompt)')
  .requiredOption('--role <role>', 'admin, operator or viewer')
  .option('--org <code...>', 'OPD code(s) an operator manages')
  .option('--instansi <code>', 'instansi code (default: the first)')
  .option('--name <displayName>', 'display name')
  .action((username: string, opts: { role: string; org?: string[]; instansi?: string; name?: string }) =>
    withServices(async (s) => {
      const password = process.env.ATLAS_PASSWORD ?? (await promptHidden('Password: '));
      const u = await s.auth.addUser({
        instansiId: await defaultInstansiId(s, opts.instansi),
        username,
        password,
        role: opts.role,
        orgCodes: opts.org,
        displayName: opts.name,
      });
      console.log(`user ${u.username} (${u.role}) added`);
    }),
  );

program
  .command('token')
  .description('API tokens')
  .command('create <username>')
  .option('--name <name>', 'what the token is for', 'cli')
  .option('--scope <scope...>', 'read and/or write', ['read', 'write'])
  .option('--expires-days <days>', 'days until the token expires (default: never)')
  .description('create an API token; it is printed once')
  .action((username: string, opts: { name: string; scope: string[]; expiresDays?: string }) =>
    withServices(async (s) => {
      const { token } = await s.auth.createToken(username, { name: opts.name, scopes: opts.scope, expiresInDays: opts.expiresDays ? Number(opts.expiresDays) : null });
      console.log(token);
    }),
  );

program
  .command('audit')
  .description('the audit trail')
  .command('verify')
  .description('check every instansi’s hash chain; exits non-zero when an event was edited or removed')
  .action(() =>
    withServices(async (s) => {
      let broken = 0;
      for (const i of await s.repositories.instansi.list(s.store.db)) {
        const { events, breaks } = await s.audit.verify(i.id);
        broken += breaks.length;
        console.log(`${i.code}: ${events} events, ${breaks.length ? `${breaks.length} BREAK(S)` : 'chain intact'}`);
        for (const b of breaks) console.log(`  seq ${b.seq}${b.eventId ? ` (event ${b.eventId})` : ''}: ${b.problem}`);
      }
      if (broken) process.exitCode = 1;
    }),
  );

program
  .command('lint')
  .description('consistency check of an instansi’s architecture (its enabled rules); exits non-zero when errors are found')
  .option('--instansi <code>', 'instansi code (default: the first)')
  .option('--json', 'print the report as JSON (the shape of GET /api/v1/lint)')
  .option('--severity <severity>', 'only error, warning or info findings')
  .option('--rule <id>', 'only this rule')
  .option('--en', 'messages in English')
  .action((opts: { instansi?: string; json?: boolean; severity?: string; rule?: string; en?: boolean }) =>
    withServices(async (s) => {
      const instansiId = await defaultInstansiId(s, opts.instansi);
      if (opts.severity && !['error', 'warning', 'info'].includes(opts.severity)) throw new Error('--severity must be error, warning or info');
      const rules = (await s.lint.rules({ instansiId, user: null })).items;
      if (opts.rule && !rules.some((r) => r.id === opts.rule)) throw new Error(`no rule ${opts.rule}; rules: ${rules.map((r) => r.id).join(', ')}`);
      // The command line reads everything, like an administrator, and changes nothing.
      const reader = { instansiId, user: { id: 'atlas-cli', username: 'atlas lint', role: 'admin' as const, orgUnitIds: [], readOnly: true } };
      const report = await s.lint.run(reader, { severity: opts.severity as 'error' | 'warning' | 'info' | undefined, rule: opts.rule });
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const f of report.findings) {
          console.log(`${f.severity.padEnd(7)} ${f.rule.padEnd(24)} ${opts.en ? f.messageEn : f.message}`);
          for (const e of f.elements) console.log(`${' '.repeat(33)}- ${e.kind} ${e.id}${e.code ? ` ${e.code}` : ''}`);
        }
        const { error, warning, info } = report.summary;
        const off = report.disabledRules.length ? report.disabledRules.join(', ') : opts.en ? 'none' : 'tidak ada';
        console.log(opts.en ? `${error} errors, ${warning} warnings, ${info} info; rules off: ${off}` : `${error} galat, ${warning} peringatan, ${info} info; aturan nonaktif: ${off}`);
      }
      if (report.summary.error > 0) process.exitCode = 1;
    }),
  );

program
  .command('generate')
  .description('create N synthetic instansi shaped like the seeded city, deterministic from a seed (for load tests; one audit event per instansi)')
  .requiredOption('--instansi <n>', 'how many synthetic instansi (instansi already generated with the same seed are kept)')
  .option('--seed <s>', 'seed number: the same seed gives the same codes and names', '1')
  .action((opts: { instansi: string; seed: string }) =>
    withServices(async (s) => {
      const n = Number(opts.instansi);
      const seed = Number(opts.seed);
      if (!Number.isInteger(n) || n < 0) throw new Error('--instansi must be a whole number');
      if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
      let lastShown = 0;
      const r = await s.generator.generate({
        instansi: n,
        seed,
        onProgress: (done, total) => {
          if (process.stdout.isTTY && done - lastShown >= Math.max(1, Math.floor(total / 20))) {
            lastShown = done;
            process.stdout.write(`\r${done}/${total} instansi`);
          }
        },
      });
      if (process.stdout.isTTY && lastShown) process.stdout.write('\n');
      console.log(
        `${r.created} instansi generated (seed ${r.seed}), ${r.skipped} already present: ${r.orgUnits} OPD, ${r.elements} elements, ${r.relations} relations in ${(r.ms / 1000).toFixed(1)} s`,
      );
    }),
  );

program
  .command('backup <file>')
  .description('write a consistent backup of the whole database (and evidence files) while the server runs; .gz compresses')
  .action((file: string) =>
    withServices(async (s) => {
      const started = Date.now();
      const r = await s.backup.backup(file, { key: process.env.ATLAS_BACKUP_KEY || undefined, dataDir: storeConfigFromEnv().dataDir });
      const rows = r.manifest.tables.reduce((n, t) => n + t.rows, 0);
      for (const t of r.manifest.tables) console.log(`  ${t.name.padEnd(24)} ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}…`);
      const missing = r.manifest.files.filter((f) => f.missing);
      for (const f of missing) console.warn(`  warning: file ${f.path} is named by the database but missing from the data directory`);
      console.log(
        `backup ${file}: ${r.manifest.tables.length} tables, ${rows} rows, ${r.manifest.files.length - missing.length} files, ${r.bytes} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s (${s.store.dialect.name}, schema ${r.manifest.migrations.at(-1) ?? 'none'}${r.manifest.hmac ? ', HMAC' : ''})`,
      );
      console.log(`sha256 ${r.sha256}`);
    }),
  );

program
  .command('restore <file>')
  .description('restore a backup (from SQLite or PostgreSQL) into an empty database, in one transaction, then verify it')
  .option('--force', 'replace the data of a database that is not empty (still all or nothing)')
  .option('--accept-audit-breaks', 'restore even when an audit chain in the backup does not verify')
  .action((file: string, opts: { force?: boolean; acceptAuditBreaks?: boolean }) =>
    withServices(async (s) => {
      const r = await s.backup.restore(file, {
        force: !!opts.force,
        acceptAuditBreaks: !!opts.acceptAuditBreaks,
        key: process.env.ATLAS_BACKUP_KEY || undefined,
        dataDir: storeConfigFromEnv().dataDir,
      });
      for (const t of r.tables) console.log(`  ${t.name.padEnd(24)} ${String(t.rows).padStart(8)} rows  checksum ok`);
      // The chain once more, through the service, after commit.
      let broken = 0;
      for (const i of await s.repositories.instansi.list(s.store.db)) {
        const v = await s.audit.verify(i.id);
        broken += v.breaks.length;
        console.log(`  audit ${i.code}: ${v.events} events, ${v.breaks.length ? `${v.breaks.length} BREAK(S)` : 'chain intact'}`);
      }
      console.log(
        `restored ${file} (made ${r.manifest.createdAt} on ${r.manifest.source.dialect}) into ${s.store.dialect.name}${r.replaced ? ', replacing the data that was there' : ''}: ${r.tables.reduce((n, t) => n + t.rows, 0)} rows, ${r.files} files`,
      );
      if (broken) process.exitCode = 1;
    }),
  );

registerExchangeCommands(program, withServices, defaultInstansiId);

program.parseAsync().catch((e: unknown) => {
  if (e instanceof Problem) {
    console.error(`atlas: ${e.message}${e.errors.map((x) => `\n  ${x.field}: ${x.message}`).join('')}`);
  } else console.error(`atlas: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
