import type { Resolver } from '../assembly/intrinsics.ts';
import { type FoundResource, resourcesOfType } from './resources.ts';

export interface JwtAuthorizerModel {
  name: string;
  /** The issuer as the template has it (a Cognito user pool URL); the local cloud maps it to its own issuer. */
  issuer: string;
  audiences: string[];
  /** e.g. `$request.header.Authorization`. */
  identitySource: string;
}

export interface RouteModel {
  routeKey: string;
  /** `ANY`, `GET`, … or `$default` for the catch-all route. */
  method: string;
  /** Path template, e.g. `/households/{id}` or `/files/{proxy+}`; empty for `$default`. */
  path: string;
  /** The ARN of the Lambda function behind the route, if its integration is a Lambda proxy. */
  functionArn?: string;
  payloadFormatVersion: string;
  authorizer?: JwtAuthorizerModel;
  /** The scopes the route requires (any one of them). */
  scopes: string[];
  /** Authorizer types the local cloud does not run (e.g. `CUSTOM`); such routes answer 500. */
  unsupportedAuthorization?: string;
}

export interface CorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge?: number;
}

export interface HttpApiModel {
  logicalId: string;
  stackName: string;
  apiId: string;
  name: string;
  /** The first path segment requests carry when the API has only a named stage (no `$default`). */
  stagePrefix: string;
  routes: RouteModel[];
  cors?: CorsModel;
  /** The stage's default route throttling (`DefaultRouteSettings`): requests per second and burst. */
  throttling?: { rateLimit: number; burstLimit: number };
}

function byApi(resolver: Resolver, type: string, apiId: string): FoundResource[] {
  return resourcesOfType(resolver, type).filter((found) => found.prop('ApiId') === apiId);
}

/** HTTP APIs (API Gateway v2, protocol HTTP): routes, Lambda proxy integrations, JWT authorizers, CORS. */
export function deriveHttpApis(resolver: Resolver): HttpApiModel[] {
  return resourcesOfType(resolver, 'AWS::ApiGatewayV2::Api')
    .filter((found) => (found.prop<string>('ProtocolType') ?? 'HTTP') === 'HTTP')
    .map((found) => {
      const apiId = resolver.identity(found.stackName, found.logicalId).ref;
      const integrations = new Map(
        byApi(resolver, 'AWS::ApiGatewayV2::Integration', apiId).map((i) => [
          resolver.identity(i.stackName, i.logicalId).ref,
          i,
        ]),
      );
      const authorizers = new Map(
        byApi(resolver, 'AWS::ApiGatewayV2::Authorizer', apiId).map((a) => [
          resolver.identity(a.stackName, a.logicalId).ref,
          a,
        ]),
      );
      const routes = byApi(resolver, 'AWS::ApiGatewayV2::Route', apiId).map((r): RouteModel => {
        const routeKey = r.prop<string>('RouteKey') ?? '$default';
        const [method, path] = routeKey === '$default' ? ['$default', ''] : routeKey.split(' ', 2);
        const route: RouteModel = {
          routeKey,
          method: method!,
          path: path ?? '/',
          payloadFormatVersion: '2.0',
          scopes: r.prop<string[]>('AuthorizationScopes') ?? [],
        };
        const target = r.prop<string>('Target');
        const integration = target ? integrations.get(target.replace(/^integrations\//, '')) : undefined;
        if (integration?.prop('IntegrationType') === 'AWS_PROXY') {
          route.functionArn = integration.prop<string>('IntegrationUri')!;
          route.payloadFormatVersion = integration.prop<string>('PayloadFormatVersion') ?? '2.0';
        }
        const authorizationType = r.prop<string>('AuthorizationType') ?? 'NONE';
        if (authorizationType === 'JWT') {
          const authorizer = authorizers.get(r.prop<string>('AuthorizerId') ?? '');
          const jwt = authorizer?.prop<{ Issuer: string; Audience?: string[] }>('JwtConfiguration');
          if (authorizer && jwt) {
            route.authorizer = {
              name: authorizer.prop<string>('Name') ?? authorizer.logicalId,
              issuer: jwt.Issuer,
              audiences: jwt.Audience ?? [],
              identitySource:
                authorizer.prop<string[]>('IdentitySource')?.[0] ?? '$request.header.Authorization',
            };
          }
        } else if (authorizationType !== 'NONE') route.unsupportedAuthorization = authorizationType;
        return route;
      });
      const stageResources = byApi(resolver, 'AWS::ApiGatewayV2::Stage', apiId);
      const stages = stageResources.map((s) => s.prop<string>('StageName'));
      const defaults = stageResources[0]?.prop<{
        ThrottlingRateLimit?: number;
        ThrottlingBurstLimit?: number;
      }>('DefaultRouteSettings');
      const model: HttpApiModel = {
        logicalId: found.logicalId,
        stackName: found.stackName,
        apiId,
        name: found.prop<string>('Name') ?? found.logicalId,
        stagePrefix: stages.length > 0 && !stages.includes('$default') ? `/${stages[0]}` : '',
        routes,
      };
      if (defaults?.ThrottlingRateLimit !== undefined && defaults.ThrottlingBurstLimit !== undefined) {
        model.throttling = {
          rateLimit: Number(defaults.ThrottlingRateLimit),
          burstLimit: Number(defaults.ThrottlingBurstLimit),
        };
      }
      const cors = found.prop<Record<string, unknown>>('CorsConfiguration');
      if (cors) {
        model.cors = {
          allowOrigins: (cors.AllowOrigins as string[]) ?? [],
          allowMethods: (cors.AllowMethods as string[]) ?? [],
          allowHeaders: (cors.AllowHeaders as string[]) ?? [],
          exposeHeaders: (cors.ExposeHeaders as string[]) ?? [],
          allowCredentials: cors.AllowCredentials === true,
          ...(cors.MaxAge !== undefined ? { maxAge: Number(cors.MaxAge) } : {}),
        };
      }
      return model;
    });
}
