import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleHandler } from '../../../local/console/index.ts';
import { call } from './handler-harness.ts';

const client = new SFNClient({ region: 'us-east-1' });
const sfn = mockClient(client);
afterEach(() => sfn.reset());

const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:kit-dispatch';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:kit-dispatch:alloc-1';
const OPERATOR = { authorization: 'Bearer operator-token' };

const handler = createConsoleHandler({
  sfnClient: client,
  // Each test mocks its own answers; summaries must not be reused across them.
  summaryCacheSeconds: 0,
  verifyToken: async (token) => {
    if (token === 'operator-token') return { sub: 'op-7', 'cognito:groups': ['operator'] };
    if (token === 'caseworker-token') return { sub: 'cw-1', 'cognito:groups': ['caseworker'] };
    throw new Error('signature verification failed');
  },
});

describe('console handler: access', () => {
  it('serves the page without a token, with a strict Content-Security-Policy', async () => {
    const response = await call(handler, { url: '/console/' });
    expect(response.status).toBe(200);
    expect(response.body).toContain(
      '<script type="importmap">{"imports":{"preact":"/console/vendor/preact.mjs"',
    );
    expect(String(response.headers['content-security-policy'])).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('redirects /console to /console/ so relative module URLs resolve', async () => {
    const response = await call(handler, { url: '/console?x=1' });
    expect(response).toMatchObject({ status: 308, headers: { location: '/console/?x=1' } });
  });

  it('serves the vendored Preact and htm modules and nothing outside the asset list', async () => {
    expect((await call(handler, { url: '/console/vendor/preact.mjs' })).status).toBe(200);
    expect((await call(handler, { url: '/console/vendor/htm.mjs' })).status).toBe(200);
    expect((await call(handler, { url: '/console/views/execution.js' })).status).toBe(200);
    expect((await call(handler, { url: '/console/../package.json' })).status).toBe(404);
    expect((await call(handler, { url: '/console/%2e%2e/package.json' })).status).toBe(404);
  });

  it('refuses the API without a token (401), in French when asked', async () => {
    const response = await call(handler, {
      url: '/console/api/machines',
      headers: { 'accept-language': 'fr-FR' },
    });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'Unauthenticated', message: 'Un jeton opérateur valide est requis.' },
    });
  });

  it('refuses an invalid token (401) and a token of another group (403)', async () => {
    const bad = await call(handler, {
      url: '/console/api/machines',
      headers: { authorization: 'Bearer forged' },
    });
    expect(bad.status).toBe(401);
    const caseworker = await call(handler, {
      url: '/console/api/machines',
      headers: { authorization: 'Bearer caseworker-token' },
    });
    expect(caseworker.status).toBe(403);
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('console handler: Step Functions proxy', () => {
  it('counts executions by status for each state machine', async () => {
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        { stateMachineArn: MACHINE, name: 'kit-dispatch', type: 'STANDARD', creationDate: new Date() },
      ],
    });
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        {
          executionArn: `${EXECUTION}a`,
          stateMachineArn: MACHINE,
          name: 'a',
          status: 'FAILED',
          startDate: new Date(),
        },
        {
          executionArn: `${EXECUTION}b`,
          stateMachineArn: MACHINE,
          name: 'b',
          status: 'FAILED',
          startDate: new Date(),
        },
        {
          executionArn: `${EXECUTION}c`,
          stateMachineArn: MACHINE,
          name: 'c',
          status: 'RUNNING',
          startDate: new Date(),
        },
      ],
    });
    const response = await call(handler, { url: '/console/api/machines', headers: OPERATOR });
    expect(response.status).toBe(200);
    const [machine] = response.json().stateMachines as Array<{ counts: Record<string, number> }>;
    expect(machine?.counts).toMatchObject({ FAILED: 2, RUNNING: 1, SUCCEEDED: 0 });
  });

  it('answers bad filters with 400 and a message per field', async () => {
    const response = await call(handler, {
      url: '/console/api/executions?status=BROKEN&since=yesterday&pageSize=500',
      headers: OPERATOR,
    });
    expect(response.status).toBe(400);
    const fields = (response.json().error as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['pageSize', 'since', 'status']);
  });

  it('passes the status filter and page token through to ListExecutions', async () => {
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        { stateMachineArn: MACHINE, name: 'kit-dispatch', type: 'STANDARD', creationDate: new Date() },
      ],
    });
    sfn.on(ListExecutionsCommand).resolves({ executions: [], nextToken: 'sfn-page-2' });
    const first = await call(handler, {
      url: '/console/api/executions?status=FAILED&workflow=kit-dispatch',
      headers: OPERATOR,
    });
    expect(sfn.commandCalls(ListExecutionsCommand)[0]?.args[0].input).toMatchObject({
      stateMachineArn: MACHINE,
      statusFilter: 'FAILED',
    });
    const nextToken = first.json().nextToken as string;
    await call(handler, {
      url: `/console/api/executions?status=FAILED&workflow=kit-dispatch&nextToken=${nextToken}`,
      headers: OPERATOR,
    });
    expect(sfn.commandCalls(ListExecutionsCommand)[1]?.args[0].input.nextToken).toBe('sfn-page-2');
  });

  it('describes one execution with its graph and history, leaving payloads out unless asked', async () => {
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION,
      name: 'alloc-1',
      status: 'FAILED',
      startDate: new Date('2026-11-20T10:00:00Z'),
      stopDate: new Date('2026-11-20T10:00:05Z'),
      error: 'StockLedgerUnavailable',
      cause: 'ledger down',
      input: '{"allocationId":"ALLOC-1"}',
    });
    sfn.on(DescribeStateMachineForExecutionCommand).resolves({
      name: 'kit-dispatch',
      definition: JSON.stringify({
        StartAt: 'Reserve kits',
        States: { 'Reserve kits': { Type: 'Task', Resource: 'x', End: true } },
      }),
    });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 1,
          previousEventId: 0,
          type: 'ExecutionStarted',
          timestamp: new Date(),
          executionStartedEventDetails: { input: '{"allocationId":"ALLOC-1"}' },
        },
        {
          id: 2,
          previousEventId: 1,
          type: 'TaskStateEntered',
          timestamp: new Date(),
          stateEnteredEventDetails: { name: 'Reserve kits', input: '{}' },
        },
        {
          id: 3,
          previousEventId: 2,
          type: 'TaskFailed',
          timestamp: new Date(),
          taskFailedEventDetails: {
            resourceType: 'lambda',
            resource: 'invoke',
            error: 'StockLedgerUnavailable',
            cause: 'ledger down',
          },
        },
        {
          id: 4,
          previousEventId: 3,
          type: 'ExecutionFailed',
          timestamp: new Date(),
          executionFailedEventDetails: { error: 'StockLedgerUnavailable', cause: 'ledger down' },
        },
      ],
    });
    const url = `/console/api/execution?arn=${encodeURIComponent(EXECUTION)}`;
    const response = await call(handler, { url, headers: OPERATOR });
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.failure).toEqual({
      stateName: 'Reserve kits',
      error: 'StockLedgerUnavailable',
      cause: 'ledger down',
    });
    expect((body.graph as { svg: string }).svg).toContain('data-state="Reserve kits" data-status="failed"');
    expect(response.body).not.toContain('ALLOC-1');
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[0]?.args[0].input.includeExecutionData).toBe(false);

    const withData = await call(handler, { url: `${url}&data=1`, headers: OPERATOR });
    expect((withData.json().execution as { input: string }).input).toBe('{"allocationId":"ALLOC-1"}');
  });

  it('refuses an execution ARN that is not one (400) and maps unknown executions to 404', async () => {
    const bad = await call(handler, { url: '/console/api/execution?arn=not-an-arn', headers: OPERATOR });
    expect(bad.status).toBe(400);
    const missing = Object.assign(new Error(`Execution Does Not Exist: '${EXECUTION}'`), {
      name: 'ExecutionDoesNotExist',
      $fault: 'client',
    });
    sfn.on(DescribeExecutionCommand).rejects(missing);
    sfn.on(DescribeStateMachineForExecutionCommand).rejects(missing);
    sfn.on(GetExecutionHistoryCommand).rejects(missing);
    const response = await call(handler, {
      url: `/console/api/execution?arn=${encodeURIComponent(EXECUTION)}`,
      headers: OPERATOR,
    });
    expect(response.status).toBe(404);
    expect((response.json().error as { code: string }).code).toBe('ExecutionDoesNotExist');
  });

  it('hides unexpected failures behind a plain 502', async () => {
    sfn.on(ListStateMachinesCommand).rejects(new Error('connect ECONNREFUSED 127.0.0.1:8083'));
    const response = await call(handler, { url: '/console/api/machines', headers: OPERATOR });
    expect(response.status).toBe(502);
    expect(response.body).not.toContain('ECONNREFUSED');
  });

  it('redrives and stops, recording which operator stopped the execution', async () => {
    sfn.on(RedriveExecutionCommand).resolves({ redriveDate: new Date('2026-11-20T11:00:00Z') });
    sfn.on(StopExecutionCommand).resolves({ stopDate: new Date('2026-11-20T11:00:00Z') });
    const redrive = await call(handler, {
      method: 'POST',
      url: '/console/api/execution/redrive',
      headers: OPERATOR,
      body: { executionArn: EXECUTION },
    });
    expect(redrive.json()).toEqual({ executionArn: EXECUTION, redriveDate: '2026-11-20T11:00:00.000Z' });
    await call(handler, {
      method: 'POST',
      url: '/console/api/execution/stop',
      headers: OPERATOR,
      body: { executionArn: EXECUTION },
    });
    expect(sfn.commandCalls(StopExecutionCommand)[0]?.args[0].input).toMatchObject({
      executionArn: EXECUTION,
      cause: 'Stopped from the operator console by op-7',
    });
  });

  it('refuses a write with a malformed body before calling Step Functions', async () => {
    const response = await call(handler, {
      method: 'POST',
      url: '/console/api/execution/redrive',
      headers: OPERATOR,
      body: { executionArn: 'arn:aws:iam::123:role/x' },
    });
    expect(response.status).toBe(400);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('answers unknown API routes with 404', async () => {
    expect((await call(handler, { url: '/console/api/start-execution', headers: OPERATOR })).status).toBe(
      404,
    );
    expect(
      (await call(handler, { method: 'DELETE', url: '/console/api/machines', headers: OPERATOR })).status,
    ).toBe(404);
  });
});
