import type { CaseRecord, ReferralRecord } from '../../../functions/adapters/protection/records.ts';

/** Environment the GBV handlers and tasks read. */
Object.assign(process.env, {
  PROTECTION_TABLE: 'protection-test',
  AUDIT_TABLE: 'audit-test',
  IDEMPOTENCY_TABLE: 'idempotency-test',
  GBV_REFERRAL_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:123456789012:stateMachine:gbv-referral',
  AWS_REGION: 'eu-west-3',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  POWERTOOLS_METRICS_NAMESPACE: 'Casework',
});

export const CASE_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
export const REFERRAL_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2QA1';
export const CASEWORKER_SUB = 'user-1';

export const aCase = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: CASE_ID,
  survivorCode: 'SV-7KMN-QA3CX',
  incidentType: 'PHYSICAL_ASSAULT',
  incidentDate: '2026-11-10',
  reportedAt: '2026-11-20T10:00:00Z',
  commune: 'ML0506',
  riskLevel: 'MEDIUM',
  servicesNeeded: ['PSYCHOSOCIAL', 'HEALTH'],
  consents: [
    { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
    { service: 'HEALTH', partnerId: 'AMSS', granted: false },
  ],
  statisticsConsent: true,
  overrides: [],
  assignedCaseworkerId: CASEWORKER_SUB,
  status: 'OPEN',
  openedAt: '2026-11-20T10:05:00Z',
  lastContactAt: '2026-11-20T10:05:00Z',
  nextFollowUpDueAt: '2026-11-23T10:05:00Z',
  followUpCount: 0,
  overdueFollowUp: null,
  withheld: [],
  urgentHealth: false,
  urgentHealthBlocked: false,
  closure: null,
  waiting: null,
  ...overrides,
});

export const aReferral = (overrides: Partial<ReferralRecord> = {}): ReferralRecord => ({
  referralId: REFERRAL_ID,
  caseId: CASE_ID,
  survivorCode: 'SV-7KMN-QA3CX',
  commune: 'ML0506',
  service: 'PSYCHOSOCIAL',
  partnerId: 'FeDe',
  timeframe: 'P3D',
  urgent: false,
  basis: 'CONSENT',
  status: 'IN_PROGRESS',
  sentAt: '2026-11-20T10:06:00Z',
  dueAt: '2026-11-23T10:06:00Z',
  previousPartnerIds: [],
  waiting: { step: 'PARTNER_RESPONSE', taskToken: 'token-1', since: '2026-11-20T10:06:00Z' },
  ...overrides,
});
