import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from '../engine/contract.ts';
import { readCloudAssembly } from './assembly/cloud-assembly.ts';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from './assembly/local-settings.ts';
import { assemblyIsFresh, synthesize } from './assembly/synth.ts';
import { createTables } from './dynamodb/create-tables.ts';
import { createDynamoDbClient } from './dynamodb/dynamodb-client.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb/dynamodb-local.ts';
import { startDynamoDbProxy } from './dynamodb/dynamodb-proxy.ts';
import { startStreamMappings } from './dynamodb/stream-mappings.ts';
import { ttlEndpoint } from './dynamodb/ttl-endpoint.ts';
import type { TtlSweep } from './dynamodb/ttl-sweeper.ts';
import { type LocalEndpoints, removeEndpoints, writeEndpoints } from './endpoints-file.ts';
import {
  deferredStatusChangeListener,
  statusChangePublisher,
  statusChangeWanted,
} from './eventbridge/status-change-events.ts';
import { type Mount, startHttpApiServer } from './http-api/http-api-server.ts';
import { createJwtAuthorizer } from './http-api/jwt-authorizer.ts';
import { localMounts } from './http-api/local-mounts.ts';
import { startIdentityServer } from './identity/identity-server.ts';
import { localIssuers, mapIssuer, writeIssuers } from './identity/issuers.ts';
import { loadOrCreateSigningKey } from './identity/signing-key.ts';
import { openAsyncQueue } from './lambda/async-queue.ts';
import { deadLetterFile } from './lambda/dead-letters.ts';
import { createFaultInjector, type FaultInjector } from './lambda/faults.ts';
import { lambdaEnvironment } from './lambda/lambda-environment.ts';
import { createLambdaRunner, type InvocationResult } from './lambda/lambda-runner.ts';
import { DEFAULT_PORTS, dataPaths, type LocalCloudPorts } from './local-cloud-config.ts';
import { deriveLocalCloudModel, type LocalCloudModel } from './model/local-cloud-model.ts';
import { claimPort } from './net/listen.ts';
import { asyncDeliverer, notificationTargets } from './s3/notification-targets.ts';
import { createNotificationDispatcher } from './s3/notifications.ts';
import { startS3StandIn } from './s3/s3-server.ts';
import { deployStateMachines, startStepFunctions } from './stepfunctions/step-functions.ts';

export interface LocalCloudOptions {
  /** The project root (where cdk.json, infra/, functions/ are); default: the current directory. */
  rootDir?: string;
  /** The cloud assembly to read; default `<rootDir>/cdk.out`. */
  assemblyDir?: string;
  /** `auto` (default): synthesize when cdk.out is older than its sources; `always`; `never`. */
  synth?: 'auto' | 'always' | 'never';
  ports?: Partial<LocalCloudPorts>;
  /** Where all state lives; default `<rootDir>/.local`. */
  dataDir?: string;
  /** The engine's clock (virtual time in tests). */
  clock?: Clock;
  region?: string;
  account?: string;
  /**
   * Handlers served beside the API routes on the API port, by path prefix. The operator console
   * (local/console) is mounted at `/console` and the fault endpoint at `/_local/faults` unless
   * these replace them.
   */
  mounts?: Record<string, Mount>;
  /** Retry delays of asynchronous deliveries (S3 notifications, rule targets, Event invocations); default 1 s then 2 s. */
  asyncRetryDelaysMs?: number[];
  /** How often expired TTL items are deleted (default 5 s; 0: only on demand, `POST /_local/ttl/sweep`). */
  ttlSweepIntervalMs?: number;
  log?: (message: string) => void;
}

