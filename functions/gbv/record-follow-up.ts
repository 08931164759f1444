import { ulid } from 'ulid';
import * as z from 'zod';
import { nextFollowUpDue } from '#domain/gbv/follow-up-schedule.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { caseKey } from '../adapters/protection/keys.ts';
import { followUpItem } from '../adapters/protection/protection-store.ts';
import type { FollowUpRecord } from '../adapters/protection/records.ts';
import { idSchema } from '../schemas/common.ts';
import { followUpSchema } from '../schemas/follow-up.ts';
import { gbvSettings } from './gbv-config.ts';
import { gbvDeps } from './gbv-deps.ts';
import { StepNotAwaitedError } from './gbv-errors.ts';
import { loadOpenCase } from './load-case.ts';

/**
 * POST /gbv/cases/{caseId}/follow-ups (assigned caseworker): records a visit, clears an overdue
 * flag, schedules the next one (risk level, or the planned date if sooner) and completes the
 * workflow's follow-up step when it waits for one.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/follow-ups',
  path: z.strictObject({ caseId: idSchema }),
  body: followUpSchema,
  successStatus: 201,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    if (record.status !== 'OPEN')
      throw new StepNotAwaitedError({ entityType: 'gbv-case', entityId: record.caseId, step: 'follow-up' });
    const now = clock.now();
    const followUp: FollowUpRecord = {
      followUpId: ulid(),
      caseId: record.caseId,
      recordedAt: now.toISOString(),
      recordedBy: context.principal.subject,
      ...body,
    };
    const nextDue = nextFollowUpDue(
      {
        riskLevel: record.riskLevel,
        openedAt: new Date(record.openedAt),
        lastVisitAt: now,
        ...(body.nextVisitDate ? { plannedNextVisit: new Date(`${body.nextVisitDate}T23:59:59Z`) } : {}),
      },
      gbvSettings().followUp,
    );
    const waiting = record.waiting?.step === 'FOLLOW_UP' ? record.waiting : null;
    await store.write(
      [
        { kind: 'put', item: followUpItem(followUp), ifAbsent: true },
        {
          kind: 'update',
          key: caseKey(record.caseId),
          expect: { status: 'OPEN' },
          set: {
            followUpCount: record.followUpCount + 1,
            lastContactAt: now.toISOString(),
            nextFollowUpDueAt: nextDue.toISOString(),
            overdueFollowUp: null,
            ...(waiting ? { waiting: null } : {}),
          },
        },
      ],
      [
        {
          ...context.actor,
          action: 'gbv-case.follow-up',
          entityType: 'gbv-case',
          entityId: record.caseId,
          relatedIds: { followUpId: followUp.followUpId },
        },
      ],
    );
    if (waiting) await callbacks.succeed(waiting.taskToken, { kind: 'FOLLOW_UP' });
    return {
      caseId: record.caseId,
      followUpId: followUp.followUpId,
      nextFollowUpDueAt: nextDue.toISOString(),
    };
  },
});
