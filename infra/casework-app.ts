import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { DataStack } from './data-stack.ts';
import { enforceNag } from './nag.ts';
import { REPO_ROOT } from './paths.ts';
import type { RouteSpec } from './routes.ts';
import { ServiceStack } from './service-stack.ts';
import type { WorkflowSpec } from './workflows.ts';

/** Stack names; the local runtime finds templates in cdk.out by them. */
export const DATA_STACK_NAME = 'CaseworkData';
export const SERVICE_STACK_NAME = 'CaseworkService';

export interface CaseworkApp {
  readonly app: App;
  readonly data: DataStack;
  readonly service: ServiceStack;
}

/** Feature flags from cdk.json, so in-process synthesis (tests) behaves as `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface CaseworkAppOptions extends AppProps {
  /** Replaces infra/routes.ts (tests). */
  readonly routes?: readonly RouteSpec[];
  /** Replaces infra/workflows.ts (tests). */
  readonly workflows?: readonly WorkflowSpec[];
}

/** The whole application, checked by cdk-nag. Used by `infra/app.ts` and by the infra tests. */
export function createCaseworkApp(options: CaseworkAppOptions = {}): CaseworkApp {
  const { routes, workflows, ...props } = options;
  const app = new App({ ...props, context: { ...cdkJsonContext(), ...props.context } });
  const env = {
    ...(process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT } : {}),
    ...(process.env.CDK_DEFAULT_REGION ? { region: process.env.CDK_DEFAULT_REGION } : {}),
  };
  const data = new DataStack(app, DATA_STACK_NAME, {
    env,
    description: 'Casework data: keys, tables, buckets',
  });
  const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
  const retention = app.node.tryGetContext('gbvRetentionDays') as string | number | undefined;
  const service = new ServiceStack(app, SERVICE_STACK_NAME, {
    env,
    data,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(retention === undefined ? {} : { gbvRetentionDays: Number(retention) }),
    ...(routes ? { routes } : {}),
    ...(workflows ? { workflows } : {}),
    description: 'Casework service: API, identities, functions, workflows',
  });
  enforceNag(app);
  return { app, data, service };
}
