import type { RouteModel } from './model/http-apis.ts';
import type { LocalCloud } from './start-local-cloud.ts';

/** A request someone can paste, path parameters filled in; a route behind the authorizer shows the token step too. */
function exampleRequest(cloud: LocalCloud, dataDirFlag: string): string[] {
  const api = cloud.model.httpApis[0];
  const routes = api?.routes.filter((r) => r.method !== '$default') ?? [];
  const preferences = [
    (r: RouteModel) => r.method === 'GET' && r.authorizer !== undefined && !r.path.includes('{'),
    (r: RouteModel) => r.method === 'GET' && r.authorizer !== undefined,
    (r: RouteModel) => r.method === 'GET',
    () => true,
  ];
  const route = preferences.map((preferred) => routes.find(preferred)).find((r) => r !== undefined);
  if (!route || !api) return ['  (no HTTP API routes in the template)'];
  const path = `${api.stagePrefix}${route.path}`.replace(/\{[^}]+\}/g, 'example');
  const method = route.method === 'ANY' ? 'GET' : route.method;
  const role = cloud.model.userPools[0]?.groups[0] ?? 'caseworker';
  const lines: string[] = [];
  if (route.authorizer) lines.push(`  TOKEN=$(npm run -s token -- --role ${role}${dataDirFlag})`);
  lines.push(
    `  curl -s -X ${method} ${route.authorizer ? '-H "Authorization: Bearer $TOKEN" ' : ''}${cloud.endpoints.api}${path}`,
  );
  return lines;
}

export function banner(cloud: LocalCloud, dataDir: string, dataDirFlag = ''): string {
  const { endpoints, model } = cloud;
  const routes = model.httpApis.flatMap((api) =>
    api.routes.map((r) => `    ${r.routeKey}${r.authorizer ? '  (JWT)' : ''}`),
  );
  return [
    '',
    `Local cloud ready in ${(cloud.startupMs / 1000).toFixed(1)} s${cloud.synthesized ? ' (including cdk synth)' : ' (cdk.out reused)'}`,
    ...(cloud.staleAssembly
      ? [
          '',
          '  WARNING: cdk synth failed, so this runs the PREVIOUS cdk.out; your latest infra/functions/workflows changes are not live.',
        ]
      : []),
    '',
    `  HTTP API        ${endpoints.api}`,
    `  Console         ${endpoints.console}`,
    `  Identity (JWKS) ${endpoints.identity}/.well-known/jwks.json`,
    `  DynamoDB        ${endpoints.dynamodb}   ${model.tables.length} tables: ${model.tables.map((t) => t.tableName).join(', ')}`,
    `  S3              ${endpoints.s3}   ${model.buckets.length} buckets: ${model.buckets.map((b) => b.bucketName).join(', ')}`,
    `  Step Functions  ${endpoints.stepfunctions}   ${model.stateMachines.length} state machines: ${model.stateMachines.map((m) => m.name).join(', ')}`,
    `  Lambda          ${endpoints.lambda}/2015-03-31/functions/<name>/invocations   ${model.functions.length} functions (worker threads, warm after first call)`,
    '',
    '  Routes:',
    ...routes,
    '',
    '  Try:',
    ...exampleRequest(cloud, dataDirFlag),
    '',
    `  AWS CLI / SDK:  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${endpoints.region} \\`,
    `                  aws --endpoint-url ${endpoints.stepfunctions} stepfunctions list-state-machines`,
    '',
    `  Data: ${dataDir} (tables, objects, executions, identity keys; \`npm run reset\` clears it)`,
    `  Endpoints: ${dataDir}/endpoints.json      Ctrl-C stops everything.`,
    '',
  ].join('\n');
}
