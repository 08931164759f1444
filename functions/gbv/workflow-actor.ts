import type { AuditActor } from '#shared/audit/audit-event.ts';

/** Who acts when the gbv-referral workflow itself writes (audit records of task Lambdas). */
export const workflowActor = (requestId: string): AuditActor => ({
  actor: 'workflow:gbv-referral',
  roles: ['workflow'],
  requestId,
});
