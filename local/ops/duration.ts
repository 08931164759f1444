/** Durations as operators type them (`90s`, `30m`, `1h`, `2d`, `1w`) and as tables show them. */

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export class InvalidDurationError extends Error {
  constructor(readonly text: string) {
    super(`Invalid duration "${text}": use a number and a unit, e.g. 90s, 30m, 1h, 2d, 1w`);
    this.name = 'InvalidDurationError';
  }
}

/** Parses `1h`, `30m`, `1h30m`, `2d` into milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) {
    throw new InvalidDurationError(text);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit as string]!, 0);
}

/** Formats milliseconds with the two largest units: `3d 4h`, `12m 5s`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0 || parts.length > 0) {
      if (amount > 0) parts.push(`${amount}${unit}`);
      rest -= amount * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
