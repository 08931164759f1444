import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ttlEndpoint } from '../../../../local/cloud/dynamodb/ttl-endpoint.ts';
import type { TtlSweep } from '../../../../local/cloud/dynamodb/ttl-sweeper.ts';

/** Calls the handler as the API server would, with the request and response it reads and writes. */
async function call(sweep: () => Promise<TtlSweep[]>, method: string, url: string) {
  const answer = { status: 0, body: undefined as unknown };
  const res = {
    writeHead: (status: number) => {
      answer.status = status;
    },
    end: (text: string) => {
      answer.body = JSON.parse(text);
    },
  } as unknown as ServerResponse;
  await ttlEndpoint(sweep)({ method, url } as IncomingMessage, res);
  return answer;
}

describe('POST /_local/ttl/sweep', () => {
  it('sweeps now and answers what each table lost', async () => {
    let sweeps = 0;
    const sweep = async () => {
      sweeps += 1;
      return [{ tableName: 'protection', deleted: 2 }];
    };
    expect(await call(sweep, 'POST', '/_local/ttl/sweep')).toEqual({
      status: 200,
      body: { swept: [{ tableName: 'protection', deleted: 2 }] },
    });
    expect(sweeps).toBe(1);
  });

  it('refuses other methods and paths without sweeping', async () => {
    let sweeps = 0;
    const sweep = async () => {
      sweeps += 1;
      return [];
    };
    expect((await call(sweep, 'GET', '/_local/ttl/sweep')).status).toBe(405);
    expect((await call(sweep, 'POST', '/_local/ttl/other')).status).toBe(404);
    expect(sweeps).toBe(0);
  });

  it('answers 500 with the error name only when the sweep fails', async () => {
    const sweep = async (): Promise<TtlSweep[]> => {
      throw Object.assign(new Error('connection refused to 127.0.0.1:8000'), { name: 'TimeoutError' });
    };
    expect(await call(sweep, 'POST', '/_local/ttl/sweep')).toEqual({
      status: 500,
      body: { message: 'TTL sweep failed: TimeoutError' },
    });
  });
});
