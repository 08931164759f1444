import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../functions/domain/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('functions/domain', () => {
  it('imports no AWS SDK, middy, Lambda types, handler plumbing or schemas (hexagonal core)', () => {
    const forbidden =
      /from '(@aws-sdk\/|@aws-lambda-powertools\/|@middy\/|aws-lambda|#shared\/|#infra\/|[./]*\/(shared|schemas|adapters)\/)/;
    const offenders = sourceFiles(root).filter((file) => forbidden.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('has small files, one concept each', () => {
    const long = sourceFiles(root)
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });
});
