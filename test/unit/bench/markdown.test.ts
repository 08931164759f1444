import { describe, expect, it } from 'vitest';
import { kilobytes, renderSection, renderTable } from '../../../bench/lib/markdown.ts';

describe('renderTable', () => {
  it('right-aligns numeric columns and shows missing values as a dash', () => {
    const text = renderTable({
      title: 't',
      headers: ['function', 'KB', 'ratio'],
      rows: [
        ['a', 12.5, null],
        ['b', 3, 1.2],
      ],
    });
    expect(text.split('\n')).toEqual([
      '| function | KB | ratio |',
      '| --- | ---: | ---: |',
      '| a | 12.5 | – |',
      '| b | 3 | 1.2 |',
    ]);
  });

  it('escapes pipes so a cell cannot break the table', () => {
    expect(renderTable({ title: 't', headers: ['x'], rows: [['a|b']] })).toContain('| a\\|b |');
  });

  it('puts the title above and the notes below', () => {
    const text = renderSection({ title: 'Cold start', headers: ['x'], rows: [[1]], notes: ['median of 7'] });
    expect(text.startsWith('### Cold start\n\n| x |')).toBe(true);
    expect(text.endsWith('\n\n- median of 7')).toBe(true);
  });

  it('formats bytes as KB with one decimal', () => {
    expect(kilobytes(512 * 1024)).toBe(512);
    expect(kilobytes(1536 + 51)).toBe(1.5);
  });
});
