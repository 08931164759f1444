/** Durations as operators type them (`90s`, `30m`, `1h`, `2d`, `1w`) and as tables show them. */

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export class InvalidDurationError extends Error {
  readonly text: string;
  constructor(text: string) {
    super(`Invalid duration "${text}": use a number and a unit, e.g. 90s, 30m, 1h, 2d, 1w`);
    this.text = text;
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

/** Formats milliseconds with the largest unit and the one below it: `3d 4h`, `12m 5s`, `1h`, `800ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  const largest = units.findIndex(([, size]) => ms >= size);
  return units
    .slice(largest, largest + 2)
    .map(([unit, size], index) => {
      const amount = index === 0 ? Math.floor(ms / size) : Math.floor((ms % units[largest]![1]) / size);
      return amount > 0 ? `${amount}${unit}` : '';
    })
    .filter(Boolean)
    .join(' ');
}
