import { readFileSync } from 'node:fs';
import type { TaskOutcome, TaskRequest } from '#engine/contract.ts';
import { runExecution, validateDefinition } from '#engine/interpreter/index.ts';
import { createMemoryEffects } from '#engine/memory-effects.ts';

const fn = (name: string) => `arn:aws:lambda:eu-west-3:000000000000:function:${name}`;

/** The substitutions the service stack supplies, with recognisable fake ARNs. */
export const SUBSTITUTIONS: Record<string, string> = {
  ComputeEntitlementFunctionArn: fn('compute-entitlement'),
  ReserveKitsFunctionArn: fn('reserve-kits'),
  IssueVoucherFunctionArn: fn('issue-voucher'),
  ExpireAllocationFunctionArn: fn('expire-allocation'),
};

export function kitDispatchDefinition(): Record<string, unknown> {
  const text = readFileSync(new URL('../../../workflows/kit-dispatch.asl.json', import.meta.url), 'utf8');
  return JSON.parse(
    text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => SUBSTITUTIONS[name] ?? whole),
  );
}

export const HOUSEHOLD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
export const ALLOCATION_ID = `${HOUSEHOLD_ID}-2026-R2`;

export const DUE_PLAN = {
  outcome: 'DUE',
  householdId: HOUSEHOLD_ID,
  allocationId: ALLOCATION_ID,
  round: '2026-R2',
  siteId: 'SITE-1',
  lines: [{ kitType: 'FOOD', quantity: 1 }],
  registeredAt: '2026-11-01T08:00:00.000Z',
  partnerId: null,
  waitlistTimeoutSeconds: 86_400,
  confirmationTimeoutSeconds: 1_209_600,
};

/** What the stubbed world answers. A callback answer is a status, or an error name (a timeout). */
export interface Scenario {
  plan?: Record<string, unknown>;
  reserve?: { status: string } | { error: string };
  confirmation?: { status: string } | { error: string };
  /** Function (last ARN part) that fails on every attempt. */
  failing?: string;
  expireStatus?: string;
}

const ok = (output: unknown): TaskOutcome => ({ ok: true, output });
const nameOf = (request: TaskRequest) =>
  String((request.parameters as { FunctionName: string }).FunctionName)
    .split(':')
    .at(-1);
const payloadOf = (request: TaskRequest) =>
  (request.parameters as { Payload: Record<string, unknown> }).Payload;

/** Runs kit-dispatch in memory (virtual time), its tasks answered from the scenario. */
export async function runKitDispatch(
  scenario: Scenario,
  input: Record<string, unknown> = { householdId: HOUSEHOLD_ID },
) {
  const tasks: TaskRequest[] = [];
  const answer = (
    request: TaskRequest,
    scripted: { status: string } | { error: string } | undefined,
  ): TaskOutcome => {
    if (scenario.failing === nameOf(request))
      return { ok: false, error: 'KitDispatch.TaskFailed', cause: 'stub' };
    if (!scripted) return { ok: false, error: 'States.Timeout' };
    return 'error' in scripted ? { ok: false, error: scripted.error } : ok(scripted);
  };
  const effects = createMemoryEffects({
    startTime: new Date('2026-11-26T08:00:00Z'),
    tasks: {
      'arn:aws:states:::lambda:invoke': (request) => {
        tasks.push(request);
        const name = nameOf(request);
        if (scenario.failing === name) return { ok: false, error: 'KitDispatch.TaskFailed', cause: 'stub' };
        const payload = payloadOf(request);
        if (name === 'compute-entitlement')
          return ok({ StatusCode: 200, Payload: scenario.plan ?? DUE_PLAN });
        if (name === 'expire-allocation')
          return ok({
            StatusCode: 200,
            Payload: { allocationId: payload['allocationId'], status: scenario.expireStatus ?? 'EXPIRED' },
          });
        return { ok: false, error: 'States.TaskFailed', cause: `no stub for ${name}` };
      },
      'arn:aws:states:::lambda:invoke.waitForTaskToken': (request) => {
        tasks.push(request);
        return answer(request, nameOf(request) === 'reserve-kits' ? scenario.reserve : scenario.confirmation);
      },
    },
  });
  const result = await runExecution({
    definition: kitDispatchDefinition(),
    input,
    execution: {
      Id: `arn:aws:states:eu-west-3:000000000000:execution:kit-dispatch:${HOUSEHOLD_ID}`,
      Name: HOUSEHOLD_ID,
      RoleArn: 'arn:aws:iam::000000000000:role/kit-dispatch',
      StartTime: '2026-11-26T08:00:00Z',
      RedriveCount: 0,
      Input: input,
    },
    stateMachine: {
      Id: 'arn:aws:states:eu-west-3:000000000000:stateMachine:kit-dispatch',
      Name: 'kit-dispatch',
    },
    effects,
  });
  const path = effects.events
    .filter((event) => event.type.endsWith('StateEntered'))
    .map((event) => String((event.details['stateEnteredEventDetails'] as { name: string }).name));
  return {
    result,
    tasks,
    path,
    events: effects.events,
    payloads: tasks.map(payloadOf),
    names: tasks.map(nameOf),
  };
}

export const diagnostics = () => validateDefinition(kitDispatchDefinition());
