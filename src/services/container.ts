import type { Store } from '../store/database.js';
import { createRepositories } from '../store/repositories/index.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { BackupService } from './backup.service.js';
import { CatalogService } from './catalog.service.js';
import { ChangeRequestService } from './change-request.service.js';
import { DatasetService } from './dataset.service.js';
import { ElementService } from './element.service.js';
import { EvaluationService, evaluationConfigFromEnv } from './evaluation.service.js';
import { GeneratorService } from './generator.service.js';
import { RelationService } from './relation.service.js';
import { InteropService } from './interop.service.js';

/** Wires repositories into services over one store. */
export function createServices(store: Store) {
  const { db } = store;
  const r = createRepositories(store.dialect);
  const elements = new ElementService(db, r.elements, r.orgUnits, r.references, r.relations, r.audit);
  return {
    store,
    repositories: r,
    elements,
    changeRequests: new ChangeRequestService(db, r.changeRequests, elements, r.users, r.security, r.audit),
    relations: new RelationService(db, r.elements, r.relations, r.audit),
    auth: new AuthService(db, r.users, r.sessions, r.tokens, r.orgUnits, r.audit, r.security),
    catalog: new CatalogService(db, r.orgUnits, r.references, r.instansi),
    audit: new AuditService(db, r.audit),
    backup: new BackupService(store, r),
    evaluation: new EvaluationService(db, r.evaluation, r.audit, r.elements, evaluationConfigFromEnv()),
    datasets: new DatasetService(db, r),
    interop: new InteropService(db, r),
    generator: new GeneratorService(db, r, new DatasetService(db, r), store.dialect.name),
  };
}
export type Services = ReturnType<typeof createServices>;
