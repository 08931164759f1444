import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  type HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

// One JSON line per request, identifiers only: no source IP, user agent or path parameters,
// which could identify a beneficiary or a survivor's location.
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userSub: '$context.authorizer.claims.sub',
};

export interface CaseworkApiProps {
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** Key for the access-log group. */
  readonly logsKey?: IKey;
}

export interface RouteOptions {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: IFunction;
  /** Public routes skip the JWT authorizer; every other route requires a valid token. */
  readonly public: boolean;
  /** Why a public route needs no token: the reason of its nag acknowledgment. */
  readonly publicBecause?: string;
}

/**
 * The HTTP API: a JWT authorizer on the user pool is the default for every route, and the
 * `$default` stage writes access logs and is throttled.
 *
 * The authorizer is declared as its own resource rather than through HttpUserPoolAuthorizer,
 * which CDK only creates once a protected route exists: the local runtime reads issuer and
 * audience from it, whatever the route table holds.
 */
export class CaseworkApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly authorizer: HttpAuthorizer;

  constructor(scope: Construct, id: string, props: CaseworkApiProps) {
    super(scope, id);
    const jwt: IHttpRouteAuthorizer = {
      bind: () => ({ authorizationType: 'JWT', authorizerId: this.authorizer.authorizerId }),
    };
    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Casework API',
      createDefaultStage: false,
      defaultAuthorizer: jwt,
    });
    this.authorizer = new HttpAuthorizer(this, 'JwtAuthorizer', {
      httpApi: this.api,
      authorizerName: 'cognito-jwt',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${Aws.REGION}.amazonaws.com/${props.userPool.userPoolId}`,
      jwtAudience: [props.userPoolClient.userPoolClientId],
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
      ...(props.logsKey ? { encryptionKey: props.logsKey } : {}),
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  addRoute(id: string, options: RouteOptions): HttpRoute[] {
    const routes = this.api.addRoutes({
      path: options.path,
      methods: [options.method],
      integration: new HttpLambdaIntegration(`${id}Integration`, options.handler),
      ...(options.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
    });
    if (options.public) {
      if (!options.publicBecause) {
        throw new Error(`${options.method} ${options.path} is public: say why in its publicBecause`);
      }
      for (const route of routes) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${options.method} ${options.path} is public by design (infra/routes.ts): ${options.publicBecause}`,
        });
      }
    }
    return routes;
  }
}
