import { SendTaskSuccessCommand, type SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conditionFailed, HOUSEHOLD_ID } from '../adapters/registry-fixtures.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import './handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler } from '../../../functions/reviews/decide-review.ts';

vi.mock('../../../config/pcodes.csv', async () => ({
  default: (await import('./handler-setup.ts')).pcodesCsv(),
}));

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient as SFNClient);
const REVIEW_ID = `${HOUSEHOLD_ID}-eligibility`;
const pending = {
  reviewId: REVIEW_ID,
  householdId: HOUSEHOLD_ID,
  kind: 'eligibility',
  status: 'PENDING',
  taskToken: 'tok-1',
};

const decide = (
  body: unknown,
  claims: Record<string, unknown> = claimsFor(['supervisor']),
  reviewId = REVIEW_ID,
) =>
  handler(
    fakeEvent({
      routeKey: 'POST /reviews/{reviewId}/decision',
      claims: claims as never,
      path: { reviewId },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
const json = (result: { body?: string }) => JSON.parse(String(result.body));

beforeEach(() => {
  dynamo.on(GetCommand).resolves({ Item: pending });
  dynamo.on(UpdateCommand).resolves({ Attributes: { ...pending, status: 'DECIDED', decision: 'ELIGIBLE' } });
  dynamo.on(TransactWriteCommand).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

describe('POST /reviews/{reviewId}/decision', () => {
  it('records the decision and sends it to the waiting workflow step', async () => {
    const result = await decide({ decision: 'ELIGIBLE', note: 'visited the household' });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      reviewId: REVIEW_ID,
      status: 'DECIDED',
      decision: 'ELIGIBLE',
      workflowResumed: true,
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      ConditionExpression: '#status = :pending',
      ExpressionAttributeValues: expect.objectContaining({
        ':decision': 'ELIGIBLE',
        ':by': 'user-1',
        ':note': 'visited the household',
      }),
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'tok-1',
      output: JSON.stringify({ decision: 'ELIGIBLE' }),
    });
  });

  it('still answers when the step moved on: the next wait reads the decision from the review', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));
    const result = await decide({ decision: 'ELIGIBLE' });
    expect(result.statusCode).toBe(200);
    expect(json(result).workflowResumed).toBe(false);
  });

  it('refuses a second decision with 409 and does not touch the workflow', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed({ ...pending, status: 'DECIDED' }));
    const result = await decide({ decision: 'ELIGIBLE' });
    expect(result.statusCode).toBe(409);
    expect(json(result).error.code).toBe('REVIEW_ALREADY_DECIDED');
    expect(sfn.calls()).toHaveLength(0);
  });

  it('refuses a decision on an expired review with 409', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed({ ...pending, status: 'EXPIRED' }));
    expect(json(await decide({ decision: 'ELIGIBLE' })).error.code).toBe('TASK_NO_LONGER_PENDING');
  });

  it('refuses a decision that does not answer this kind of review, and a refusal without a note', async () => {
    const wrongKind = await decide({ decision: 'DUPLICATE', note: 'same' });
    expect(wrongKind.statusCode).toBe(400);
    expect(json(wrongKind).error.code).toBe('DECISION_DOES_NOT_FIT_REVIEW');
    const noNote = await decide({ decision: 'INELIGIBLE' });
    expect(noNote.statusCode).toBe(400);
    expect(json(noNote).error.fields[0].path).toBe('note');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('answers 404 for an unknown review and 403 for non-supervisors', async () => {
    dynamo.on(GetCommand).resolves({});
    expect((await decide({ decision: 'ELIGIBLE' })).statusCode).toBe(404);
    expect((await decide({ decision: 'ELIGIBLE' }, claimsFor(['supervisor']), 'nonsense')).statusCode).toBe(
      404,
    );
    expect((await decide({ decision: 'ELIGIBLE' }, claimsFor(['intake']))).statusCode).toBe(403);
  });
});
