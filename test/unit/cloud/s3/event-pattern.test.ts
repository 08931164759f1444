import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../../local/cloud/s3/event-pattern.ts';

const event = {
  source: 'aws.s3',
  detail: { object: { key: 'uploads/org-1/rows.csv', size: 120 }, bucket: { name: 'up' } },
};

describe('matchesPattern', () => {
  it('matches exact values, prefixes, suffixes and wildcards', () => {
    expect(matchesPattern({ source: ['aws.s3'], detail: { bucket: { name: ['up', 'other'] } } }, event)).toBe(
      true,
    );
    expect(matchesPattern({ detail: { object: { key: [{ prefix: 'uploads/' }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { object: { key: [{ suffix: '.json' }] } } }, event)).toBe(false);
    expect(matchesPattern({ detail: { object: { key: [{ wildcard: 'uploads/*/rows.csv' }] } } }, event)).toBe(
      true,
    );
  });

  it('matches anything-but, exists and numeric ranges', () => {
    expect(matchesPattern({ source: [{ 'anything-but': ['aws.ec2'] }] }, event)).toBe(true);
    expect(matchesPattern({ detail: { missing: [{ exists: false }] } }, event)).toBe(true);
    expect(
      matchesPattern({ detail: { object: { size: [{ numeric: ['>', 100, '<=', 200] }] } } }, event),
    ).toBe(true);
    expect(matchesPattern({ detail: { object: { size: [{ numeric: ['<', 100] }] } } }, event)).toBe(false);
  });

  it('fails when a field is absent or a nested object is not one', () => {
    expect(matchesPattern({ account: ['1'] }, event)).toBe(false);
    expect(matchesPattern({ source: { nested: ['x'] } }, event)).toBe(false);
  });

  it('matches $or: any alternative at its level, with the fields beside it all holding', () => {
    const failedOrRedriven = {
      source: ['aws.s3'],
      detail: {
        $or: [{ object: { size: [{ numeric: ['>', 1000] }] } }, { bucket: { name: ['up'] } }],
      },
    };
    expect(matchesPattern(failedOrRedriven, event)).toBe(true);
    expect(matchesPattern({ ...failedOrRedriven, source: ['aws.states'] }, event)).toBe(false);
    expect(
      matchesPattern({ detail: { $or: [{ bucket: { name: ['other'] } }, { missing: ['x'] }] } }, event),
    ).toBe(false);
  });
});
