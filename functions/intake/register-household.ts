import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { householdCommandSchemaWith } from '../schemas/household.ts';
import { pcodeLookup } from './pcode-source.ts';
import { registerHousehold } from './registration.ts';
import { registrationDeps } from './registration-deps.ts';

/**
 * POST /households: validates the form (P-codes against the current table), stores the household
 * and starts its intake workflow; 202 `{ householdId, status, executionArn }`. A retry with the
 * same Idempotency-Key gets the first answer and creates nothing.
 */
export const handler = httpHandler({
  route: 'POST /households',
  body: householdCommandSchemaWith(pcodeLookup),
  successStatus: 202,
  idempotency: { runOnce, header: 'Idempotency-Key' },
  core: async ({ body }, context) =>
    registerHousehold(registrationDeps(), {
      command: body,
      source: { channel: 'api' },
      actor: context.actor,
    }),
});
