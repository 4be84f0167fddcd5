# 1000×1000 float64 matrix product A @ A with numpy, the baseline for dist's A * A. One
# untimed warm-up, then five timed runs. Prints one "elapsed SECONDS" line per run.
import time

import numpy as np

A = np.random.rand(1000, 1000)
B = A @ A
for run in range(5):
    t0 = time.perf_counter()
    B = A @ A
    print("elapsed", time.perf_counter() - t0)
