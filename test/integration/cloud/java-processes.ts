import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How many DynamoDB Local JVMs serve this data directory (a runtime killed or stopped must leave none). */
export function dynamoDbLocalsUsing(dir: string): Promise<number> {
  return run('ps', ['-eo', 'args']).then(
    ({ stdout }) =>
      stdout.split('\n').filter((line) => line.startsWith('java') && line.includes(`-dbPath ${dir}/dynamodb`))
        .length,
  );
}
