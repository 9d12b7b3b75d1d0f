import type { DialectHelper } from '../dialects/index.js';
import { AuditRepository } from './audit.repository.js';
import { ElementRepository } from './element.repository.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { InstansiRepository } from './instansi.repository.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { ReferenceRepository } from './reference.repository.js';
import { RelationRepository } from './relation.repository.js';
import { SecurityRepository } from './security.repository.js';
import { ChangeRequestRepository } from './change-request.repository.js';
import { ApiTokenRepository, SessionRepository, UserRepository } from './user.repository.js';

export function createRepositories(dialect: DialectHelper) {
  return {
    elements: new ElementRepository(dialect),
    relations: new RelationRepository(),
    orgUnits: new OrgUnitRepository(),
    references: new ReferenceRepository(),
    instansi: new InstansiRepository(),
    users: new UserRepository(),
    sessions: new SessionRepository(),
    tokens: new ApiTokenRepository(),
    audit: new AuditRepository(),
    evaluation: new EvaluationRepository(),
    security: new SecurityRepository(),
    changeRequests: new ChangeRequestRepository(),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
