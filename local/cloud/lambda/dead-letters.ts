import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaErrorPayload } from './lambda-errors.ts';
import type { LambdaRunner } from './lambda-runner.ts';

/**
 * Where asynchronous events that failed every attempt go locally: one JSON line per event in
 * `<dir>/<function name>.jsonl` (on AWS, the function's dead-letter queue or nowhere). Events
 * here are S3 notifications: identifiers only, no personal data.
 */
export function deadLetterFile(dir: string, runner: LambdaRunner, log: (message: string) => void) {
  return (functionArn: string, event: unknown, error: LambdaErrorPayload): void => {
    const fn = runner.find(functionArn);
    const name = fn?.functionName ?? 'unknown-function';
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.jsonl`);
    appendFileSync(
      file,
      `${JSON.stringify({ time: new Date().toISOString(), functionName: name, queue: fn?.deadLetterTargetArn ?? null, errorType: error.errorType, errorMessage: error.errorMessage, event })}\n`,
    );
    log(`event for ${name} failed every attempt; kept in ${file}`);
  };
}
