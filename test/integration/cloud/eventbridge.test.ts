import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { cloudClients, eventually } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const { s3, sfn } = cloudClients(cloud.endpoints);
const inbox = 'fixtureservice-inboxa8e05dc3';
const stateMachineArn = cloud.stateMachineArns[0]!;

async function executionsFor(key: string) {
  const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
  const described = await Promise.all(
    (executions ?? []).map((e) => sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }))),
  );
  return described.filter((d) => JSON.parse(d.input ?? '{}').detail?.object?.key === key);
}

describe('EventBridge notifications of an EventBridge-enabled bucket', () => {
  it('starts the rule’s state machine once, with the S3 "Object Created" event as input', async () => {
    await s3.send(new PutObjectCommand({ Bucket: inbox, Key: 'in/batch 1.csv', Body: 'a,b\n' }));
    await s3.send(new PutObjectCommand({ Bucket: inbox, Key: 'out/ignored.csv', Body: 'a,b\n' }));
    const [execution] = await eventually(async () => {
      const found = await executionsFor('in/batch 1.csv');
      return found.length > 0 ? found : undefined;
    });
    expect(JSON.parse(execution!.input!)).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      account: '123456789012',
      resources: [`arn:aws:s3:::${inbox}`],
      detail: { bucket: { name: inbox }, object: { key: 'in/batch 1.csv', size: 4 }, reason: 'PutObject' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await executionsFor('in/batch 1.csv')).toHaveLength(1);
    expect(await executionsFor('out/ignored.csv')).toHaveLength(0);
  });
});
