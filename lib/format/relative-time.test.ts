import { describe, expect, it } from 'vitest';
import { formatAgo } from './relative-time';

describe('formatAgo', () => {
  const now = 1_800_000_000_000;
  it('reads as people say it, rounding down', () => {
    const cases: Array<[number, string]> = [
      [0, 'just now'],
      [-5_000, 'just now'],
      [9_999, 'just now'],
      [10_000, '10 s ago'],
      [59_999, '59 s ago'],
      [60_000, '1 min ago'],
      [3_599_000, '59 min ago'],
      [3_600_000, '1 h ago'],
      [47 * 3_600_000, '47 h ago'],
      [48 * 3_600_000, '2 d ago'],
    ];
    for (const [ago, text] of cases) expect(formatAgo(now - ago, now), `${ago} ms`).toBe(text);
  });
  it('prints a dash for an unreadable time', () => expect(formatAgo(Number.NaN, now)).toBe('\u2014'));
});
