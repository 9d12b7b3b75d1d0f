import { randomBytes } from 'node:crypto';
import type { Services } from './container.js';
import { DEFAULT_DATASET } from './dataset.service.js';

export interface BootstrapResult {
  seeded: boolean;
  /** Set when an admin was created with a generated password, to print once. */
  generatedAdminPassword?: string;
  adminCreated: boolean;
}

/**
 * First start of an empty database: national reference models, the default
 * city dataset (unless ATLAS_EMPTY=1), and an admin.
 */
export async function bootstrap(services: Services, env: NodeJS.ProcessEnv = process.env): Promise<BootstrapResult> {
  await services.datasets.ensureReferenceModels();
  const instansi = await services.repositories.instansi.list(services.store.db);
  let seeded = false;
  if (instansi.length === 0) {
    if (env.ATLAS_EMPTY === '1') {
      await services.datasets.createInstansi(env.ATLAS_INSTANSI_CODE ?? 'instansi', env.ATLAS_INSTANSI_NAME ?? 'Instansi Baru');
    } else {
      await services.datasets.seed(env.ATLAS_DATASET ?? DEFAULT_DATASET);
      seeded = true;
    }
  }
  const result: BootstrapResult = { seeded, adminCreated: false };
  if ((await services.auth.userCount()) === 0) {
    const first = (await services.repositories.instansi.list(services.store.db))[0];
    const password = env.ATLAS_ADMIN_PASSWORD || randomBytes(12).toString('base64url');
    await services.auth.addUser({ instansiId: first.id, username: 'admin', password, role: 'admin', displayName: 'Administrator' });
    result.adminCreated = true;
    if (!env.ATLAS_ADMIN_PASSWORD) result.generatedAdminPassword = password;
  }
  return result;
}
