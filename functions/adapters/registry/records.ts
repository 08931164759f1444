import type { Household } from '#domain/household/household.ts';
import type { EligibilityDecision } from '#domain/targeting/decide-eligibility.ts';
import type { ReviewKind } from './keys.ts';

/** Where a household is in intake; see docs/DATA-MODEL.md. */
export type HouseholdStatus =
  | 'RECEIVED'
  | 'REGISTERED'
  | 'PENDING_REVIEW'
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'DUPLICATE'
  | 'REVIEW_EXPIRED'
  | 'FAILED';

/** How the registration reached us; a Kobo submission keeps its `_uuid` for idempotency. */
export type HouseholdSource =
  | { channel: 'api' }
  | { channel: 'kobo'; submissionUuid: string; submittedAt?: string | undefined };

/** What deduplication concluded, kept so that a retried step answers the same. */
export interface DedupeResult {
  outcome: 'UNIQUE' | 'DUPLICATE' | 'NEAR_MATCH';
  /** The original (exact repeat) or the possible duplicate (near match). */
  matchHouseholdId?: string | undefined;
}

/** The household profile item. The only item that holds personal data. */
export interface HouseholdRecord extends Household {
  householdId: string;
  status: HouseholdStatus;
  source: HouseholdSource;
  consent: { dataProcessing: true; recordedAt: string };
  /** Subject (`sub`) of the staff member who registered it, and their partner organisation. */
  registeredBy: string;
  partnerId?: string | undefined;
  createdAt: string;
  updatedAt: string;
  fingerprint?: string | undefined;
  dedupe?: DedupeResult | undefined;
  duplicateOf?: string | undefined;
  /** Outcome code and rule-set version of the latest decision, for lists. */
  eligibility?: { outcome: string; ruleSetVersion: string } | undefined;
  /**
   * Written when a workflow execution about the household failed (its status-change event): the
   * state and the error name, never a message, and the execution a redrive would finish.
   */
  failure?: { error: string; state?: string; at: string; executionArn?: string } | undefined;
}

/** A stored eligibility decision: the rules' or a supervisor's. */
export interface DecisionRecord extends EligibilityDecision {
  householdId: string;
  decidedAt: string;
  decidedBy: 'rules' | 'supervisor';
  reviewId?: string | undefined;
}

export type ReviewStatus = 'PENDING' | 'DECIDED' | 'EXPIRED';
/** A supervisor's ruling, which is also where the workflow goes next (schemas/review-decision.ts). */
export type ReviewDecision = 'ELIGIBLE' | 'INELIGIBLE' | 'DUPLICATE' | 'NOT_DUPLICATE';

export interface ReviewRecord {
  reviewId: string;
  householdId: string;
  kind: ReviewKind;
  status: ReviewStatus;
  /** Sites are not personal data; supervisors filter by them. */
  site: string;
  createdAt: string;
  updatedAt: string;
  /** The token of the workflow step waiting for this review. Never returned by the API. */
  taskToken?: string | undefined;
  candidateHouseholdId?: string | undefined;
  reasons?: EligibilityDecision['reasons'] | undefined;
  reminderCount?: number | undefined;
  remindedAt?: string | undefined;
  escalatedAt?: string | undefined;
  decision?: ReviewDecision | undefined;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  note?: string | undefined;
}

/** Allocations are written by kit dispatch; intake only shows them. */
export type AllocationRecord = Record<string, unknown> & { sk: string };

/** A page of a list and the opaque cursor of the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}
