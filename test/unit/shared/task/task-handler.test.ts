import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { captureLogs, fakeContext } from '../fakes.ts';

const input = z.strictObject({ householdId: z.string().regex(/^H\d+$/), round: z.int() });

async function failureOf(run: () => Promise<unknown>): Promise<Error> {
  const logs = captureLogs();
  try {
    await run();
  } catch (error) {
    return error as Error;
  } finally {
    logs.restore();
  }
  throw new Error('expected the task to fail');
}

describe('taskHandler', () => {
  it('hands the validated state input to the core', async () => {
    const task = taskHandler({ name: 'test.echo', input, core: async (value) => ({ ...value, seen: true }) });
    expect(await task({ householdId: 'H1', round: 2 }, fakeContext())).toEqual({
      householdId: 'H1',
      round: 2,
      seen: true,
    });
  });

  it('reports a malformed input by field path only', async () => {
    const task = taskHandler({ name: 'test.echo', input, core: async () => 'unreachable' });
    const error = await failureOf(() => task({ householdId: 'Aminata Traoré', round: 'x' }, fakeContext()));
    expect(error.name).toBe('InvalidTaskInputError');
    expect(error.message).toContain('householdId,round');
    expect(error.message).not.toContain('Aminata');
  });

  it('keeps the original error name for Retry and Catch, and drops its message', async () => {
    const task = taskHandler({
      name: 'test.reserve',
      input,
      core: async () => {
        throw new ConditionalCheckFailedException({ message: 'Item {familyName: Traoré}', $metadata: {} });
      },
    });
    const error = await failureOf(() => task({ householdId: 'H1', round: 1 }, fakeContext()));
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('Task failed (request lambda-req-1)');
  });

  it('shows an application error by code and identifier parameters', async () => {
    const task = taskHandler({
      name: 'test.load',
      input,
      core: async (value) => {
        throw new NotFoundError({ entityType: 'household', entityId: value.householdId });
      },
    });
    const error = await failureOf(() => task({ householdId: 'H9', round: 1 }, fakeContext()));
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('NOT_FOUND entityType=household entityId=H9 (request lambda-req-1)');
  });
});
