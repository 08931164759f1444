import { describe, expect, it } from 'vitest';
import { renderProgressBar } from '../../../local/ops/progress-bar.ts';
import { formatTable } from '../../../local/ops/table.ts';

describe('formatTable', () => {
  it('aligns columns under a header rule and clips long cells', () => {
    const text = formatTable(
      [
        { header: 'NAME', value: (row: { name: string; cause: string }) => row.name },
        { header: 'CAUSE', value: (row) => row.cause, maxWidth: 10 },
      ],
      [
        { name: 'alloc-1', cause: 'short' },
        { name: 'a', cause: 'a cause that\nspans lines' },
      ],
    );
    expect(text.split('\n')).toEqual([
      'NAME     CAUSE',
      '-------  ----------',
      'alloc-1  short',
      'a        a cause t…',
    ]);
  });
});

describe('renderProgressBar', () => {
  it('fills in proportion and shows the count', () => {
    expect(renderProgressBar(0, 4, 8)).toBe('[--------] 0/4');
    expect(renderProgressBar(2, 4, 8)).toBe('[####----] 2/4');
    expect(renderProgressBar(5, 4, 8)).toBe('[########] 5/4');
    expect(renderProgressBar(12, 12, 4)).toBe('[####] 12/12');
  });
});
