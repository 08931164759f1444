import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../../../../local/engine/runtime/time-ordered-uuid.ts';

describe('time-ordered UUID', () => {
  it('is a version 7 UUID whose text sorts in creation order, within one millisecond too', () => {
    const sameMillisecond = Array.from({ length: 50 }, () => timeOrderedUuid(1_767_225_600_000));
    const later = timeOrderedUuid(1_767_225_600_001);
    for (const uuid of [...sameMillisecond, later])
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const all = [...sameMillisecond, later];
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });
});
