#!/usr/bin/env python3
"""Developer-only: write the skimage SSIM reference fixture for src/sim/metrics/ssim.test.ts.

Requires Debian's python3-skimage (`apt-get install python3-skimage`; run with /usr/bin/python3).
Never a runtime or CI dependency: the JSON it writes is committed.

skimage.metrics.structural_similarity with gaussian_weights=True, sigma=1.5,
use_sample_covariance=False, data_range=L is Wang et al. 2004 with an 11x11 Gaussian window
(truncate 3.5 -> radius 5) whose reflect-padded border is cropped away before the mean, i.e. the
same number as 'valid' filtering. Per image; our batch value is the mean over images.

Usage: /usr/bin/python3 tools/make-ssim-fixture.py > src/sim/metrics/fixtures/ssim-skimage.json
"""
import json

import numpy as np
import skimage
from skimage.metrics import structural_similarity

SEED = 20261125


def case(rng, shape, data_range, noise):
    """Two batches a (uniform in [0, L]) and b = clip(a + noise), with skimage's SSIM per image."""
    n, h, w, c = shape
    a = rng.uniform(0.0, data_range, size=shape)
    b = np.clip(a + rng.normal(0.0, noise * data_range, size=shape), 0.0, data_range)
    per_image = []
    for i in range(n):
        x, y = (a[i], b[i]) if c > 1 else (a[i, :, :, 0], b[i, :, :, 0])
        per_image.append(float(structural_similarity(
            x, y, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
            data_range=data_range, channel_axis=-1 if c > 1 else None)))
    return {"shape": list(shape), "dataRange": data_range, "a": a.ravel().tolist(),
            "b": b.ravel().tolist(), "perImage": per_image}


def main():
    rng = np.random.default_rng(SEED)
    cases = [
        case(rng, (2, 12, 15, 3), 1.0, 0.1),
        case(rng, (1, 11, 11, 1), 1.0, 0.3),
        case(rng, (1, 16, 13, 2), 2.0, 0.05),
    ]
    print(json.dumps({"generator": f"tools/make-ssim-fixture.py, skimage {skimage.__version__}, seed {SEED}",
                      "cases": cases}))


if __name__ == "__main__":
    main()
