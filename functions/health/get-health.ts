import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** Release of the deployed code; infra sets it from package.json. */
const version = process.env.APP_VERSION ?? 'unknown';

/** Liveness probe: public, touches nothing, says which version answers. */
export async function handler(): Promise<APIGatewayProxyResultV2> {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ status: 'ok', version }),
  };
}
