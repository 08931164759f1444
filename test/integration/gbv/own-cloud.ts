import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';
import { createVirtualClock, type VirtualClock } from '../../../local/engine/runtime/clock.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { appCloud } from '../intake/intake-api.ts';

const rootDir = fileURLToPath(new URL('../../../', import.meta.url));

export interface OwnCloud {
  cloud: LocalCloud;
  clock: VirtualClock;
  dataDir: string;
  /** Everything the runtime printed: its own log lines and the functions' output (worker stdout/stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A second local cloud from the same cdk.out (synthesized by the global setup), in this process,
 * so that its engine runs on virtual time and its function output can be captured. Lambda
 * workers write to the parent's stdout and stderr: their writes pass through here.
 */
export async function startOwnCloud(): Promise<OwnCloud> {
  const app = appCloud();
  const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-gbv-'));
  const clock = createVirtualClock(Date.now());
  const captured: string[] = [];
  const originals = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const tap =
    (write: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (write as (chunk: unknown, ...rest: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originals.out) as typeof process.stdout.write;
  process.stderr.write = tap(originals.err) as typeof process.stderr.write;
  const cloud = await startLocalCloud({
    rootDir,
    assemblyDir: app.assemblyDir,
    synth: 'never',
    dataDir,
    clock,
    ports: { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 },
    log: (line) => captured.push(`${line}\n`),
  });
  return {
    cloud,
    clock,
    dataDir,
    output: () => captured.join(''),
    async stop() {
      await cloud.stop();
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Moves virtual time forward by whole steps of a waiting step's heartbeat plus one second. After
 * each step it waits (in real time) until no execution has a plain Lambda task in flight: the
 * functions run on real time, and moving on before they answer would fire their 30-second task
 * timeouts. A step must end just after a heartbeat for the same reason.
 */
export async function advance(own: OwnCloud, steps: number, heartbeatMs: number): Promise<void> {
  for (let step = 0; step < steps; step++) {
    await own.clock.advance(heartbeatMs + 1000);
    await lambdasSettled(own);
  }
}

/** Resolves once no running execution waits on a plain (non-callback) Lambda task. */
async function lambdasSettled(own: OwnCloud, timeoutMs = 20_000): Promise<void> {
  const { sfn } = cloudClients(own.cloud.endpoints);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    let busy = false;
    for (const machine of own.cloud.model.stateMachines) {
      const running = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: machine.arn, statusFilter: 'RUNNING' }),
      );
      for (const execution of running.executions ?? []) {
        if (await hasLambdaInFlight(sfn, execution.executionArn!)) busy = true;
      }
    }
    if (!busy || Date.now() > deadline) return;
  }
}

async function hasLambdaInFlight(sfn: SFNClient, executionArn: string): Promise<boolean> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  // Scheduled → started → ended, linked by previousEventId (also across Map iterations).
  const plainScheduled = new Set<number>();
  const startedOf = new Map<number, number>();
  const open = new Set<number>();
  for (const event of events) {
    const id = event.id ?? 0;
    const previous = event.previousEventId ?? 0;
    if (event.type === 'TaskScheduled') {
      if (event.taskScheduledEventDetails?.resource === 'invoke') plainScheduled.add(id);
      open.add(id);
    } else if (event.type === 'TaskStarted') startedOf.set(id, previous);
    else if (/^Task(Succeeded|Failed|TimedOut|SubmitFailed|StartFailed)$/.test(event.type ?? '')) {
      open.delete(startedOf.get(previous) ?? previous);
    }
  }
  return [...open].some((id) => plainScheduled.has(id));
}

/** Heartbeats of the gbv-referral workflow's waits (workflows/gbv-referral.asl.json). */
export const PARTNER_ANSWER_HEARTBEAT_MS = 30 * 60_000;
export const FOLLOW_UP_HEARTBEAT_MS = 6 * 3_600_000;
