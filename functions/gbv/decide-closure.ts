import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { caseKey } from '../adapters/protection/keys.ts';
import { closureDecisionSchema } from '../schemas/closure.ts';
import { idSchema } from '../schemas/common.ts';
import { gbvDeps } from './gbv-deps.ts';
import { StepNotAwaitedError } from './gbv-errors.ts';
import { loadOpenCase } from './load-case.ts';

/**
 * POST /gbv/cases/{caseId}/closure-decision (supervisor): approves the closure (the workflow then
 * closes the case) or rejects it with a note (the case goes back to follow-ups).
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/closure-decision',
  path: z.strictObject({ caseId: idSchema }),
  body: closureDecisionSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    const waiting = record.waiting;
    if (record.status !== 'CLOSURE_REQUESTED' || waiting?.step !== 'CLOSURE_DECISION' || !record.closure)
      throw new StepNotAwaitedError({
        entityType: 'gbv-case',
        entityId: record.caseId,
        step: 'closure-decision',
      });
    const approved = body.decision === 'APPROVE';
    await store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          expect: { status: 'CLOSURE_REQUESTED' },
          set: {
            waiting: null,
            ...(approved ? {} : { status: 'OPEN' }),
            closure: {
              ...record.closure,
              decision: body.decision,
              decidedAt: clock.now().toISOString(),
              decidedBy: context.principal.subject,
            },
            ...(body.note ? { closureDecisionNote: body.note } : {}),
          },
        },
      ],
      [
        {
          ...context.actor,
          action: approved ? 'gbv-case.closure-approve' : 'gbv-case.closure-reject',
          entityType: 'gbv-case',
          entityId: record.caseId,
        },
      ],
    );
    await callbacks.succeed(waiting.taskToken, { decision: body.decision });
    return { caseId: record.caseId, decision: body.decision };
  },
});
