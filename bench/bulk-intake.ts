/**
 * Bulk intake end to end on the local runtime: a partner CSV (default 10,000 rows, 1 in 27 invalid)
 * sent through POST /uploads and its presigned POST, to the results report (check, Distributed Map
 * over the rows, one POST /households registration and intake workflow per valid row, report).
 * In the same run, the same rows written straight into DynamoDB Local with BatchWriteItem (25 per
 * call, sequential): what the table alone can absorb. Prints rows per second of each and the ratio.
 * `npx tsx bench/bulk-intake.ts [--rows 10000] [--quick]` (`--quick`: 500 rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readBeneficiaryCsv } from '../functions/domain/bulk/read-beneficiary-csv.ts';
import { startLocalCloud } from '../local/cloud/start-local-cloud.ts';
import { beneficiaryListCsv } from '../test/fixtures/domain/beneficiary-csv.ts';
import { bulkApi } from '../test/integration/bulk-intake/bulk-api.ts';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : args.includes('--quick') ? 500 : 10_000;
const invalid = Math.round(rows / 27);

const rootDir = new URL('../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'bench-bulk-'));
const cloud = await startLocalCloud({
  rootDir,
  dataDir,
  ports: { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 },
  log: () => undefined,
});
const app = {
  endpoints: cloud.endpoints,
  dataDir,
  assemblyDir: join(rootDir, 'cdk.out'),
  startupMs: cloud.startupMs,
  tableNames: cloud.model.tables.map((table) => table.tableName),
  bucketNames: cloud.model.buckets.map((bucket) => bucket.bucketName),
  stateMachineArns: cloud.model.stateMachines.map((machine) => machine.arn),
  functionNames: cloud.model.functions.map((fn) => fn.functionName),
};

try {
  const { csv } = beneficiaryListCsv(rows, invalid, { site: `BENCH-${Date.now().toString(36)}` });
  const bytes = new TextEncoder().encode(csv);
  const api = bulkApi(app);

  const started = performance.now();
  const upload = await api.upload('FeDe', 'bench.csv', bytes);
  const { last } = await api.finished(upload.uploadId, 'FeDe', 6 * 60 * 60_000);
  const bulkSeconds = (performance.now() - started) / 1000;
  if (last.status !== 'COMPLETED') throw new Error(`upload ended ${last.status}`);

  // Raw: the same rows as items, straight into a fresh table of the same DynamoDB Local.
  const dynamodb = new DynamoDBClient({
    endpoint: cloud.endpoints.dynamodb,
    region: cloud.endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const table = `bench-raw-${Date.now()}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
    }),
  );
  const items = readBeneficiaryCsv(bytes).rows.map((row) => ({
    pk: `ROW#${row.rowNumber}`,
    sk: 'RAW',
    ...row.values,
  }));
  const rawStarted = performance.now();
  for (let start = 0; start < items.length; start += 25) {
    let requests = items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } }));
    while (requests.length > 0) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  const bulkRate = rows / bulkSeconds;
  const rawRate = rows / rawSeconds;
  console.log(`rows: ${rows} (${invalid} invalid): ${last.registered} registered, ${last.invalid} invalid`);
  console.log(`bulk intake end to end: ${bulkSeconds.toFixed(1)} s, ${bulkRate.toFixed(1)} rows/s`);
  console.log(`raw BatchWriteItem: ${rawSeconds.toFixed(2)} s, ${rawRate.toFixed(0)} rows/s`);
  console.log(`ratio raw / bulk: ${(rawRate / bulkRate).toFixed(0)}x`);
} finally {
  await cloud.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
