# Numpy brute-force top-k over random unit vectors: the yardstick for `bench serve` latencies.
# Usage: /usr/bin/python3 bench/numpy_bruteforce.py [--songs 75262] [--dim 128] [--queries 1000] [--topn 25]
import argparse
import json
import time

import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--songs", type=int, default=75262)
p.add_argument("--dim", type=int, default=128)
p.add_argument("--queries", type=int, default=1000)
p.add_argument("--topn", type=int, default=25)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()

rng = np.random.default_rng(a.seed)
m = rng.standard_normal((a.songs, a.dim), dtype=np.float32)
m /= np.linalg.norm(m, axis=1, keepdims=True)
times = []
for i in range(a.queries + 20):
    ctx = rng.integers(0, a.songs, size=1 if i % 2 == 0 else 10)
    t = time.perf_counter()
    q = m[ctx].mean(axis=0)
    q /= np.linalg.norm(q)
    s = m @ q
    s[ctx] = -np.inf
    top = np.argpartition(-s, a.topn)[: a.topn]
    top = top[np.argsort(-s[top], kind="stable")]
    if i >= 20:
        times.append((time.perf_counter() - t) * 1000)
times.sort()
n = len(times)
print(json.dumps({"songs": a.songs, "dim": a.dim, "queries": a.queries,
                  "p50_ms": round(times[n // 2], 3), "p99_ms": round(times[min(n - 1, int(np.ceil(0.99 * n)) - 1)], 3),
                  "numpy": np.__version__}))
