import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSfnTarget } from '../../../local/ops/sfn-client.ts';

function withEndpointsFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-'));
  mkdirSync(join(dir, '.local'));
  writeFileSync(join(dir, '.local', 'endpoints.json'), JSON.stringify(content));
  return dir;
}

describe('resolveSfnTarget', () => {
  it('prefers --endpoint, then AWS_ENDPOINT_URL_SFN, then the local runtime file', () => {
    const cwd = withEndpointsFile({ sfn: 'http://127.0.0.1:8083' });
    const env = { AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9999' };
    expect(resolveSfnTarget({ flag: 'http://flag:1', env, cwd })).toEqual({
      endpoint: 'http://flag:1',
      source: 'flag',
    });
    expect(resolveSfnTarget({ env, cwd })).toEqual({ endpoint: 'http://127.0.0.1:9999', source: 'env' });
    expect(resolveSfnTarget({ env: {}, cwd })).toEqual({
      endpoint: 'http://127.0.0.1:8083',
      source: 'endpoints-file',
    });
  });

  it('reads nested endpoint entries of the endpoints file', () => {
    const cwd = withEndpointsFile({ stepfunctions: { endpoint: 'http://127.0.0.1:8084' } });
    expect(resolveSfnTarget({ env: {}, cwd }).endpoint).toBe('http://127.0.0.1:8084');
  });

  it('falls back to AWS and its standard endpoint resolution', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ops-'));
    expect(resolveSfnTarget({ env: {}, cwd })).toEqual({ source: 'aws' });
  });
});
