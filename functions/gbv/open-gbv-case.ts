import { cryptoRandom } from '#domain/ports/random.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { gbvCaseCommandSchema } from '../schemas/gbv-case.ts';
import { gbvDeps } from './gbv-deps.ts';
import { openCase } from './open-case.ts';
import { startReferralWorkflow } from './start-referral-workflow.ts';

/**
 * POST /gbv/cases (caseworker): 201 `{ caseId, survivorCode }`. The survivor code is generated
 * here; identifying details stay in the protection table. A retry with the same Idempotency-Key
 * gets the first answer.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases',
  body: gbvCaseCommandSchema,
  successStatus: 201,
  idempotency: { runOnce, header: 'Idempotency-Key' },
  core: async ({ body }, context) =>
    openCase(
      { ...gbvDeps(), random: cryptoRandom, startWorkflow: startReferralWorkflow },
      body,
      context.actor,
    ),
});
