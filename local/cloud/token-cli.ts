/**
 * `npm run -s token -- --role caseworker [--partner <id>] [--user <name>] [--ttl 3600]
 *  [--token-use id|access] [--pool <user pool id>] [--client <client id>] [--data-dir .local]`
 * prints a token the local HTTP API accepts (signed by the local issuer's key in .local/identity).
 */
import { parseArgs } from 'node:util';
import { readIssuers } from './identity/issuers.ts';
import { mintToken } from './identity/mint-token.ts';
import { loadOrCreateSigningKey } from './identity/signing-key.ts';
import { dataPaths } from './local-cloud-config.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    partner: { type: 'string' },
    user: { type: 'string' },
    ttl: { type: 'string', default: '3600' },
    'token-use': { type: 'string', default: 'id' },
    pool: { type: 'string' },
    client: { type: 'string' },
    'data-dir': { type: 'string', default: '.local' },
  },
});

const paths = dataPaths(values['data-dir']);
const issuers = readIssuers(paths.identity);
if (!issuers || issuers.length === 0) {
  console.error(
    issuers
      ? 'The cloud assembly has no Cognito user pool, so there is no issuer to mint for.'
      : `No local issuer yet in ${paths.identity}: run \`npm start\` once first.`,
  );
  process.exit(1);
}
const issuer = values.pool ? issuers.find((i) => i.userPoolId === values.pool) : issuers[0];
if (!issuer) {
  console.error(`Unknown user pool ${values.pool}; known: ${issuers.map((i) => i.userPoolId).join(', ')}`);
  process.exit(1);
}
const tokenUse = values['token-use'];
if (tokenUse !== 'id' && tokenUse !== 'access') {
  console.error('--token-use must be id or access');
  process.exit(1);
}
if (values.role && issuer.groups.length > 0 && !issuer.groups.includes(values.role)) {
  console.error(
    `warning: ${values.role} is not a group of ${issuer.userPoolId} (${issuer.groups.join(', ')})`,
  );
}
const key = await loadOrCreateSigningKey(paths.identity);
const token = await mintToken(key, {
  issuer: issuer.issuer,
  clientId: values.client ?? issuer.clientIds[0] ?? 'local-client',
  tokenUse,
  ttlSeconds: Number(values.ttl),
  ...(values.role ? { role: values.role } : {}),
  ...(values.partner ? { partnerId: values.partner } : {}),
  ...(values.user ? { username: values.user } : {}),
});
console.log(token);
