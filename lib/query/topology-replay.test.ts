import { describe, expect, it } from 'vitest';
import { describeOffset, formatSpan, gridIndex, gridPoint, readAt, replayGrid, replaySlice, replayStepMs, replayWindow, resolveAt, REPLAY_MIN_SLICE_MS } from './topology-replay';

const utc = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 24, h, m, s);

describe('replay step', () => {
  it('is the smallest nice step giving at most 40 steps over the presets', () => {
    // span / 40 → the next of 1 2 5 10 15 30 s, 1 2 5 10 15 30 min, 1 2 3 6 12 h, 1 d.
    expect(replayStepMs(5 * 60_000)).toBe(10_000); // 7.5 s → 10 s: 30 steps
    expect(replayStepMs(15 * 60_000)).toBe(30_000); // 22.5 s → 30 s: 30 steps
    expect(replayStepMs(3_600_000)).toBe(120_000); // 90 s → 2 min: 30 steps
    expect(replayStepMs(6 * 3_600_000)).toBe(600_000); // 9 min → 10 min: 36 steps
    expect(replayStepMs(24 * 3_600_000)).toBe(3_600_000); // 36 min → 1 h: 24 steps
    expect(replayStepMs(7 * 86_400_000)).toBe(6 * 3_600_000); // 4.2 h → 6 h: 28 steps
    expect(replayStepMs(40 * 86_400_000)).toBe(86_400_000); // exactly 1 d
    expect(replayStepMs(400 * 86_400_000)).toBe(10 * 86_400_000); // past a day: whole days
    expect(replayStepMs(1_000)).toBe(1_000);
  });
});

describe('replay grid', () => {
  // A 15-minute window that does not start on a step: 12:00:10 → 12:15:10 UTC.
  const grid = replayGrid({ startMs: utc(12, 0, 10), endMs: utc(12, 15, 10) });

  it('puts moments on multiples of the step inside the window', () => {
    expect(grid.stepMs).toBe(30_000);
    expect(grid.firstMs).toBe(utc(12, 0, 30));
    expect(gridPoint(grid, grid.count - 1)).toBe(utc(12, 15, 0));
    // 12:00:30, 12:01:00, … 12:15:00
    expect(grid.count).toBe(30);
    expect(gridPoint(grid, 13)).toBe(utc(12, 7, 0));
  });

  it('each moment shows one step, but never less than four default scrapes (60 s)', () => {
    expect(REPLAY_MIN_SLICE_MS).toBe(60_000);
    expect(grid.sliceMs).toBe(60_000);
    expect(replayGrid({ startMs: utc(0, 0), endMs: utc(24, 0) }).sliceMs).toBe(3_600_000);
    expect(replayGrid({ startMs: utc(12, 0), endMs: utc(12, 5) }).sliceMs).toBe(60_000);
  });

  it('a window on step boundaries has span / step moments, the last at its end', () => {
    const g = replayGrid({ startMs: utc(0, 0), endMs: utc(6, 0) });
    expect(g.count).toBe(36);
    expect(gridPoint(g, 0)).toBe(utc(0, 10));
    expect(gridPoint(g, 35)).toBe(utc(6, 0));
  });

  it('a window shorter than its step has no moments', () => {
    const g = replayGrid({ startMs: utc(12, 0, 0) + 100, endMs: utc(12, 0, 0) + 600 });
    expect(g.count).toBe(0);
    expect(resolveAt(g, utc(12, 0, 0) + 300)).toBeNull();
  });

  it('indexes the nearest moment, clamped to the grid', () => {
    expect(gridIndex(grid, utc(12, 7, 14))).toBe(13);
    expect(gridIndex(grid, utc(12, 7, 16))).toBe(14);
    expect(gridIndex(grid, utc(11, 0))).toBe(0);
    expect(gridIndex(grid, utc(13, 0))).toBe(29);
  });
});

