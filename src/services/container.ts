import type { Store } from '../store/database.js';
import { createRepositories } from '../store/repositories/index.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { BackupService } from './backup.service.js';
import { CatalogService } from './catalog.service.js';
import { ChangeRequestService } from './change-request.service.js';
import { DatasetService } from './dataset.service.js';
import { DATA_DIR } from '../paths.js';
import { ElementService } from './element.service.js';
import { EvaluationService, evaluationConfigFromEnv } from './evaluation.service.js';
import { GeneratorService } from './generator.service.js';
import { RelationService } from './relation.service.js';
import { UserService } from './user.service.js';
import { InteropService } from './interop.service.js';
import { OpenDataService } from './open-data.service.js';
import { DocumentService } from './document.service.js';
import { AnalysisRepository } from '../store/repositories/analysis.repository.js';
import { AnalysisService } from './analysis.service.js';
import { LintService } from './lint.service.js';
import { RoadmapService } from './roadmap.service.js';

/** Wires repositories into services over one store. */
export function createServices(store: Store) {
  const { db } = store;
  const r = createRepositories(store.dialect);
  const elements = new ElementService(db, r.elements, r.orgUnits, r.references, r.relations, r.audit);
  const auth = new AuthService(db, r.users, r.sessions, r.tokens, r.orgUnits, r.audit, r.security);
  const evaluation = new EvaluationService(db, r.evaluation, r.audit, r.elements, evaluationConfigFromEnv());
  const datasets = new DatasetService(db, r, DATA_DIR, [(trx, instansiId, dir) => evaluation.seedHistory(instansiId, dir, trx)]);
  return {
    store,
    repositories: r,
    elements,
    changeRequests: new ChangeRequestService(db, r.changeRequests, elements, r.users, r.security, r.audit),
    relations: new RelationService(db, r.elements, r.relations, r.audit),
    auth,
    users: new UserService(db, r.users, r.sessions, r.orgUnits, r.audit, auth),
    catalog: new CatalogService(db, r.orgUnits, r.references, r.instansi),
    audit: new AuditService(db, r.audit),
    backup: new BackupService(store, r),
    evaluation,
    datasets,
    lint: new LintService(db, new AnalysisRepository(store.dialect), r.audit),
    analysis: new AnalysisService(db, new AnalysisRepository(store.dialect), r.elements, r.references),
    roadmap: new RoadmapService(db, new AnalysisRepository(store.dialect), r.elements, r.relations, r.audit),
    interop: new InteropService(db, r),
    openData: new OpenDataService(db, r),
    documents: new DocumentService(db, r),
    generator: new GeneratorService(db, r, datasets, store.dialect.name, [(trx, instansiId, dir) => evaluation.seedHistory(instansiId, dir, trx)]),
  };
}
export type Services = ReturnType<typeof createServices>;
