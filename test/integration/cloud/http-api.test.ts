import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { readIssuers } from '../../../local/cloud/identity/issuers.ts';
import { cloudClients, eventually, tokenFor } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const { dynamodb, s3, sfn } = cloudClients(cloud.endpoints);
const api = cloud.endpoints.api;

async function get(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${api}${path}`, { ...init, headers });
}

describe('HTTP API stand-in', () => {
  it('invokes the route function with a payload format 2.0 event carrying the JWT claims', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker', partnerId: 'p-17', username: 'amina' });
    const response = await get('/items/abc%20d?b=2&a=1&a=3', token, {
      headers: { 'X-Custom': 'Yes', cookie: 'c1=v1; c2=v2' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo')).toBe('yes');
    const { event, context, env } = await response.json();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/abc%20d',
      rawQueryString: 'b=2&a=1&a=3',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { id: 'abc d' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        http: { method: 'GET', path: '/items/abc d', sourceIp: '127.0.0.1' },
        routeKey: 'GET /items/{id}',
        stage: '$default',
      },
    });
    expect(event.headers['x-custom']).toBe('Yes');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toEqual(expect.any(String));
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    const claims = event.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({
      'cognito:groups': '[caseworker]',
      'custom:partnerId': 'p-17',
      'cognito:username': 'amina',
      token_use: 'id',
    });
    expect(claims.exp).toMatch(/^\d+$/);
    expect(context).toMatchObject({
      functionName: 'FixtureService-Echo11F3FB29',
      memoryLimitInMB: '256',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:FixtureService-Echo11F3FB29',
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.remainingMs).toBeGreaterThan(8000);
    expect(context.remainingMs).toBeLessThanOrEqual(10_000);
    expect(env).toEqual({
      ITEMS_TABLE: 'FixtureData-Items5C12978B',
      UPLOADS_BUCKET: 'fixtureservice-uploads4f6eb0fd',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'FixtureService-Echo11F3FB29',
    });
  });

  it('lets function code reach DynamoDB and S3 through the standard endpoint variables only', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const response = await get('/items/written?write=1', token);
    expect(response.status).toBe(200);
    const item = await dynamodb.send(
      new GetItemCommand({
        TableName: cloud.tableNames[0],
        Key: { pk: { S: 'echo#written' }, sk: { S: 'v1' } },
      }),
    );
    expect(item.Item).toBeDefined();
    const object = await s3.send(
      new GetObjectCommand({ Bucket: cloud.bucketNames[0], Key: 'echo/written.json' }),
    );
    expect(await object.Body!.transformToString()).toBe('{}');
  });

  it('accepts access tokens, whose audience is in client_id', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'operator', tokenUse: 'access' });
    const response = await get('/items/x', token);
    expect(response.status).toBe(200);
    const { event } = await response.json();
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  it('answers 401 without a token, with a forged one, an expired one, or another audience', async () => {
    const issuer = readIssuers(`${cloud.dataDir}/identity`)![0]!;
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const kid = (await exportJWK(publicKey)).kid;
    const forged = await new SignJWT({ 'cognito:groups': ['operator'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.clientIds[0]!)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const expired = await tokenFor(cloud.dataDir, {
      role: 'caseworker',
      now: Math.floor(Date.now() / 1000) - 7200,
    });
    const otherAudience = await tokenFor(cloud.dataDir, { role: 'caseworker', clientId: 'someone-else' });
    for (const token of [undefined, forged, expired, otherAudience, 'not-a-jwt']) {
      const response = await get('/items/x', token);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
  });

  it('matches greedy path parameters and refuses unknown routes with 404', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const response = await get('/files/a/b/c.csv', token, {
      method: 'PUT',
      body: 'x,y',
      headers: { 'content-type': 'text/csv' },
    });
    const { event } = await response.json();
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c.csv' });
    expect(event.body).toBe('x,y');
    expect((await get('/nowhere', token)).status).toBe(404);
  });

  it('base64-encodes binary bodies and refuses bodies over 10 MB with 413', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const binary = await get('/items/bin', token, {
      method: 'POST',
      body: new Uint8Array([0, 1, 2, 255]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    const { event } = await binary.json();
    expect(event).toMatchObject({
      isBase64Encoded: true,
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    });
    const tooLarge = await get('/items/big', token, {
      method: 'POST',
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(tooLarge.status).toBe(413);
  });

  it('enforces a function timeout: the invocation fails as a timed-out one and answers 500', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const started = Date.now();
    const response = await get('/slow?ms=6000', token);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(4500);
    // The timed-out sandbox was recycled; the function still serves the next call.
    const quick = await get('/slow?ms=10', token);
    expect(await quick.json()).toEqual({ slept: 10 });
  });

  it('runs a workflow started by a function (SDK → Step Functions) that calls a function (engine → Lambda)', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const response = await get('/executions', token, {
      method: 'POST',
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(200);
    const { executionArn } = await response.json();
    const done = await eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ table: 'FixtureData-Items5C12978B', statusCode: 200 });
  });
});
