import { describe, expect, it } from 'vitest';
import { axisScale, tickLabel } from './axisScale.js';

describe('axisScale', () => {
  it('linear: ticks are evenly spaced 1/2/5×10^k steps that cover the data, mapped onto the pixel range', () => {
    // Arrange
    const values = [0.13, 0.9, 0.42];
    // Act
    const s = axisScale(values, false, 100, 500);
    const v = s.ticks.map((t) => t.value);
    const steps = v.slice(1).map((x, i) => x - v[i]);
    // Assert
    expect(v[0]).toBeLessThanOrEqual(0.13);
    expect(v[v.length - 1]).toBeGreaterThanOrEqual(0.9);
    for (const d of steps) expect(d).toBeCloseTo(steps[0], 12);
    const mantissa = steps[0] / 10 ** Math.floor(Math.log10(steps[0]));
    expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    expect(s.toPx(v[0])).toBeCloseTo(100, 9);
    expect(s.toPx(v[v.length - 1])).toBeCloseTo(500, 9);
  });

  it('log: decades cover the positive data; non-positive and non-finite values are not accepted', () => {
    // Arrange
    const values = [-5, 0, 0.003, 42, Number.NaN, Number.POSITIVE_INFINITY];
    // Act
    const s = axisScale(values, true, 400, 0);
    // Assert
    expect(s.ticks.map((t) => t.value)).toEqual([0.001, 0.01, 0.1, 1, 10, 100].map((x) => expect.closeTo(x, 12)));
    expect([-5, 0, Number.NaN, Number.POSITIVE_INFINITY].map(s.accepts)).toEqual([false, false, false, false]);
    expect(s.accepts(0.003)).toBe(true);
    expect(s.toPx(0.001)).toBeCloseTo(400, 9);
    expect(s.toPx(100)).toBeCloseTo(0, 9);
    expect(s.toPx(1)).toBeCloseTo(400 - (3 / 5) * 400, 9);
  });

  it('pads a single value and falls back to a unit range when nothing is drawable', () => {
    // Arrange / Act
    const single = axisScale([5, 5], false, 0, 1);
    const none = axisScale([Number.NaN], true, 0, 1);
    // Assert
    expect(single.ticks[0].value).toBeLessThan(5);
    expect(single.ticks[single.ticks.length - 1].value).toBeGreaterThan(5);
    expect(none.ticks.map((t) => t.value)).toEqual([1, 2, 5, 10]);
  });

  it('labels ticks briefly: plain in [1e-4, 1e5), exponential outside', () => {
    // Arrange / Act / Assert
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
    expect(tickLabel(10 ** -4)).toBe('0.0001');
    expect(tickLabel(1e-5)).toBe('1e-5');
    expect(tickLabel(2e6)).toBe('2e+6');
  });
});
