import { GBV_ROUTES } from './routes/gbv-routes.ts';
import { INTAKE_ROUTES } from './routes/intake-routes.ts';
import { KIT_DISPATCH_ROUTES } from './routes/kit-dispatch-routes.ts';
import type { RouteSpec } from './routes/route-spec.ts';
import { UPLOAD_ROUTES } from './routes/upload-routes.ts';

export type { Role, RouteSpec } from './routes/route-spec.ts';

/**
 * Routes of issues 5–8, one file per capability under routes/. Other folders extend the API by
 * adding a file there and listing it here (or by passing a longer list to `openApiDocument`).
 */
export const ROUTES: RouteSpec[] = [
  ...INTAKE_ROUTES,
  ...KIT_DISPATCH_ROUTES,
  ...GBV_ROUTES,
  ...UPLOAD_ROUTES,
];
