/** Staff roles, one Cognito group each; tokens carry them in the `cognito:groups` claim. */
export const ROLES = ['intake', 'caseworker', 'supervisor', 'partner', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Custom user attribute naming a partner user's organisation; the token claim is `custom:partnerId`. */
export const PARTNER_ID_ATTRIBUTE = 'partnerId';

/** Cognito groups that grant one extra permission on top of a role (see functions/shared/access-control). */
export const PERMISSION_GROUPS = ['gbv-consent-override'] as const;
