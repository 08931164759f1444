import type { ConsentOverride, ReferralConsent } from '#domain/gbv/consent.ts';
import type { WithheldService } from '#domain/gbv/plan-referrals.ts';
import type { ResponseTimeframe } from '#domain/gbv/response-timeframe.ts';
import type {
  ClosureReason,
  GoalProgress,
  IncidentType,
  RiskLevel,
  ServiceType,
} from '#domain/gbv/vocabulary.ts';

/** A human step the gbv-referral workflow waits on; its task token is parked on the item. */
export type AwaitedStep =
  | 'PARTNER_RESPONSE'
  | 'REASSIGNMENT'
  | 'IMPLEMENTATION'
  | 'FOLLOW_UP'
  | 'CLOSURE_DECISION';

export interface Waiting {
  step: AwaitedStep;
  taskToken: string;
  since: string;
}

export type CaseStatus = 'OPEN' | 'CLOSURE_REQUESTED' | 'CLOSED';

/** The case file (PROTECTION table, `CASE#<caseId>` / `CASE`). Never leaves the protection roles. */
export interface CaseRecord {
  caseId: string;
  survivorCode: string;
  incidentType: IncidentType;
  incidentDate: string;
  reportedAt: string;
  commune: string;
  riskLevel: RiskLevel;
  servicesNeeded: ServiceType[];
  consents: ReferralConsent[];
  statisticsConsent: boolean;
  overrides: ConsentOverride[];
  assignedCaseworkerId: string;
  status: CaseStatus;
  openedAt: string;
  lastContactAt: string;
  nextFollowUpDueAt: string;
  followUpCount: number;
  /** Set when the due follow-up passed without a visit; cleared by the next visit. */
  overdueFollowUp: { dueAt: string; markedAt: string } | null;
  withheld: WithheldService[];
  urgentHealth: boolean;
  urgentHealthBlocked: boolean;
  /** The last failure of the case's workflow (state and error name, never a message); null once redriven. */
  failure?: CaseFailure | null;
  closure: {
    reason: ClosureReason;
    requestedAt: string;
    requestedBy: string;
    note?: string;
    decision?: 'APPROVE' | 'REJECT';
    decidedAt?: string;
    decidedBy?: string;
  } | null;
  waiting: Waiting | null;
}

/** Details the survivor chose to give (`CASE#<caseId>` / `IDENTITY`). */
export interface IdentityRecord {
  name?: string;
  phone?: string;
  address?: string;
  ageYears?: number;
  notes?: string;
}

/** What a failed gbv-referral execution leaves on its case: the status stays as it was. */
export interface CaseFailure {
  state: string;
  error: string;
  executionArn: string;
  at: string;
}

export type ReferralStatus = 'IN_PROGRESS' | 'ACCEPTED' | 'RETURNED' | 'DONE' | 'REVOKED';

/** One referral (`REFERRAL#<referralId>` / `REFERRAL`, GSI1 `CASE#<caseId>`). */
export interface ReferralRecord {
  referralId: string;
  caseId: string;
  survivorCode: string;
  commune: string;
  service: ServiceType;
  partnerId: string;
  timeframe: ResponseTimeframe;
  urgent: boolean;
  basis: 'CONSENT' | 'SUPERVISOR_OVERRIDE';
  status: ReferralStatus;
  sentAt: string | null;
  dueAt: string | null;
  respondedAt?: string;
  declineReason?: string;
  responseNote?: string;
  returnedBecause?: 'DECLINED' | 'NO_ANSWER';
  /** Partners that declined or did not answer, oldest first. */
  previousPartnerIds: string[];
  implementedAt?: string;
  implementationNote?: string;
  revokedAt?: string;
  waiting: Waiting | null;
}

/** One follow-up visit (`CASE#<caseId>` / `FOLLOWUP#<recordedAt>#<followUpId>`). */
export interface FollowUpRecord {
  followUpId: string;
  caseId: string;
  recordedAt: string;
  recordedBy: string;
  visitDate: string;
  actionTaken: string;
  needsMet: boolean;
  progress: Record<'safety' | 'health' | 'psychosocial' | 'justice', GoalProgress>;
  anotherVisitNeeded: boolean;
  nextVisitDate?: string;
  recommendClosure: boolean;
}
