import type { Store } from '../store/database.js';
import { createRepositories } from '../store/repositories/index.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { CatalogService } from './catalog.service.js';
import { DatasetService } from './dataset.service.js';
import { ElementService } from './element.service.js';
import { RelationService } from './relation.service.js';

/** Wires repositories into services over one store. */
export function createServices(store: Store) {
  const { db } = store;
  const r = createRepositories(store.dialect);
  return {
    store,
    repositories: r,
    elements: new ElementService(db, r.elements, r.orgUnits, r.references, r.relations, r.audit),
    relations: new RelationService(db, r.elements, r.relations, r.audit),
    auth: new AuthService(db, r.users, r.sessions, r.tokens, r.orgUnits, r.audit, r.security),
    catalog: new CatalogService(db, r.orgUnits, r.references, r.instansi),
    audit: new AuditService(db, r.audit),
    datasets: new DatasetService(db, r),
  };
}
export type Services = ReturnType<typeof createServices>;
