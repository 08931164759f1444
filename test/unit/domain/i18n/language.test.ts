import { describe, expect, it } from 'vitest';
import { languageFrom } from '../../../../functions/domain/i18n/language.ts';

describe('languageFrom', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['fr-ML', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr;q=0.5, en;q=0.8', 'en'],
    ['en;q=0.3, fr;q=0.9', 'fr'],
    ['de, en;q=0.2', 'en'],
    ['bm', 'fr'],
  ])('reads %j as %s', (header, lang) => {
    expect(languageFrom(header)).toBe(lang);
  });
});
