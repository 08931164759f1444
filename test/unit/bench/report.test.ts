import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../bench/report.ts';

const machine = {
  date: '2026-11-26T23:00:00.000Z',
  node: 'v24.21.0',
  platform: 'linux 6',
  cpu: '2 × test cpu',
  memoryGb: 8,
  freeMemoryGb: 4,
  loadAverage: [1, 2, 3],
  commit: 'abc1234',
};

describe('renderReport', () => {
  it('states the machine, the ratio caveat and each bench in order, saying which were not run', () => {
    const text = renderReport(
      machine,
      {
        engine: {
          status: 'ok',
          measuredAt: '2026-11-26T23:01:00.000Z',
          seconds: 7,
          tables: [{ title: 'Engine', headers: ['engine', 'per s'], rows: [['durable', 500]] }],
          data: {},
        },
        bulk: { status: 'not measured', tables: [], data: {} },
      },
      ['bundles', 'engine', 'bulk'],
    );
    expect(text).toContain('Node v24.21.0 · linux 6 · 2 × test cpu');
    expect(text).toContain('**Read these figures as ratios.**');
    expect(text.indexOf('## bundles')).toBeLessThan(text.indexOf('## engine'));
    expect(text).toMatch(/## bundles\n\nNot run yet\./);
    expect(text).toContain('| durable | 500 |');
    expect(text).toContain('Status: **not measured**');
  });

  it('shows the error of a failed bench', () => {
    const text = renderReport(machine, { e2e: { status: 'failed', tables: [], data: { error: 'no JVM' } } }, [
      'e2e',
    ]);
    expect(text).toContain('Error: `no JVM`');
  });
});
