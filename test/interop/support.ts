import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import type { Services } from '../../src/services/container.js';
import type { Actor } from '../../src/domain/policy.js';
import type { AttributeField } from '../../src/domain/kind.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import type { Element } from '../../src/store/repositories/element.repository.js';
import { ROOT } from '../../src/paths.js';

/** The XSD files shipped in the repository (the Model schema's xml.xsd import points at the local copy). */
export const XSD = join(ROOT, 'src', 'interop', 'archimate', 'xsd', 'archimate3_Diagram.xsd');

/** Validates XML against the ArchiMate 3.1 exchange schema with xmllint (offline). */
export function xmllint(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-xsd-'));
  try {
    const file = join(dir, 'model.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`xmllint is not installed (apt-get install -y libxml2-utils): ${r.error.message}`);
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function adminActor(instansiId: string, id = 'test-admin'): Actor {
  return { instansiId, user: { id, username: id, role: 'admin', orgUnitIds: [] } };
}

/** A value of the field's type that its schema accepts, with characters that test escaping. */
export function sampleValue(field: AttributeField, n: number): unknown {
  switch (field.type) {
    case 'string':
      return `Nilai ${field.key} <&> "kutip" 'ok' #${n}`;
    case 'text':
      return `Baris satu ${field.key}\r\nBaris dua\tdengan tab & emoji 🙂\n=SUM(A1) bukan rumus`;
    case 'integer':
      return Math.max(field.min ?? 0, Math.min(field.max ?? 2030, 2024 + (n % 3)));
    case 'number':
      return Math.max(field.min ?? 0, Math.min(field.max ?? 1e9, 1234.5 + n));
    case 'boolean':
      return n % 2 === 0;
    case 'date':
      return '2024-05-01';
    case 'url':
      return 'https://data.example.go.id/a?b=1&c=2';
    case 'enum':
      return field.options![n % field.options!.length].value;
    case 'enum[]':
      return field.options!.slice(0, 2).map((o) => o.value);
    case 'string[]':
      return ['satu', 'dua; tiga', '-minus'];
  }
}

export interface CraftedRepository {
  elements: Element[];
  relations: number;
}

/**
 * Writes a repository that uses every kind (each attribute filled) and every
 * relation each kind may have, straight into the store.
 */
export async function craftRepository(
  services: Services,
  instansiId: string,
  opts: { orgIds: string[]; refs: Record<string, string> },
): Promise<CraftedRepository> {
  const db = services.store.db as Kysely<Database>;
  const r = services.repositories;
  const now = new Date().toISOString();
  const byKind = new Map<string, Element>();
  const elements: Element[] = [];
  KINDS.forEach((kind, n) => {
    const attributes: Record<string, unknown> = {};
    kind.attributes.forEach((f, i) => (attributes[f.key] = sampleValue(f, n + i)));
    const e: Element = {
      id: uuidv7(),
      instansiId,
      kind: kind.id,
      domain: kind.domain,
      code: n % 3 === 0 ? null : kind.codePattern ? { mission: 'M9', 'business-process': 'BDL-77', 'sub-process': 'BDL-77.01' }[kind.id] ?? `K-${n}` : `=K-${n}`,
      name: `${kind.label.id} uji <${n}> & "${kind.id}"`,
      description: n % 4 === 0 ? null : `Uraian ${kind.id}\r\nbaris kedua  dengan spasi ganda  `,
      orgUnitId: n % 2 === 0 ? null : opts.orgIds[n % opts.orgIds.length],
      refCode: kind.referenceModel && opts.refs[kind.referenceModel] ? opts.refs[kind.referenceModel] : null,
      lifecycle: n % 5 === 0 ? 'to-be' : 'as-is',
      classification: n % 7 === 0 ? 'rahasia' : kind.defaultClassification,
      attributes,
      provenance: n % 2 ? `Tabel ${n}.1` : null,
      sourceKey: n % 6 === 0 ? `uji:${kind.id}` : null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
    };
    byKind.set(kind.id, e);
    elements.push(e);
  });
  // A second element of every kind, for relations from a kind to itself.
  const twins = new Map<string, Element>();
  for (const e of elements.slice()) {
    const twin: Element = { ...e, id: uuidv7(), name: `${e.name} (kedua)`, attributes: {}, sourceKey: null, description: null, code: null };
    twins.set(e.kind, twin);
    elements.push(twin);
  }
  for (const e of elements) await r.elements.insert(db, e);
  let relations = 0;
  for (const kind of KINDS) {
    for (const rel of kind.relations) {
      for (const target of rel.targets) {
        const s = byKind.get(kind.id)!;
        const t = target === kind.id ? twins.get(target)! : byKind.get(target)!;
        await r.relations.insert(db, {
          id: uuidv7(),
          instansiId,
          type: rel.type,
          sourceId: s.id,
          targetId: t.id,
          attributes: relations % 5 === 0 ? { catatan: 'atribut relasi', urutan: relations } : {},
          provenance: relations % 2 ? 'uji relasi' : null,
          createdAt: now,
          createdBy: null,
        });
        relations++;
      }
    }
  }
  return { elements, relations };
}

/** Everything an exchange must carry, keyed for comparison (ids, or codes for OPDs). */
export async function contentOf(db: Kysely<Database>, instansiId: string, opts: { ids: boolean } = { ids: true }) {
  const orgs = await db.selectFrom('org_units').selectAll().where('instansi_id', '=', instansiId).orderBy('code').execute();
  const orgCode = new Map(orgs.map((o) => [o.id, o.code]));
  const elements = await db.selectFrom('elements').selectAll().where('instansi_id', '=', instansiId).execute();
  const key = (e: (typeof elements)[number]) => (opts.ids ? e.id : `${e.kind}|${e.name}|${e.code}|${e.description}`);
  const elementKey = new Map(elements.map((e) => [e.id, key(e)]));
  const relations = await db.selectFrom('relations').selectAll().where('instansi_id', '=', instansiId).execute();
  return {
    orgUnits: orgs.map((o) => ({
      ...(opts.ids ? { id: o.id } : {}),
      code: o.code,
      name: o.name,
      aliases: JSON.parse(o.aliases),
      type: o.type,
      parent: o.parent_id ? orgCode.get(o.parent_id) : null,
      provenance: o.provenance,
    })),
    elements: elements
      .map((e) => ({
        key: key(e),
        kind: e.kind,
        domain: e.domain,
        code: e.code,
        name: e.name,
        description: e.description,
        org: e.org_unit_id ? orgCode.get(e.org_unit_id) : null,
        ref: e.ref_model ? `${e.ref_model}:${e.ref_code}` : null,
        lifecycle: e.lifecycle,
        classification: e.classification,
        attributes: JSON.parse(e.attributes),
        provenance: e.provenance,
        sourceKey: e.source_key,
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    relations: relations
      .map((r) => ({
        ...(opts.ids ? { id: r.id } : {}),
        type: r.type,
        source: elementKey.get(r.source_id),
        target: elementKey.get(r.target_id),
        attributes: JSON.parse(r.attributes),
        provenance: r.provenance,
      }))
      .sort((a, b) => `${a.source}|${a.type}|${a.target}`.localeCompare(`${b.source}|${b.type}|${b.target}`)),
  };
}

export async function countRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['org_units', 'elements', 'relations', 'audit_events'] as const) {
    const r = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
