#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { openStore, storeConfigFromEnv } from '../store/database.js';
import { createServices, type Services } from '../services/container.js';
import { bootstrap } from '../services/bootstrap.service.js';
import { buildApp } from '../server/app.js';
import { Problem } from '../services/problem.js';

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
      await app.close();
      await store.close();
      process.exit(0);
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

program.parseAsync().catch((e: unknown) => {
  if (e instanceof Problem) {
    console.error(`atlas: ${e.message}${e.errors.map((x) => `\n  ${x.field}: ${x.message}`).join('')}`);
  } else console.error(`atlas: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
