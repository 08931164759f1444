import { describe, expect, it } from 'vitest';
import { formatDuration, InvalidDurationError, parseDuration } from '../../../local/ops/duration.ts';

describe('parseDuration', () => {
  it('reads the units operators type', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('1w')).toBe(604_800_000);
  });

  it('refuses anything else', () => {
    for (const text of ['', '1', 'h', '1 hour', '1h x', '-1h']) {
      expect(() => parseDuration(text), text).toThrow(InvalidDurationError);
    }
  });
});

describe('formatDuration', () => {
  it('keeps the two largest units', () => {
    expect(formatDuration(800)).toBe('800ms');
    expect(formatDuration(65_000)).toBe('1m 5s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5_000)).toBe('3d 4h');
    expect(formatDuration(3_600_000 + 5_000)).toBe('1h');
  });
});
