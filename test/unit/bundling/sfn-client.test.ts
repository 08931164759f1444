import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ExecutionAlreadyExists,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '../../../infra/constructs/bundling/sfn-client.ts';
import { credentials, fakeFetch } from './fake-fetch.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('small Step Functions client', () => {
  it('starts an execution over the JSON protocol, dates as Date', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_SFN', 'http://127.0.0.1:8083');
    const { fetch, requests } = fakeFetch([
      { status: 200, body: JSON.stringify({ executionArn: 'arn:exec', startDate: 1_795_000_000.123 }) },
    ]);
    const input = { stateMachineArn: 'arn:sm', name: 'H1', input: '{"householdId":"H1"}' };
    const output = await new SFNClient({ region: 'eu-west-1', credentials, fetch }).send(
      new StartExecutionCommand(input),
    );
    expect(requests[0]!.url).toBe('http://127.0.0.1:8083/');
    expect(requests[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.StartExecution');
    expect(requests[0]!.headers['authorization']).toContain('/eu-west-1/states/aws4_request');
    expect(JSON.parse(requests[0]!.body)).toEqual(input);
    expect(output).toMatchObject({ executionArn: 'arn:exec', startDate: new Date(1_795_000_000_123) });
  });

  it('throws ExecutionAlreadyExists as the class the functions check', async () => {
    const { fetch } = fakeFetch([
      {
        status: 400,
        body: JSON.stringify({ __type: 'ExecutionAlreadyExists', message: 'Execution Already Exists' }),
      },
    ]);
    const error = await new SFNClient({ region: 'eu-west-1', credentials, fetch })
      .send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'H1' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutionAlreadyExists);
    expect(error).toMatchObject({ name: 'ExecutionAlreadyExists', message: 'Execution Already Exists' });
  });

  it('sends a task token back', async () => {
    const { fetch, requests } = fakeFetch([{ status: 200, body: '{}' }]);
    await new SFNClient({ region: 'eu-west-1', credentials, fetch }).send(
      new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }),
    );
    expect(requests[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
  });
});
