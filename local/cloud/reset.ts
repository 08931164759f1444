/** `npm run reset [-- --data-dir .local] [--keep-identity]`: deletes the local cloud's state. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEndpoints } from './endpoints-file.ts';
import { dataPaths } from './local-cloud-config.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.local' },
    'keep-identity': { type: 'boolean', default: false },
  },
});
const paths = dataPaths(values['data-dir']);

const running = readEndpoints(paths.endpointsFile);
if (running) {
  const answering = await fetch(running.identity + '/.well-known/jwks.json').then(
    () => true,
    () => false,
  );
  if (answering) {
    console.error(`The local cloud is running (${running.api}); stop it (Ctrl-C) before resetting.`);
    process.exit(1);
  }
}
if (!existsSync(paths.root)) {
  console.log(`Nothing to reset: ${paths.root} does not exist.`);
  process.exit(0);
}
for (const entry of readdirSync(paths.root)) {
  if (values['keep-identity'] && join(paths.root, entry) === paths.identity) continue;
  rmSync(join(paths.root, entry), { recursive: true, force: true });
}
console.log(`Cleared ${paths.root}${values['keep-identity'] ? ' (identity keys kept)' : ''}.`);
