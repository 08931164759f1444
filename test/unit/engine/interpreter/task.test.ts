import { describe, expect, it } from 'vitest';
import type { TaskRequest } from '#engine/contract.ts';
import { resourceNames } from '#engine/interpreter/states/task.ts';
import { execute, sequentialUuids } from './run-helper.ts';

describe('Task', () => {
  it('runs the resource with evaluated Parameters, then ResultSelector, ResultPath and OutputPath', async () => {
    const requests: TaskRequest[] = [];
    const definition = {
      StartAt: 'Check eligibility',
      States: {
        'Check eligibility': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'eligibility', 'Payload.$': '$.household' },
          ResultSelector: { 'decision.$': '$.Payload.decision' },
          ResultPath: '$.eligibility',
          OutputPath: '$.eligibility',
          TimeoutSeconds: 30,
          End: true,
        },
      },
    };
    const { result } = await execute(
      definition,
      { household: { id: 'h-1' } },
      {
        tasks: {
          'arn:aws:states:::lambda:invoke': (request) => {
            requests.push(request);
            return { ok: true, output: { StatusCode: 200, Payload: { decision: 'ELIGIBLE' } } };
          },
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { decision: 'ELIGIBLE' } });
    expect(requests[0]).toMatchObject({
      resource: 'arn:aws:states:::lambda:invoke',
      parameters: { FunctionName: 'eligibility', Payload: { id: 'h-1' } },
      timeoutSeconds: 30,
      stateName: 'Check eligibility',
    });
  });

  it('records TaskScheduled, TaskStarted and TaskSucceeded with AWS detail fields', async () => {
    const definition = {
      StartAt: 'Save',
      States: {
        Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', HeartbeatSeconds: 5, End: true },
      },
    };
    const { effects } = await execute(
      definition,
      { a: 1 },
      {
        tasks: { '*': () => ({ ok: true, output: { ok: 1 } }) },
      },
    );
    expect(effects.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(effects.events[2]!.details).toEqual({
      taskScheduledEventDetails: {
        resourceType: 'dynamodb',
        resource: 'putItem',
        region: 'eu-west-1',
        parameters: '{"a":1}',
        heartbeatInSeconds: 5,
      },
    });
    expect(effects.events.map((e) => e.key)).toContain('/Save#1/scheduled');
  });

  it('records LambdaFunction events for a bare function ARN and TaskTimedOut-style failures', async () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:notify';
    const definition = { StartAt: 'Notify', States: { Notify: { Type: 'Task', Resource: arn, End: true } } };
    const { result, effects } = await execute(
      definition,
      {},
      {
        tasks: { [arn]: () => ({ ok: false, error: 'States.Timeout', cause: 'too slow' }) },
      },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'States.Timeout', cause: 'too slow' });
    expect(effects.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'ExecutionFailed',
    ]);
  });

  it('issues the task token before evaluating Parameters of a .waitForTaskToken task', async () => {
    const requests: TaskRequest[] = [];
    const definition = {
      StartAt: 'Wait for review',
      States: {
        'Wait for review': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 3600,
          HeartbeatSeconds: 600,
          End: true,
        },
      },
    };
    const { result } = await execute(
      definition,
      {},
      {
        uuid: sequentialUuids(),
        tasks: {
          'arn:aws:states:::lambda:invoke.waitForTaskToken': (request) => {
            requests.push(request);
            return { ok: true, output: { approved: true } };
          },
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { approved: true } });
    const token = (requests[0]!.context['Task'] as { Token: string }).Token;
    expect(token).toMatch(/^00000000-/);
    expect(requests[0]!.parameters).toEqual({ FunctionName: 'notify', Payload: { token } });
    expect(requests[0]).toMatchObject({ timeoutSeconds: 3600, heartbeatSeconds: 600 });
  });

  it("gives each attempt's request the context of that attempt, however late it is read", async () => {
    const requests: TaskRequest[] = [];
    const definition = {
      StartAt: 'Save',
      States: {
        Save: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1 }],
          End: true,
        },
      },
    };
    const execution = { Id: 'arn:aws:states:eu-west-1:123456789012:execution:unit:run-1', Name: 'run-1' };
    const { result } = await execute(
      definition,
      { a: 1 },
      {
        tasks: {
          '*': (request) => {
            requests.push(request);
            return requests.length === 1 ? { ok: false, error: 'Busy' } : { ok: true, output: {} };
          },
        },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    const contexts = requests.map((request) => JSON.parse(JSON.stringify(request.context)));
    expect(contexts.map((context) => context.State)).toEqual([
      { Name: 'Save', EnteredTime: expect.any(String), RetryCount: 0 },
      { Name: 'Save', EnteredTime: expect.any(String), RetryCount: 1 },
    ]);
    expect(contexts[0]).toMatchObject({ Execution: execution, StateMachine: { Name: 'unit' } });
    expect(requests[0]!.context).toBe(requests[0]!.context);
  });

  it('evaluates Arguments, Output and Assign in JSONata with $states.result', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Reserve kits',
      States: {
        'Reserve kits': {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:updateItem',
          Arguments: { TableName: 'stock', Key: { pk: '{% "KIT#" & $states.input.kit %}' } },
          Assign: { reserved: '{% $states.result.Attributes.count %}' },
          Output: '{% { "kit": $states.input.kit, "left": $states.result.Attributes.count } %}',
          Next: 'Report',
        },
        Report: {
          Type: 'Pass',
          Output: '{% $merge([$states.input, { "reserved": $reserved }]) %}',
          End: true,
        },
      },
    };
    const seen: unknown[] = [];
    const { result } = await execute(
      definition,
      { kit: 'hygiene' },
      {
        tasks: {
          '*': (request) => {
            seen.push(request.parameters);
            return { ok: true, output: { Attributes: { count: 41 } } };
          },
        },
      },
    );
    expect(seen).toEqual([{ TableName: 'stock', Key: { pk: 'KIT#hygiene' } }]);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { kit: 'hygiene', left: 41, reserved: 41 } });
  });

  it('fails with States.DataLimitExceeded, whatever the Catch, when its arguments pass 256 KiB', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { Payload: "{% $pad('', 300000, 'x') %}" },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    };
    const { result } = await execute(definition, {}, { tasks: { '*': () => ({ ok: true, output: {} }) } });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('names resources as the history does', () => {
    expect(resourceNames('arn:aws:states:::lambda:invoke.waitForTaskToken')).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      lambda: false,
    });
    expect(resourceNames('arn:aws:states:::states:startExecution.sync:2')).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution.sync:2',
    });
  });
});
