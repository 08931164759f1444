import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblyIsFresh } from '../../../../local/cloud/assembly/synth.ts';

describe('assemblyIsFresh', () => {
  it('reuses cdk.out only while its manifest is newer than every source', () => {
    const root = mkdtempSync(join(tmpdir(), 'synth-test-'));
    mkdirSync(join(root, 'infra'));
    mkdirSync(join(root, 'cdk.out'));
    writeFileSync(join(root, 'infra', 'app.ts'), '');
    expect(assemblyIsFresh(root, join(root, 'cdk.out'))).toBe(false);
    writeFileSync(join(root, 'cdk.out', 'manifest.json'), '{}');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'infra', 'app.ts'), past, past);
    utimesSync(join(root, 'infra'), past, past);
    expect(assemblyIsFresh(root, join(root, 'cdk.out'))).toBe(true);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'infra', 'app.ts'), future, future);
    expect(assemblyIsFresh(root, join(root, 'cdk.out'))).toBe(false);
  });
});
