import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root, whichever directory the CDK app is started from. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Lambda handlers live here; route and function tables give entries relative to it. */
export const FUNCTIONS_DIR = fileURLToPath(new URL('../functions/', import.meta.url));
/** Step Functions definitions (`<name>.asl.json`). */
export const WORKFLOWS_DIR = fileURLToPath(new URL('../workflows/', import.meta.url));
