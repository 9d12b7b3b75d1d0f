import { execSync } from 'node:child_process';
import { ROOT } from './helpers.js';

/** Build the server and the web app once before the browser tests (skip with E2E_SKIP_BUILD=1). */
export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}
