import type { SFNClient } from '@aws-sdk/client-sfn';
import { consoleMount } from '../console-mount.ts';
import type { LocalIssuer } from '../identity/issuers.ts';
import type { SigningKey } from '../identity/signing-key.ts';
import { localTokenVerifier } from '../identity/verify-local-token.ts';
import type { FaultInjector } from '../lambda/faults.ts';
import { faultsEndpoint } from '../lambda/faults-endpoint.ts';
import { invokeEndpoint } from '../lambda/invoke-endpoint.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { Mount } from './http-api-server.ts';

/** What the local cloud serves beside the API's routes: the fault endpoint, Lambda's Invoke API, the operator console. */
export function localMounts(options: {
  faults: FaultInjector;
  sfnClient: SFNClient;
  key: SigningKey;
  issuers: LocalIssuer[];
  runner: LambdaRunner;
  invokeAsync(functionArn: string, event: unknown): void;
  now?: () => number;
  log(message: string): void;
}): Record<string, Mount> {
  const faults = faultsEndpoint(options.faults);
  const invoke = invokeEndpoint({ runner: options.runner, invokeAsync: options.invokeAsync });
  return {
    '/_local/faults': (req, res) => void faults(req, res),
    '/2015-03-31/functions': (req, res) => void invoke(req, res),
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
