import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMatrixMarkdown } from '#shared/access-control.ts';
import { documentedMatrix, SECURITY_DOC, tableCells } from './security-doc-text.ts';

const INFRA = fileURLToPath(new URL('../../../infra/', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Rule ids (without the `[...]` detail) that infra/ acknowledges anywhere in code. */
function acknowledgedRuleIds(): string[] {
  const ids = new Set<string>();
  for (const file of sourcesUnder(INFRA)) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(AwsSolutions-[A-Z]+\d+|HIPAA\.Security-\w+)/g,
    )) {
      ids.add(match[1]!);
    }
  }
  return [...ids].sort();
}

describe('docs/SECURITY.md', () => {
  it('holds the access-control matrix exactly as the code renders it', () => {
    expect(tableCells(documentedMatrix())).toEqual(tableCells(renderMatrixMarkdown()));
  });

  it('would notice a cell changed in the documented matrix', () => {
    // Give intake the audit trail in the document only: the comparison must see it.
    const tampered = readFileSync(SECURITY_DOC, 'utf8').replace(/(\| `GET \/audit` +\| jwt +\| )—/, '$1yes');
    expect(documentedMatrix(tampered)).not.toBe(documentedMatrix());
    expect(tableCells(documentedMatrix(tampered))).not.toEqual(tableCells(renderMatrixMarkdown()));
  });

  it('reviews every cdk-nag finding that infra/ acknowledges', () => {
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    const ids = acknowledgedRuleIds();
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !doc.includes(`\`${id}`))).toEqual([]);
  });

  it('states the threat model, the keys and what an operator can and cannot see', () => {
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    for (const heading of [
      '## Threat model',
      '## Access-control matrix',
      '## Encryption: which key protects what',
      '## What an operator can and cannot see',
      '## cdk-nag: acknowledged findings and why',
    ]) {
      expect(doc).toContain(heading);
    }
  });
});
