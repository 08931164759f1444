import * as z from 'zod';
import { closureDecisionSchema, closureRequestSchema } from '../closure.ts';
import { consentOverrideSchema, consentWithdrawalSchema } from '../consent-change.ts';
import { followUpSchema } from '../follow-up.ts';
import { gbvCaseCommandSchema } from '../gbv-case.ts';
import { referralCompletionSchema, referralResponseSchema } from '../referral-response.ts';
import { acknowledgedSchema, genericObjectSchema } from '../responses.ts';
import type { RouteSpec } from './route-spec.ts';

/** GBV cases, referrals, follow-ups, closure, consent and statistics (issue 7). */
export const GBV_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/gbv/cases',
    operationId: 'openGbvCase',
    summary: 'Open a GBV case (survivor code generated)',
    roles: ['caseworker'],
    body: gbvCaseCommandSchema,
    successStatus: 201,
    response: z.object({ caseId: z.string(), survivorCode: z.string() }).meta({ id: 'GbvCaseOpened' }),
    idempotencyKey: true,
  },
  {
    method: 'get',
    path: '/gbv/cases/{caseId}',
    operationId: 'getGbvCase',
    summary: 'A case (assigned caseworker and supervisors only)',
    roles: ['caseworker', 'supervisor'],
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'post',
    path: '/gbv/referrals/{referralId}/response',
    operationId: 'respondToReferral',
    summary: 'Accept or decline a referral (receiving partner only)',
    roles: ['partner'],
    body: referralResponseSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/referrals/{referralId}/completion',
    operationId: 'completeReferral',
    summary: 'Record the service as implemented',
    roles: ['partner'],
    body: referralCompletionSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/follow-ups',
    operationId: 'recordFollowUp',
    summary: 'Record a follow-up visit',
    roles: ['caseworker'],
    body: followUpSchema,
    successStatus: 201,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/closure',
    operationId: 'requestClosure',
    summary: 'Ask a supervisor to close the case',
    roles: ['caseworker'],
    body: closureRequestSchema,
    successStatus: 202,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/closure/decision',
    operationId: 'decideClosure',
    summary: 'Approve or reject a closure request',
    roles: ['supervisor'],
    body: closureDecisionSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/consent/withdrawal',
    operationId: 'withdrawConsent',
    summary: 'Withdraw consent; pending referrals it covers are revoked',
    roles: ['caseworker'],
    body: consentWithdrawalSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/consent/override',
    operationId: 'overrideConsent',
    summary: 'Refer without consent (supervisor with override permission; audited)',
    roles: ['supervisor'],
    body: consentOverrideSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'get',
    path: '/gbv/stats',
    operationId: 'getGbvStatistics',
    summary: 'Counts by incident type, month, commune and service; small counts suppressed',
    roles: ['supervisor'],
    query: z.object({ from: z.string().optional(), to: z.string().optional() }),
    successStatus: 200,
    response: genericObjectSchema,
  },
];
