import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { isPiiKey, piiGuard, safeError } from '#shared/observability/pii-guard.ts';
import { captureLogs } from '../fakes.ts';

describe('piiGuard', () => {
  let logs: ReturnType<typeof captureLogs> | undefined;
  afterEach(() => logs?.restore());

  it('recognises personal keys whatever their casing or separators', () => {
    for (const key of [
      'givenName',
      'family_name',
      'PHONE',
      'phone_number',
      'cognito:username',
      'headOfHousehold',
    ]) {
      expect(isPiiKey(key)).toBe(true);
    }
    for (const key of ['householdId', 'siteId', 'status', 'requestId', 'routeKey'])
      expect(isPiiKey(key)).toBe(false);
  });

  it('keeps names and phones out of a real logger’s output at any depth', () => {
    const logger = new Logger({ serviceName: 'test', logLevel: 'INFO', jsonReplacerFn: piiGuard });
    logs = captureLogs();
    logger.info('registered', {
      householdId: 'H1',
      household: { headOfHousehold: { givenName: 'Aminata', phone: '+22370000000' }, members: { total: 4 } },
      rows: [{ familyName: 'Traoré', rowNumber: 3 }],
      event: { headers: { authorization: 'Bearer eyJ' }, body: '{"givenName":"Aminata"}' },
    });
    const text = logs.text();
    expect(text).not.toMatch(/Aminata|Traoré|22370000000|eyJ/);
    const [entry] = logs.entries();
    expect(entry).toMatchObject({
      householdId: 'H1',
      household: { members: { total: 4 } },
      rows: [{ rowNumber: 3 }],
    });
  });

  it('logs errors by class, code and stack frames, never by message', () => {
    const logger = new Logger({ serviceName: 'test', logLevel: 'INFO', jsonReplacerFn: piiGuard });
    logs = captureLogs();
    const cause = Object.assign(new Error('Item {givenName: Aminata}'), {
      name: 'ConditionalCheckFailedException',
    });
    logger.error('failed', { error: new Error('Unexpected token in "{"familyName":"Traoré"', { cause }) });
    expect(logs.text()).not.toMatch(/Aminata|Traoré/);
    expect(logs.entries()[0]).toMatchObject({
      error: { type: 'Error', cause: { type: 'ConditionalCheckFailedException' } },
    });
  });

  it('reduces an error to identifiers', () => {
    const error = Object.assign(new Error('secret'), { code: 'E_X', status: 503 });
    const safe = safeError(error);
    expect(safe).toMatchObject({ type: 'Error', code: 'E_X', status: 503 });
    expect(JSON.stringify(safe)).not.toContain('secret');
  });

  it('leaves the root of the log item alone', () => {
    const item = { message: 'x' };
    expect(piiGuard('', item)).toBe(item);
  });
});
