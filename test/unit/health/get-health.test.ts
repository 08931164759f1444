import { afterEach, describe, expect, it, vi } from 'vitest';

describe('get-health', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('answers 200 with status ok and the deployed version', async () => {
    vi.stubEnv('APP_VERSION', '1.2.3');
    const { handler } = await import('../../../functions/health/get-health.ts');
    const response = await handler();
    expect(response).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse((response as { body: string }).body)).toEqual({ status: 'ok', version: '1.2.3' });
  });

  it('says the version is unknown rather than failing when none is set', async () => {
    vi.stubEnv('APP_VERSION', undefined);
    const { handler } = await import('../../../functions/health/get-health.ts');
    const response = (await handler()) as { body: string };
    expect(JSON.parse(response.body).version).toBe('unknown');
  });
});
