import * as z from 'zod';
import { closureProblems } from '#domain/gbv/closure.ts';
import { closureProblemMessage } from '#domain/gbv/messages.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { caseKey } from '../adapters/protection/keys.ts';
import { closureRequestSchema } from '../schemas/closure.ts';
import { idSchema } from '../schemas/common.ts';
import { gbvSettings } from './gbv-config.ts';
import { gbvDeps } from './gbv-deps.ts';
import { ClosureRefusedError, StepNotAwaitedError } from './gbv-errors.ts';
import { loadOpenCase } from './load-case.ts';

const PENDING = new Set(['IN_PROGRESS', 'ACCEPTED', 'RETURNED']);

/**
 * POST /gbv/cases/{caseId}/closure-request (assigned caseworker): asks a supervisor to close the
 * case, with a reason. Accepted while the workflow is in its follow-up phase; 202.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/closure-request',
  path: z.strictObject({ caseId: idSchema }),
  body: closureRequestSchema,
  successStatus: 202,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    const waiting = record.waiting;
    if (record.status !== 'OPEN' || waiting?.step !== 'FOLLOW_UP')
      throw new StepNotAwaitedError({
        entityType: 'gbv-case',
        entityId: record.caseId,
        step: 'closure-request',
      });
    const now = clock.now();
    const referrals = await store.referralsOf(record.caseId);
    const problems = closureProblems(
      { reason: body.reason },
      {
        lastContactAt: new Date(record.lastContactAt),
        pendingReferrals: referrals.filter((r) => PENDING.has(r.status)).length,
      },
      now,
      gbvSettings(),
    );
    const [first] = problems;
    if (first)
      throw new ClosureRefusedError({
        caseId: record.caseId,
        problems,
        message: { fr: closureProblemMessage(first, 'fr'), en: closureProblemMessage(first, 'en') },
      });
    await store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          expect: { status: 'OPEN' },
          set: {
            status: 'CLOSURE_REQUESTED',
            waiting: null,
            closure: {
              reason: body.reason,
              requestedAt: now.toISOString(),
              requestedBy: context.principal.subject,
              ...(body.note ? { note: body.note } : {}),
            },
          },
        },
      ],
      [
        {
          ...context.actor,
          action: 'gbv-case.closure-request',
          entityType: 'gbv-case',
          entityId: record.caseId,
        },
      ],
    );
    await callbacks.succeed(waiting.taskToken, { kind: 'CLOSURE_REQUESTED' });
    return { caseId: record.caseId, status: 'CLOSURE_REQUESTED' };
  },
});
