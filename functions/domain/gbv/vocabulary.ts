/** The six GBVIMS core incident types; anything else is case context, not a type. */
export const INCIDENT_TYPES = [
  'RAPE',
  'SEXUAL_ASSAULT',
  'PHYSICAL_ASSAULT',
  'FORCED_MARRIAGE',
  'DENIAL_OF_RESOURCES',
  'PSYCHOLOGICAL_ABUSE',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const RISK_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Service types of Primero's referral model. */
export const SERVICE_TYPES = [
  'HEALTH',
  'PSYCHOSOCIAL',
  'SAFETY',
  'LEGAL',
  'PROTECTION',
  'LIVELIHOODS',
  'OTHER',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Closure reasons of the GBV case management guidelines. */
export const CLOSURE_REASONS = [
  'NEEDS_MET',
  'NO_CONTACT',
  'SURVIVOR_REQUEST',
  'MOVED',
  'TRANSFERRED',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Progress towards one goal of the case action plan, as recorded at a follow-up. */
export const GOAL_PROGRESS = ['NOT_STARTED', 'IN_PROGRESS', 'ACHIEVED', 'NOT_APPLICABLE'] as const;
export type GoalProgress = (typeof GOAL_PROGRESS)[number];
