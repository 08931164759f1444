import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { logger } from '#shared/observability/logger.ts';
import { claimsFor, fakeContext, fakeEvent } from '../fakes.ts';

beforeAll(() => logger.setLogLevel('CRITICAL'));

let writes = 0;
const register = httpHandler({
  route: 'POST /households',
  body: z.strictObject({
    site: z.string().max(20),
    members: z.strictObject({ total: z.int().min(1).max(50) }),
  }),
  bodyLimitBytes: 4096,
  successStatus: 202,
  core: async () => {
    writes += 1;
    return { householdId: 'H1' };
  },
});

const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.constantFrom('=cmd|/C calc!A0', '__proto__', '\u0000', '\ud800'),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'site', 'members')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

const body = fc.oneof(
  fc.string({ maxLength: 6000 }),
  hostileValue.map((value) => JSON.stringify(value) ?? ''),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('httpHandler against hostile input', () => {
  it('answers every random body with a 4xx and never calls the core', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/json', 'text/plain', ''),
        async (text, contentType) => {
          writes = 0;
          const result = await register(
            fakeEvent({
              routeKey: 'POST /households',
              claims: claimsFor(['intake']),
              headers: contentType ? { 'content-type': contentType } : {},
              body: text,
            }),
            fakeContext(),
          );
          expect(result.statusCode).toBeGreaterThanOrEqual(400);
          expect(result.statusCode).toBeLessThan(500);
          expect(writes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
