import type { SFNClient } from '@aws-sdk/client-sfn';
import { consoleMount } from '../console-mount.ts';
import type { LocalIssuer } from '../identity/issuers.ts';
import type { SigningKey } from '../identity/signing-key.ts';
import { localTokenVerifier } from '../identity/verify-local-token.ts';
import type { FaultInjector } from '../lambda/faults.ts';
import { faultsEndpoint } from '../lambda/faults-endpoint.ts';
import type { Mount } from './http-api-server.ts';

/** What the local cloud serves beside the API's routes: the fault endpoint and the operator console. */
export function localMounts(options: {
  faults: FaultInjector;
  sfnClient: SFNClient;
  key: SigningKey;
  issuers: LocalIssuer[];
  now?: () => number;
  log(message: string): void;
}): Record<string, Mount> {
  const faults = faultsEndpoint(options.faults);
  return {
    '/_local/faults': (req, res) => void faults(req, res),
    '/console': consoleMount({
      sfnClient: options.sfnClient,
      verifyToken: localTokenVerifier({
        jwks: [options.key.publicJwk],
        issuers: options.issuers,
        ...(options.now ? { now: options.now } : {}),
      }),
      log: options.log,
    }),
  };
}
