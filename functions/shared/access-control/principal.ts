/** Staff roles, one Cognito group each (claim `cognito:groups`). */
export const ROLES = ['intake', 'caseworker', 'supervisor', 'partner', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: identifiers only, taken from a verified token or a shared secret. */
export interface Principal {
  /** Stable subject id (`sub`), or the service name for shared-secret callers. */
  subject: string;
  roles: readonly Role[];
  /** Partner organisation (claim `custom:partnerId`), for partner staff. */
  partnerId?: string;
  /** Extra grants beyond the role: Cognito groups that are not roles, e.g. `gbv-consent-override`. */
  permissions: readonly string[];
  via: 'jwt' | 'shared-secret' | 'anonymous';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The caller of a public route. */
export const ANONYMOUS: Principal = { subject: 'anonymous', roles: [], permissions: [], via: 'anonymous' };
