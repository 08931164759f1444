import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, type RunningServer } from '../net/listen.ts';
import type { LocalIssuer } from './issuers.ts';
import { mintToken } from './mint-token.ts';
import type { SigningKey } from './signing-key.ts';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * The local identity provider: per user pool, `/<pool id>/.well-known/openid-configuration` and
 * `/<pool id>/.well-known/jwks.json` as Cognito lays them out (and the JWKS at the root), plus
 * `POST /<pool id>/token` `{ role, partnerId, username, ttl, tokenUse }` → `{ id_token, access_token }`
 * for local tools (there is no sign-in flow: anyone on this machine can mint a token).
 */
export async function startIdentityServer(options: {
  port: number;
  key: SigningKey;
  issuers: () => LocalIssuer[];
}): Promise<RunningServer> {
  const jwks = { keys: [options.key.publicJwk] };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const [, poolId, ...rest] = url.pathname.split('/');
      const path = `/${rest.join('/')}`;
      if (url.pathname === '/.well-known/jwks.json') return json(res, 200, jwks);
      const issuer = options.issuers().find((i) => i.userPoolId === poolId);
      if (!issuer) return json(res, 404, { message: 'Unknown user pool' });
      if (path === '/.well-known/jwks.json') return json(res, 200, jwks);
      if (path === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: issuer.issuer,
          jwks_uri: `${issuer.issuer}/.well-known/jwks.json`,
          token_endpoint: `${issuer.issuer}/token`,
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['token'],
          subject_types_supported: ['public'],
        });
      }
      if (path === '/token' && req.method === 'POST') {
        const body = await readJson(req);
        const base = {
          issuer: issuer.issuer,
          clientId: String(body.clientId ?? issuer.clientIds[0] ?? 'local-client'),
          ...(typeof body.role === 'string' ? { role: body.role } : {}),
          ...(typeof body.partnerId === 'string' ? { partnerId: body.partnerId } : {}),
          ...(typeof body.username === 'string' ? { username: body.username } : {}),
          ...(typeof body.ttl === 'number' ? { ttlSeconds: body.ttl } : {}),
        };
        return json(res, 200, {
          id_token: await mintToken(options.key, { ...base, tokenUse: 'id' }),
          access_token: await mintToken(options.key, { ...base, tokenUse: 'access' }),
          token_type: 'Bearer',
          expires_in: base.ttlSeconds ?? 3600,
        });
      }
      return json(res, 404, { message: 'Not found' });
    } catch {
      return json(res, 400, { message: 'Bad request' });
    }
  });
  return listen(server, options.port, 'identity provider');
}
