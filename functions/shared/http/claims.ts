import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { isRole, type Principal, type Role } from '../access-control/principal.ts';
import { UnauthorizedError } from '../errors/http-errors.ts';

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * Reads a multi-valued claim in every shape it arrives in: an array (a local authorizer that
 * keeps JSON types), a JSON array string, or the HTTP API authorizer's flattened form
 * `[intake supervisor]`, or a comma/space separated string.
 */
export function claimList(value: ClaimValue): string[] {
  if (value === undefined || typeof value === 'number' || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String).filter(Boolean);
    } catch {
      // Not JSON: the authorizer's `[a b]` form, handled below.
    }
    return splitWords(text.slice(1, -1));
  }
  return splitWords(text);
}

function splitWords(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function claimString(value: ClaimValue): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

/**
 * The caller of a JWT route. The authorizer has already verified signature, issuer, audience
 * and expiry; a request that still has no subject is refused (401). Groups that are not roles
 * are permissions (e.g. `gbv-consent-override`).
 */
export function principalFromClaims(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  const claims: Record<string, ClaimValue> = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const subject = claimString(claims['sub']) ?? claimString(claims['username']);
  if (subject === undefined) throw new UnauthorizedError();
  const groups = [...new Set(claimList(claims['cognito:groups']))];
  const roles = groups.filter(isRole) as Role[];
  const partnerId = claimString(claims['custom:partnerId']);
  return {
    subject,
    roles,
    ...(partnerId === undefined ? {} : { partnerId }),
    // Extra grants are groups too, never custom attributes: a user may be allowed to edit their
    // own attributes, while group membership is set by an administrator only.
    permissions: groups.filter((group) => !isRole(group)),
    via: 'jwt',
  };
}
