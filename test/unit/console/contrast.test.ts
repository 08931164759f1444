import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** WCAG 2 contrast of the console's colour pairs, read from the stylesheet the page uses. */
const css = readFileSync(new URL('../../../local/console/public/app.css', import.meta.url), 'utf8');
const colours = Object.fromEntries(
  [...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map(([, name, hex]) => [name, hex!]),
);

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

describe('console colours', () => {
  it.each([
    ['text', 'bg'],
    ['text', 'panel'],
    ['muted', 'bg'],
    ['muted', 'panel'],
    ['link', 'bg'],
    ['ok', 'ok-bg'],
    ['fail', 'fail-bg'],
    ['caught', 'caught-bg'],
    ['run', 'run-bg'],
    ['abort', 'abort-bg'],
    ['text', 'none-bg'],
    ['text', 'fail-bg'],
  ])('%s on %s reaches 4.5:1 (WCAG AA for text)', (foreground, background) => {
    expect(colours[foreground], foreground).toBeDefined();
    expect(colours[background], background).toBeDefined();
    expect(contrast(colours[foreground]!, colours[background]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['focus', 'bg'],
    ['none', 'none-bg'],
    ['fail', 'fail-bg'],
  ])(
    '%s on %s reaches 3:1 where it outlines a control or a graph node (WCAG non-text contrast)',
    (foreground, background) => {
      expect(contrast(colours[foreground]!, colours[background]!)).toBeGreaterThanOrEqual(3);
    },
  );
});
