import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, roleArn, startLocalStepFunctions } from './sfn-client.ts';

const passDefinition = (result: unknown) =>
  JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: 'Done',
    States: { Done: { Type: 'Pass', Output: result, End: true } },
  });

describe('Step Functions API: state machines', () => {
  let local: Awaited<ReturnType<typeof startLocalStepFunctions>>;
  beforeAll(async () => {
    local = await startLocalStepFunctions();
  });
  afterAll(() => local.stop());

  it('creates, describes, updates with a published version, and deletes a state machine', async () => {
    const created = await local.sfn.send(
      new CreateStateMachineCommand({
        name: 'intake',
        definition: passDefinition(1),
        roleArn,
        tags: [{ key: 'team', value: 'field' }],
      }),
    );
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:intake');
    expect(created.creationDate).toBeInstanceOf(Date);
    const described = await local.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(described).toMatchObject({
      name: 'intake',
      type: 'STANDARD',
      status: 'ACTIVE',
      roleArn,
      definition: passDefinition(1),
    });

    const again = await local.sfn.send(
      new CreateStateMachineCommand({ name: 'intake', definition: passDefinition(1), roleArn }),
    );
    expect(again.stateMachineArn).toBe(created.stateMachineArn);
    const conflict = await rejection(
      local.sfn.send(
        new CreateStateMachineCommand({ name: 'intake', definition: passDefinition(2), roleArn }),
      ),
    );
    expect(conflict.name).toBe('StateMachineAlreadyExists');

    const updated = await local.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: created.stateMachineArn,
        definition: passDefinition(2),
        publish: true,
      }),
    );
    expect(updated.stateMachineVersionArn).toBe(`${created.stateMachineArn}:1`);
    const version = await local.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: updated.stateMachineVersionArn }),
    );
    expect(version.definition).toBe(passDefinition(2));

    const tags = await local.sfn.send(
      new ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }),
    );
    expect(tags.tags).toEqual([{ key: 'team', value: 'field' }]);
    await local.sfn.send(
      new TagResourceCommand({
        resourceArn: created.stateMachineArn,
        tags: [{ key: 'env', value: 'local' }],
      }),
    );
    expect(
      (await local.sfn.send(new ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }))).tags,
    ).toHaveLength(2);

    await local.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    const gone = await rejection(
      local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    );
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });

  it('lists state machines page by page', async () => {
    for (const name of ['list-a', 'list-b', 'list-c', 'list-d', 'list-e'])
      await local.sfn.send(
        new CreateStateMachineCommand({ name, definition: passDefinition(name), roleArn }),
      );
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await local.sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      names.push(...page.stateMachines!.map((machine) => machine.name!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    expect(names.filter((name) => name.startsWith('list-'))).toEqual([
      'list-a',
      'list-b',
      'list-c',
      'list-d',
      'list-e',
    ]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const badToken = await rejection(local.sfn.send(new ListStateMachinesCommand({ nextToken: 'not-ours' })));
    expect(badToken.name).toBe('InvalidToken');
  });

  it('validates definitions and refuses invalid ones and names with AWS error names', async () => {
    const ok = await local.sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: passDefinition(1) }),
    );
    expect(ok.result).toBe('OK');
    const broken = JSON.stringify({
      StartAt: 'Missing',
      States: { Only: { Type: 'Pass', Next: 'Nowhere' } },
    });
    const failed = await local.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: broken }));
    expect(failed.result).toBe('FAIL');
    expect(failed.diagnostics!.map((diagnostic) => diagnostic.code)).toContain('MISSING_TRANSITION_TARGET');
    const invalid = await rejection(
      local.sfn.send(new CreateStateMachineCommand({ name: 'broken', definition: broken, roleArn })),
    );
    expect(invalid.name).toBe('InvalidDefinition');
    const notJson = await rejection(
      local.sfn.send(new CreateStateMachineCommand({ name: 'json', definition: '{', roleArn })),
    );
    expect(notJson.name).toBe('InvalidDefinition');
    const badName = await rejection(
      local.sfn.send(
        new CreateStateMachineCommand({ name: 'has space', definition: passDefinition(1), roleArn }),
      ),
    );
    expect(badName.name).toBe('InvalidName');
    const badArn = await rejection(
      local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })),
    );
    expect(badArn.name).toBe('InvalidArn');
  });

  it('answers the AWS JSON 1.0 protocol: errors as { __type, message } with status 400', async () => {
    const call = (target: string, body: string) =>
      fetch(local.server.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': target,
          Authorization: 'AWS4-HMAC-SHA256 Credential=anything/20260101/us-east-1/states/aws4_request',
        },
        body,
      });
    const unknown = await call('AWSStepFunctions.DoSomethingElse', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const malformed = await call('AWSStepFunctions.ListStateMachines', '{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ __type: 'ValidationException' });
    const missing = await call('AWSStepFunctions.DescribeStateMachine', '{}');
    expect(await missing.json()).toMatchObject({ __type: 'ValidationException' });
    const listed = await call('AWSStepFunctions.ListStateMachines', '');
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const { stateMachines } = (await listed.json()) as { stateMachines: Array<{ creationDate: unknown }> };
    expect(typeof stateMachines[0]!.creationDate).toBe('number');
  });
});
