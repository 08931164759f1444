import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** What `.local/endpoints.json` holds: where each local service listens. */
export interface LocalEndpoints {
  api: string;
  dynamodb: string;
  s3: string;
  stepfunctions: string;
  console: string;
  identity: string;
  /** Lambda's Invoke API (on the HTTP API port). */
  lambda: string;
  /** The region and account the local cloud pretends to be in. */
  region: string;
  account: string;
}

/** Written only once every service is ready, so scripts can wait for the file to appear. */
export function writeEndpoints(path: string, endpoints: LocalEndpoints): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(endpoints, null, 2));
  // A rename is atomic: a reader never sees half a file.
  renameSync(`${path}.tmp`, path);
}

export function removeEndpoints(path: string): void {
  rmSync(path, { force: true });
}

export function readEndpoints(path: string): LocalEndpoints | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LocalEndpoints) : undefined;
}
