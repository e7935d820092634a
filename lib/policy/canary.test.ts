import { describe, expect, it } from 'vitest';
import type { Rollout } from '../schemas/policy';
import { canaryBucket, runsCurrent } from './canary';

describe('canary membership', () => {
  it('buckets ids by 32-bit FNV-1a mod 10000 / 100 (the published FNV-1a test vectors)', () => {
    expect(canaryBucket('')).toBe((0x811c9dc5 % 10_000) / 100);
    expect(canaryBucket('a')).toBe((0xe40c292c % 10_000) / 100); // 22.2
    expect(canaryBucket('foobar')).toBe((0xbf9cf968 % 10_000) / 100); // 57.2
  });

  it('includes listed ids, and ids whose bucket is below the percentage', () => {
    const canary = (instances: string[], percent: number | null): Rollout => ({ stage: 'canary', instances, percent, baseVersion: 1, baseSpec: null });
    expect(runsCurrent({ stage: 'all' }, 'x')).toBe(true);
    expect(runsCurrent(canary(['a'], null), 'a')).toBe(true);
    expect(runsCurrent(canary(['a'], null), 'foobar')).toBe(false);
    expect(runsCurrent(canary([], 57.2), 'foobar')).toBe(false); // 57.2 is not below 57.2
    expect(runsCurrent(canary([], 57.21), 'foobar')).toBe(true);
    expect(runsCurrent(canary([], 0), 'a')).toBe(false);
    expect(runsCurrent(canary([], 100), 'foobar')).toBe(true);
  });
});
