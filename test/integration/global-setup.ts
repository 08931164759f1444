/**
 * Boots the local cloud once for the whole integration project (vitest globalSetup):
 *
 * - `fixtureCloud`: from the local cloud's own fixture app (test/fixtures/cloud-app), for the
 *   generic tests in test/integration/cloud, which must not depend on what infra/ contains;
 * - `appCloud`: from the real app (infra/, synthesized to cdk.out when stale), for end-to-end
 *   tests. If it cannot start (e.g. infra/ does not synthesize), `appCloud.error` says why and
 *   the tests that need it fail with that message.
 *
 * Each runs on free ports with its state in a fresh temporary directory. Tests read them with
 * `inject('fixtureCloud')` / `inject('appCloud')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { LocalEndpoints } from '../../local/cloud/endpoints-file.ts';
import { type LocalCloud, startLocalCloud } from '../../local/cloud/start-local-cloud.ts';
import { synthFixture } from '../fixtures/cloud-app/synth-fixture.ts';

export interface BootedCloud {
  endpoints: LocalEndpoints;
  dataDir: string;
  assemblyDir: string;
  startupMs: number;
  tableNames: string[];
  bucketNames: string[];
  stateMachineArns: string[];
  functionNames: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureCloud: BootedCloud;
    appCloud: BootedCloud | { error: string };
  }
}

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
const allFree = { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 };

function describeCloud(cloud: LocalCloud, dataDir: string, assemblyDir: string): BootedCloud {
  return {
    endpoints: cloud.endpoints,
    dataDir,
    assemblyDir,
    startupMs: cloud.startupMs,
    tableNames: cloud.model.tables.map((t) => t.tableName),
    bucketNames: cloud.model.buckets.map((b) => b.bucketName),
    stateMachineArns: cloud.model.stateMachines.map((m) => m.arn),
    functionNames: cloud.model.functions.map((f) => f.functionName),
  };
}

export default async function setup(project: TestProject) {
  const quiet = () => undefined;
  const fixtureAssembly = await synthFixture();
  const fixtureData = mkdtempSync(join(tmpdir(), 'local-cloud-fixture-'));
  const fixture = await startLocalCloud({
    rootDir,
    assemblyDir: fixtureAssembly,
    synth: 'never',
    dataDir: fixtureData,
    ports: allFree,
    asyncRetryDelaysMs: [200, 400],
    log: quiet,
  });
  project.provide('fixtureCloud', describeCloud(fixture, fixtureData, fixtureAssembly));

  const appData = mkdtempSync(join(tmpdir(), 'local-cloud-app-'));
  let app: LocalCloud | undefined;
  try {
    app = await startLocalCloud({ rootDir, dataDir: appData, ports: allFree, log: quiet });
    if (app.staleAssembly)
      console.warn(`appCloud runs the previous cdk.out; synth failed:\n${app.staleAssembly}`);
    project.provide('appCloud', describeCloud(app, appData, join(rootDir, 'cdk.out')));
  } catch (error) {
    project.provide('appCloud', { error: error instanceof Error ? error.message : String(error) });
  }

  return async () => {
    await app?.stop();
    await fixture.stop();
    rmSync(fixtureData, { recursive: true, force: true });
    rmSync(appData, { recursive: true, force: true });
  };
}
