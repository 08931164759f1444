import { describe, expect, it } from 'vitest';
import { banner } from '../../../local/cloud/banner.ts';
import { createFaultInjector } from '../../../local/cloud/lambda/faults.ts';
import type { LocalCloud } from '../../../local/cloud/start-local-cloud.ts';

const authorizer = {
  name: 'jwt',
  issuer: 'https://cognito',
  audiences: ['c'],
  identitySource: '$request.header.Authorization',
};

function cloudWith(overrides: Partial<LocalCloud> = {}): LocalCloud {
  return {
    endpoints: {
      api: 'http://127.0.0.1:3000',
      dynamodb: 'http://127.0.0.1:8000',
      s3: 'http://127.0.0.1:4568',
      stepfunctions: 'http://127.0.0.1:8083',
      console: 'http://127.0.0.1:3000/console',
      identity: 'http://127.0.0.1:3001',
      lambda: 'http://127.0.0.1:3000',
      region: 'us-east-1',
      account: '123456789012',
    },
    model: {
      tables: [],
      buckets: [],
      functions: [],
      skippedFunctions: [],
      stateMachines: [],
      eventRules: [],
      streamMappings: [],
      skippedMappings: [],
      userPools: [
        {
          logicalId: 'P',
          stackName: 'S',
          userPoolId: 'p',
          cloudIssuer: 'https://cognito',
          clientIds: ['c'],
          groups: ['intake'],
        },
      ],
      httpApis: [
        {
          logicalId: 'Api',
          stackName: 'S',
          apiId: 'a',
          name: 'api',
          stagePrefix: '',
          routes: [
            {
              routeKey: 'GET /health',
              method: 'GET',
              path: '/health',
              payloadFormatVersion: '2.0',
              scopes: [],
            },
            {
              routeKey: 'GET /households/{id}',
              method: 'GET',
              path: '/households/{id}',
              payloadFormatVersion: '2.0',
              scopes: [],
              authorizer,
            },
          ],
        },
      ],
    },
    faults: createFaultInjector(),
    invoke: async () => ({ ok: true, payload: null }),
    sweepTtl: async () => [],
    startupMs: 4321,
    synthesized: false,
    stop: async () => undefined,
    ...overrides,
  };
}

describe('banner', () => {
  it('shows the start-up time, endpoints, and a pasteable request with a token', () => {
    const text = banner(cloudWith(), '/srv/.local');
    expect(text).toContain('Local cloud ready in 4.3 s (cdk.out reused)');
    expect(text).toContain('HTTP API        http://127.0.0.1:3000');
    expect(text).toContain('TOKEN=$(npm run -s token -- --role intake)');
    expect(text).toContain(
      'curl -s -X GET -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/households/example',
    );
    expect(text).toContain('Data: /srv/.local');
    expect(text).not.toContain('WARNING');
  });

  it('warns when it runs a previous assembly because synthesis failed', () => {
    expect(banner(cloudWith({ staleAssembly: 'boom' }), '/srv/.local')).toContain(
      'WARNING: cdk synth failed',
    );
  });
});
