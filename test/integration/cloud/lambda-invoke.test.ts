import { describe, expect, inject, it } from 'vitest';

const cloud = inject('fixtureCloud');
const invokeUrl = (name: string) => `${cloud.endpoints.lambda}/2015-03-31/functions/${name}/invocations`;
const echo = 'FixtureService-Echo11F3FB29';

describe('Lambda Invoke API', () => {
  it('invokes a function by name or ARN and answers its payload', async () => {
    for (const name of [echo, `arn:aws:lambda:us-east-1:123456789012:function:${echo}`]) {
      const response = await fetch(invokeUrl(encodeURIComponent(name)), {
        method: 'POST',
        body: JSON.stringify({ direct: true }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-amz-executed-version')).toBe('$LATEST');
      const result = await response.json();
      expect(JSON.parse(result.body).event).toEqual({ direct: true });
    }
  });

  it('answers a function error with X-Amz-Function-Error and the error document', async () => {
    const response = await fetch(invokeUrl(echo), {
      method: 'POST',
      body: JSON.stringify({ fail: 'Household.Invalid' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({
      errorType: 'Household.Invalid',
      errorMessage: 'asked to fail: Household.Invalid',
    });
  });

  it('accepts Event and DryRun invocations, and refuses unknown functions as Lambda does', async () => {
    const event = await fetch(invokeUrl(echo), {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: '{}',
    });
    expect(event.status).toBe(202);
    const dryRun = await fetch(invokeUrl(echo), {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'DryRun' },
      body: '{}',
    });
    expect(dryRun.status).toBe(204);
    const missing = await fetch(invokeUrl('nope'), { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});
