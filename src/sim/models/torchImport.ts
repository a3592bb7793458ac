/**
 * Converters from PyTorch weight layouts to this project's tfjs layouts (flat, row-major), for
 * loading PyTorch fixtures. PyTorch: Linear weight [out][in], Conv2d weight [out][in][kh][kw],
 * activations NCHW, so `flatten` orders features (c, h, w). tfjs: dense weight [in, out], conv
 * weight [kh, kw, in, out], NHWC, so our models flatten (h, w, c). Hence the row permutation
 *   W_tf[(h·W + w)·C + c, o] = W_pt[o, c·H·W + h·W + w].
 */

/**
 * A PyTorch Linear weight as a tfjs dense weight [in, out] (flat, row-major). When the layer's
 * input is a flattened C×H×W activation, rows are permuted from (c, h, w) to (h, w, c) order;
 * for an input that is already a vector (e.g. after another Linear) pass C = in, H = W = 1,
 * which is a plain transpose.
 * @param wPt - [out][in], in = C·H·W.
 * @returns in·out numbers, index (h·W + w)·C + c)·out + o.
 */
export function fcWeightFromTorch(wPt: readonly (readonly number[])[], C: number, H: number, W: number): number[] {
  const nOut = wPt.length;
  const nIn = C * H * W;
  if (nOut === 0) throw new Error('fcWeightFromTorch: empty weight (got 0 rows, expected [out][in])');
  wPt.forEach((row, o) => {
    if (row.length !== nIn) throw new Error(`fcWeightFromTorch: row ${o} has ${row.length} entries (got ${row.length}, expected C·H·W = ${nIn})`);
  });
  const out = new Array<number>(nIn * nOut);
  for (let c = 0; c < C; c++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        const rowTf = (h * W + w) * C + c;
        const colPt = c * H * W + h * W + w;
        for (let o = 0; o < nOut; o++) out[rowTf * nOut + o] = wPt[o][colPt];
      }
    }
  }
  return out;
}

/**
 * A PyTorch Conv2d weight as a tfjs conv weight [kh, kw, in, out] (flat, row-major).
 * @param wPt - [out][in][kh][kw].
 * @returns kh·kw·in·out numbers, index ((i·kw + j)·in + ci)·out + co.
 */
export function convWeightFromTorch(wPt: readonly (readonly (readonly (readonly number[])[])[])[]): number[] {
  const nOut = wPt.length;
  const nIn = wPt[0]?.length ?? 0;
  const kh = wPt[0]?.[0]?.length ?? 0;
  const kw = wPt[0]?.[0]?.[0]?.length ?? 0;
  if (nOut * nIn * kh * kw === 0) throw new Error('convWeightFromTorch: empty weight (expected [out][in][kh][kw])');
  const out = new Array<number>(kh * kw * nIn * nOut);
  for (let co = 0; co < nOut; co++) {
    if (wPt[co].length !== nIn) throw new Error(`convWeightFromTorch: ragged weight (got ${wPt[co].length} input channels at out ${co}, expected ${nIn})`);
    for (let ci = 0; ci < nIn; ci++) {
      if (wPt[co][ci].length !== kh) throw new Error(`convWeightFromTorch: ragged weight (got kh ${wPt[co][ci].length} at [${co}][${ci}], expected ${kh})`);
      for (let i = 0; i < kh; i++) {
        if (wPt[co][ci][i].length !== kw) throw new Error(`convWeightFromTorch: ragged weight (got kw ${wPt[co][ci][i].length} at [${co}][${ci}][${i}], expected ${kw})`);
        for (let j = 0; j < kw; j++) out[((i * kw + j) * nIn + ci) * nOut + co] = wPt[co][ci][i][j];
      }
    }
  }
  return out;
}
