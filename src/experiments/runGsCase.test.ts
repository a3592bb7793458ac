import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, makeRng, uniform, expectNoNewTensors, TOL } from '../tensor/index.js';
import { InputError } from '../errors.js';
import { lenetDlg } from '../sim/models/lenetDlg.js';
import { MNIST_NORMALIZATION } from '../sim/data/normalization.js';
import { runGsCase } from './runGsCase.js';
import type { GsCase } from './runGsCase.js';

const model = lenetDlg({ inputShape: [12, 12, 1] }); // SSIM needs H, W ≥ 11
const image = uniform(makeRng(1, 'test', 'gsCase'), 144);
const base: GsCase = { model, image, label: 3, defense: { kind: 'none' }, seed: 1, iterations: 5 };
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('runGsCase', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('infers the label with iDLG and reports metrics in normalised and [0, 1] pixel space', () => {
    // Act
    const r = expectNoNewTensors(() => runGsCase({ ...base, iterations: 15 }));
    // Assert: the box keeps the dummy in range, so pixel MSE = std² · normalised MSE, and for one
    // channel the code's normalised PSNR (range 1/std) equals the pixel PSNR (range 1)
    const s = MNIST_NORMALIZATION.std[0];
    expect(r.normalization).toEqual(MNIST_NORMALIZATION);
    expect([r.labelSource, r.labelCorrect, r.idlg?.label]).toEqual(['idlg', true, 3]);
    expect(relErr(r.pixels01.finalMse, s * s * r.normalised.finalMse)).toBeLessThan(TOL.float32);
    expect(relErr(r.pixels01.finalPsnr, r.normalised.finalPsnr)).toBeLessThan(TOL.float32);
    expect(r.normalised.psnrRange).toBeCloseTo(1 / s, 12);
    expect(r.pixels01.finalSsim).toBeGreaterThan(-1);
    expect(r.pixels01.finalSsim).toBeLessThanOrEqual(1);
    for (const m of [r.normalised, r.pixels01]) {
      expect(m.minMse.usesGroundTruth).toBe(true);
      expect(m.minMse.prefixMin).toHaveLength(16);
      expect(m.minMse.value).toBeLessThanOrEqual(m.finalMse);
      expect(m.finalMse).toBeLessThan(m.minMse.prefixMin[0]); // the attack made progress
    }
  });

  it("uses the true label with labelSource 'known' (or knownLabel), and reports progress per iterate", () => {
    // Arrange
    const seen: number[] = [];
    // Act
    const r = runGsCase({ ...base, iterations: 1, labelSource: 'known', onIterate: (i, m) => { seen.push(i); expect(m).toBeGreaterThan(0); } });
    const short = runGsCase({ ...base, iterations: 0, knownLabel: true });
    // Assert
    expect([r.labelSource, short.labelSource]).toEqual(['known', 'known']);
    expect(r.idlg).toBeUndefined();
    expect(r.attack.labels).toEqual([3]);
    expect(seen).toEqual([0, 1]);
    expect(r.defenseDescription).toBe('no defense');
  });

  it('targetLossScale 0.5 (the code) and 1 give the same attack: the cosine ignores the scale', () => {
    // Act
    const [half, one] = [runGsCase(base), runGsCase({ ...base, targetLossScale: 1 })];
    // Assert: a power-of-two scale is exact in float32, so the runs coincide bit for bit
    expect(one.attack.history).toEqual(half.attack.history);
    expect([...one.attack.reconstruction.data]).toEqual([...half.attack.reconstruction.data]);
  });

  it('applies the defense to the client update before the attack', () => {
    const plain = runGsCase({ ...base, iterations: 2 });
    const pruned = runGsCase({ ...base, iterations: 2, defense: { kind: 'gradientPruning', percent: 90 } });
    expect(pruned.attack.history[0].loss).not.toBe(plain.attack.history[0].loss);
  });

  it.each([
    [{ image: image.slice(1) }, /image has 143 values/], [{ image: image.map((v) => v + 1) }, /\[0, 1\]/],
    [{ label: 10 }, /label/], [{ targetLossScale: 0 }, /targetLossScale/],
    [{ labelSource: 'soft' }, /labelSource/], [{ labelSource: 'idlg', knownLabel: true }, /labelSource/],
  ])('rejects %o with an InputError', (bad, message) => {
    expect(() => runGsCase({ ...base, ...(bad as Partial<GsCase>) })).toThrow(InputError);
    expect(() => runGsCase({ ...base, ...(bad as Partial<GsCase>) })).toThrow(message);
  });
});