describe('the moment in the URL', () => {
  const grid = replayGrid({ startMs: utc(12, 0, 10), endMs: utc(12, 15, 10) });

  it('reads unix milliseconds only', () => {
    expect(readAt('1795521600000')).toBe(1_795_521_600_000);
    expect(readAt(' 1795521600000 ')).toBe(1_795_521_600_000);
    for (const bad of [null, '', 'now', 'abc', '12', '1e12', '-1795521600000', '1795521600000.5', '2026-11-24T12:00:00Z', '179552160000000']) expect(readAt(bad), String(bad)).toBeNull();
  });

  it('snaps to the nearest moment inside the window', () => {
    expect(resolveAt(grid, utc(12, 7, 14))).toBe(utc(12, 7, 0));
    expect(resolveAt(grid, utc(12, 7, 16))).toBe(utc(12, 7, 30));
    // The window's very edges are inside it: they snap to the first and last moments.
    expect(resolveAt(grid, utc(12, 0, 10))).toBe(utc(12, 0, 30));
    expect(resolveAt(grid, utc(12, 15, 10))).toBe(utc(12, 15, 0));
  });

  it('falls back to live (null) outside the window or without one', () => {
    expect(resolveAt(grid, null)).toBeNull();
    expect(resolveAt(grid, utc(12, 0, 9))).toBeNull();
    expect(resolveAt(grid, utc(12, 15, 11))).toBeNull();
    expect(resolveAt(null, utc(12, 7))).toBeNull();
  });

  it('a moment stays the same whenever a relative window is resolved', () => {
    const at = utc(12, 7, 0);
    const early = replayGrid(replayWindow({ from: 'now-15m', to: 'now' }, utc(12, 10, 3))!);
    const late = replayGrid(replayWindow({ from: 'now-15m', to: 'now' }, utc(12, 14, 47))!);
    expect(resolveAt(early, at)).toBe(at);
    expect(resolveAt(late, at)).toBe(at);
    // Later, the window no longer holds it: live.
    expect(resolveAt(replayGrid(replayWindow({ from: 'now-15m', to: 'now' }, utc(12, 22, 1))!), at)).toBeNull();
  });

  it('an unusable range has no window', () => {
    expect(replayWindow({ from: 'now', to: 'now-1h' }, utc(12, 0))).toBeNull();
    expect(replayWindow({ from: String(utc(12, 0)), to: String(utc(13, 0)) }, utc(20, 0))).toEqual({ startMs: utc(12, 0), endMs: utc(13, 0) });
  });
});

describe('the slice a moment shows', () => {
  it('ends at the moment and spans the slice, as absolute unix ms', () => {
    const grid = replayGrid({ startMs: utc(12, 0, 10), endMs: utc(12, 15, 10) });
    expect(replaySlice(grid, utc(12, 7, 0))).toEqual({ from: String(utc(12, 6, 0)), to: String(utc(12, 7, 0)) });
    const day = replayGrid({ startMs: utc(0, 0), endMs: utc(24, 0) });
    expect(replaySlice(day, utc(15, 0))).toEqual({ from: String(utc(14, 0)), to: String(utc(15, 0)) });
  });
});

describe('offset readout', () => {
  it('says how long before the window’s end', () => {
    const end = utc(12, 30);
    expect(describeOffset(utc(12, 5), end)).toBe('\u221225 min');
    expect(describeOffset(utc(12, 29, 30), end)).toBe('\u221230 s');
    expect(describeOffset(utc(12, 27, 30), end)).toBe('\u22122 min 30 s');
    expect(describeOffset(utc(11, 25), end)).toBe('\u22121 h 5 min');
    expect(describeOffset(utc(11, 30), end)).toBe('\u22121 h');
    expect(describeOffset(utc(12, 30) - (2 * 86_400 + 3 * 3_600) * 1_000, end)).toBe('\u22122 d 3 h');
    expect(describeOffset(end, end)).toBe('end of window');
  });

  it('names slice lengths in at most two units', () => {
    expect(formatSpan(60_000)).toBe('1 min');
    expect(formatSpan(6 * 3_600_000)).toBe('6 h');
    expect(formatSpan(86_400_000 + 90 * 60_000)).toBe('1 d 1 h');
    expect(formatSpan(10_000)).toBe('10 s');
  });
});
