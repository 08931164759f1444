/** Access control: the route × role × ownership matrix and the checks handlers use. */
export {
  admit,
  authorize,
  isAllowed,
  type ListScope,
  listScope,
  rulesFor,
} from './access-control/authorize.ts';
export {
  ACCESS_MATRIX,
  ROUTE_KEYS,
  type RouteAccess,
  type RouteAuth,
  type RouteKey,
  routeAccess,
} from './access-control/matrix.ts';
export { ANONYMOUS, isRole, type Principal, ROLES, type Role } from './access-control/principal.ts';
export { renderMatrixMarkdown } from './access-control/render-markdown.ts';
export { assignedCaseworker, ownPartner, type ResourceOwners, type Rule } from './access-control/rules.ts';
