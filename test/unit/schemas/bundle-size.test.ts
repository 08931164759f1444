import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('edge validation bundle', () => {
  it('stays small: schemas, validate and formatIssues bundle without zod’s other locales', async () => {
    const result = await build({
      stdin: {
        contents: [
          "import { householdCommandSchema } from './functions/schemas/household.ts';",
          "import { validate } from './functions/schemas/validate.ts';",
          "import { formatIssues } from './functions/schemas/format-issues.ts';",
          'export const check = (body) => { const r = validate(householdCommandSchema, body); return r.success || formatIssues(r.error, "fr"); };',
        ].join('\n'),
        resolveDir: new URL('../../../', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    // `import { z } from 'zod'` or `z.locales` would pull in every locale (≈ 450 KB).
    expect(code.length).toBeLessThan(150_000);
    expect(code).toContain('Champ obligatoire');
    expect(code).not.toContain('Ungültige Eingabe');
  });
});