export interface LocalCloud {
  endpoints: LocalEndpoints;
  model: LocalCloudModel;
  /** Fault injection per function name (see {@link FaultInjector}). */
  faults: FaultInjector;
  /** Deletes expired TTL items now, as DynamoDB's TTL would eventually (also `POST /_local/ttl/sweep`). */
  sweepTtl(): Promise<TtlSweep[]>;
  /** Invokes a function synchronously by name or ARN, as `lambda:Invoke` would. */
  invoke(functionNameOrArn: string, event: unknown): Promise<InvocationResult>;
  startupMs: number;
  /** Whether this start synthesized the app (false when cdk.out was reused). */
  synthesized: boolean;
  /** Set when synthesis failed and the previous cdk.out was used: the synth error. */
  staleAssembly?: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on 127.0.0.1 from a cloud assembly: DynamoDB Local with the template's
 * tables, the S3 stand-in with its buckets and notifications, the Step Functions engine with its
 * state machines, the Lambda runner, the HTTP API with its JWT authorizers, and a local identity
 * provider. Resolves once everything is ready and `.local/endpoints.json` is written.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const started = Date.now();
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const assemblyDir = resolve(options.assemblyDir ?? join(rootDir, 'cdk.out'));
  const paths = dataPaths(options.dataDir ?? join(rootDir, '.local'));
  const account = options.account ?? DEFAULT_ACCOUNT;
  const log = options.log ?? ((message: string) => console.log(`[local-cloud] ${message}`));
  const wanted = { ...DEFAULT_PORTS, ...options.ports };
  mkdirSync(paths.root, { recursive: true });
  removeEndpoints(paths.endpointsFile);

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log(`stop: ${error.message}`));
    stops.length = 0;
  };

  try {
    const ports: LocalCloudPorts = {
      dynamodb: await claimPort(wanted.dynamodb, 'DynamoDB Local'),
      s3: await claimPort(wanted.s3, 'S3'),
      stepfunctions: await claimPort(wanted.stepfunctions, 'Step Functions'),
      api: await claimPort(wanted.api, 'HTTP API'),
      identity: await claimPort(wanted.identity, 'identity provider'),
    };
    // The JVM start is the long pole: it runs while the app synthesizes and everything else starts.
    const dynamodb: DynamoDbLocal = startDynamoDbLocal({ port: ports.dynamodb, dataDir: paths.dynamodb });
    stops.push(() => dynamodb.stop());

    const synthMode = options.synth ?? 'auto';
    const wantSynth =
      synthMode === 'always' || (synthMode === 'auto' && !assemblyIsFresh(rootDir, assemblyDir));
    let synthesized = false;
    let staleAssembly: string | undefined;
    if (wantSynth) {
      log('synthesizing the CDK app (cdk.out is older than its sources)…');
      try {
        await synthesize(rootDir, assemblyDir);
        synthesized = true;
      } catch (error) {
        // Keep serving from the last good assembly (a half-edited infra/ should not stop the
        // office), but say so loudly: the banner repeats it.
        if (!existsSync(join(assemblyDir, 'manifest.json'))) throw error;
        staleAssembly = error instanceof Error ? error.message : String(error);
        log(`cdk synth failed; starting from the previous cdk.out:\n${staleAssembly}`);
      }
    }
    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const identityUrl = `http://127.0.0.1:${ports.identity}`;
    const assembly = readCloudAssembly(assemblyDir);
    // Stacks deployed to a concrete region carry it as literal text in their ARNs; match it.
    const region = options.region ?? assembly.region ?? DEFAULT_REGION;
    const model = deriveLocalCloudModel(assembly, {
      account,
      region,
      apiUrl,
      identityUrl,
    });
    if (model.skippedFunctions.length > 0) {
      // Typically CDK's own deployment helpers (the Python bucket-notifications handler), which the local cloud replaces.
      const list = model.skippedFunctions.map((s) => `${s.logicalId} (${s.reason})`).join(', ');
      log(`not run locally: ${list}`);
    }

    const key = await loadOrCreateSigningKey(paths.identity);
    const issuers = localIssuers(model.userPools, identityUrl);
    writeIssuers(paths.identity, issuers);
    const identity = await startIdentityServer({ port: ports.identity, key, issuers: () => issuers });
    stops.push(() => identity.stop());

    const s3Endpoint = `http://127.0.0.1:${ports.s3}`;
    const sfnEndpoint = `http://127.0.0.1:${ports.stepfunctions}`;
    const tableLogicalIds = new Map(model.tables.map((table) => [table.tableName, table.logicalId]));
    const faults = createFaultInjector((tableName) => tableLogicalIds.get(tableName));
    // The functions and the engine reach DynamoDB through the fault proxy (DynamoDB faults are
    // injected there); endpoints.json keeps DynamoDB Local itself, for tools and tests.
    const dynamodbProxy = await startDynamoDbProxy({
      target: dynamodb.endpoint,
      faults: faults.dynamodb,
      region,
      account,
    });
    stops.push(() => dynamodbProxy.stop());
    const runner = createLambdaRunner({
      functions: model.functions,
      faults,
      environmentOf: (fn) =>
        lambdaEnvironment(fn, region, {
          dynamodb: dynamodbProxy.url,
          s3: s3Endpoint,
          stepfunctions: sfnEndpoint,
          lambda: apiUrl,
        }),
    });
    stops.push(() => runner.stop());

    // The rule targets need the engine's client: status changes the engine hands over before they
    // exist wait for them, and stay stored in the engine until their deliveries are enqueued.
    // Changes no rule matches are neither stored nor delivered.
    const statusChanges = deferredStatusChangeListener();
    const stepFunctions = await startStepFunctions({
      onExecutionStatusChange: statusChanges.listener,
      statusChangeFilter: statusChangeWanted({ eventRules: model.eventRules, region, account }),
      port: ports.stepfunctions,
      storePath: paths.engineDb,
      region,
      accountId: account,
      runner,
      endpoints: { dynamodb: dynamodbProxy.url, s3: s3Endpoint },
      ...(options.clock ? { clock: options.clock } : {}),
    });
    stops.push(() => stepFunctions.stop());

    // S3 notifications, rule targets and Event invocations: stored before they run, at least once.
    const queue = openAsyncQueue({
      path: paths.asyncInvocations,
      deliver: asyncDeliverer({
        runner,
        sfnClient: stepFunctions.client,
        log,
        deadLetter: deadLetterFile(paths.deadLetters, runner, log),
        ...(options.asyncRetryDelaysMs ? { retryDelaysMs: options.asyncRetryDelaysMs } : {}),
      }),
      log,
    });
    // Closed before the engine and the runner stop: deliveries still running are aborted, and
    // their rows stay for the next start.
    stops.push(async () => queue.close());
    const targets = notificationTargets({ queue, log });
    statusChanges.ready(statusChangePublisher({ eventRules: model.eventRules, region, account, targets }));
    const dispatch = createNotificationDispatcher({
      buckets: model.buckets,
      eventRules: model.eventRules,
      region,
      account,
      targets,
    });
    const s3 = await startS3StandIn({
      port: ports.s3,
      directory: paths.s3,
      buckets: model.buckets,
      onObjectEvent: dispatch,
    });
    stops.push(() => s3.stop());

    // Set once the tables exist; the endpoint is mounted with the API before that.
    let sweepTtl: () => Promise<TtlSweep[]> = async () => [];
    const orphaned = await deployStateMachines(stepFunctions.client, model.stateMachines);
    if (orphaned.length > 0)
      log(`state machines kept from earlier runs, no longer in the template: ${orphaned.join(', ')}`);

    const authorize = createJwtAuthorizer({
      jwks: [key.publicJwk],
      localIssuerOf: (configured) => mapIssuer(configured, issuers, identityUrl),
      ...(options.clock ? { now: () => options.clock!.now() } : {}),
    });
    if (model.httpApis.length > 1) {
      log(
        `${model.httpApis.length} HTTP APIs in the assembly; serving ${model.httpApis[0]!.name} on ${apiUrl}`,
      );
    }
    const api = await startHttpApiServer({
      port: ports.api,
      api: model.httpApis[0],
      accountId: account,
      invoke: (arn, event) => runner.invoke(arn, event),
      authorize,
      log,
      mounts: {
        ...localMounts({
          faults,
          runner,
          invokeAsync: targets.invokeAsync,
          sfnClient: stepFunctions.client,
          key,
          issuers,
          log,
          ...(options.clock ? { now: () => options.clock!.now() } : {}),
        }),
        '/_local/ttl': (req, res) => void ttlEndpoint(() => sweepTtl())(req, res),
        ...options.mounts,
      },
    });
    stops.push(() => api.stop());

    await dynamodb.ready;
    const dynamodbClient = createDynamoDbClient(dynamodb.endpoint, region);
    await createTables(dynamodbClient, model.tables);
    dynamodbClient.destroy();
    const streams = startStreamMappings({
      model,
      endpoint: dynamodb.endpoint,
      region,
      dataDir: paths.root,
      runner,
      now: options.clock ? () => options.clock!.now() : Date.now,
      log,
    });
    stops.push(() => streams.stop());
    sweepTtl = streams.sweepTtl;
    streams.startSweeping(options.ttlSweepIntervalMs ?? 5000);
    // What a killed or stopped run left undelivered, now that the functions can reach their tables.
    queue.resume();
    stepFunctions.resume();

    const endpoints: LocalEndpoints = {
      api: api.url,
      dynamodb: dynamodb.endpoint,
      s3: s3.endpoint,
      stepfunctions: stepFunctions.endpoint,
      console: `${api.url}/console`,
      lambda: api.url,
      identity: identity.url,
      region,
      account,
    };
    writeEndpoints(paths.endpointsFile, endpoints);
    stops.push(async () => removeEndpoints(paths.endpointsFile));
    return {
      endpoints,
      model,
      faults,
      invoke: (name, event) => runner.invoke(name, event),
      sweepTtl: () => sweepTtl(),
      startupMs: Date.now() - started,
      synthesized,
      ...(staleAssembly !== undefined ? { staleAssembly } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
