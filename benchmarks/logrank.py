"""Size and power of ``ll.logrank_test`` on simulated corpora, and its agreement with lifelines.

Each corpus draws its threads with ``ll.simulate_onsets`` (thread lengths uniform on 2..15 turns,
a geometric hazard, so durations are discrete turn indices with many ties):

1. size: two groups (and three groups) drawn from one curve; the share of corpora where the
   test rejects at alpha 0.05 should be close to 0.05;
2. power: one group pitches twice as fast (hazard ratio 2: its survival is the other's squared,
   geometric ``p = 0.1`` vs ``1 - 0.9 ** 2 = 0.19``), 2,000 threads split in half; with no cure
   fraction, and with a cure fraction of 0.2 in both groups (the ratio then holds for the threads
   that pitch at all); and the same at 60 threads, where the test is not yet sure;
3. agreement: the statistic and p-value against ``lifelines.statistics.logrank_test`` (two
   groups) and ``multivariate_logrank_test`` (three) on the first corpora of each design.

Usage::

    python -m benchmarks.logrank [--corpora 400] [--out benchmarks/results/logrank.json]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import linkedins_law as ll
from benchmarks.common import ROOT, run_meta, save_results

ALPHA = 0.05
BASE_P = 0.1
FAST_P = 1.0 - (1.0 - BASE_P) ** 2  # hazard ratio 2 in the geometric family


def _corpus(sizes: list[int], ps: list[float], cure: float, seed: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    parts = [
        ll.simulate_onsets(
            n, cure_fraction=cure, hazard="geometric", hazard_params={"p": p}, random_state=rng
        )
        for n, p in zip(sizes, ps)
    ]
    d = np.concatenate([t.durations for t in parts])
    e = np.concatenate([t.observed for t in parts])
    g = np.concatenate([np.full(n, j) for j, n in enumerate(sizes)])
    return d, e, g


def _lifelines(d: np.ndarray, e: np.ndarray, g: np.ndarray) -> tuple[float, float] | None:
    try:
        from lifelines.statistics import logrank_test, multivariate_logrank_test
    except ImportError:
        return None
    if g.max() == 1:
        a, b = g == 0, g == 1
        res = logrank_test(d[a], d[b], e[a], e[b])
    else:
        res = multivariate_logrank_test(d, g, e)
    return float(res.test_statistic), float(res.p_value)


def _design(name: str, sizes: list[int], ps: list[float], cure: float, corpora: int, seed: int,
            n_check: int) -> dict:
    start = time.perf_counter()
    p_values = np.empty(corpora)
    stat_diff, p_diff = 0.0, 0.0
    checked = 0
    for i in range(corpora):
        d, e, g = _corpus(sizes, ps, cure, seed + i)
        test = ll.logrank_test(d, e, g)
        p_values[i] = test.p_value
        if i < n_check:
            ref = _lifelines(d, e, g)
            if ref is not None:
                stat_diff = max(stat_diff, abs(test.statistic - ref[0]))
                p_diff = max(p_diff, abs(test.p_value - ref[1]))
                checked += 1
    rate = float((p_values < ALPHA).mean())
    # binomial standard error of the rejection rate
    se = float(np.sqrt(rate * (1 - rate) / corpora))
    return {
        "design": name,
        "threads": int(sum(sizes)),
        "groups": len(sizes),
        "hazards": ps,
        "cure_fraction": cure,
        "corpora": corpora,
        "rejection_rate": rate,
        "rejection_se": se,
        "lifelines_checked": checked,
        "max_abs_statistic_diff": stat_diff,
        "max_abs_p_diff": p_diff,
        "seconds": time.perf_counter() - start,
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.logrank", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=int, default=400, help="simulated corpora per design")
    parser.add_argument("--check", type=int, default=50, help="corpora per design compared with lifelines")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "logrank.json")
    args = parser.parse_args(argv)
    if args.corpora < 1:
        parser.error("--corpora must be at least 1")
    meta = run_meta("logrank", argv)
    print(f"`{meta['command']}`, nproc {meta['nproc']}")
    k, c = args.corpora, args.check
    hr2 = [BASE_P, FAST_P]
    rows = [
        _design("size: 2 groups, one curve (cure 0.2)", [1000, 1000], [0.2, 0.2], 0.2, k, 10_000, c),
        _design("size: 3 groups, one curve (cure 0.2)", [700, 700, 600], [0.2] * 3, 0.2, k, 20_000, c),
        _design("size: 2 unequal groups, one curve", [1600, 400], [BASE_P] * 2, 0.0, k, 30_000, c),
        _design("power: hazard ratio 2, no cure", [1000, 1000], hr2, 0.0, k, 40_000, c),
        _design("power: hazard ratio 2, cure 0.2", [1000, 1000], hr2, 0.2, k, 50_000, c),
        _design("power: hazard ratio 2, 60 threads", [30, 30], hr2, 0.0, k, 60_000, c),
    ]
    size_ok = all(0.03 <= r["rejection_rate"] <= 0.07 for r in rows if r["design"].startswith("size"))
    power_ok = all(r["rejection_rate"] >= 0.9 for r in rows[3:5])
    res = {**meta, "alpha": ALPHA, "rows": rows, "size_in_0.03_0.07": size_ok, "power_at_least_0.9": power_ok}
    head = f"`{res['command']}`, date {res['date']}, commit {res['commit']}, nproc {res['nproc']}"
    lines = [
        f"# Log-rank test: size, power and agreement with lifelines\n\n{head}\n",
        f"Rejections at alpha {ALPHA} over {k} simulated corpora per design (geometric hazards; hazard "
        f"ratio 2 is p = {BASE_P} vs {FAST_P:.2f}). The largest differences from lifelines are over the "
        f"first {args.check} corpora of each design.\n",
        "| design | threads | groups | rejection rate (± se) | max abs diff statistic | max abs diff p "
        "| seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['design']} | {r['threads']} | {r['groups']} | {r['rejection_rate']:.3f} "
            f"(± {r['rejection_se']:.3f}) | {r['max_abs_statistic_diff']:.1e} | {r['max_abs_p_diff']:.1e} "
            f"| {r['seconds']:.1f} |"
        )
    lines.append("")
    lines.append(f"Size within [0.03, 0.07]: {'yes' if size_ok else 'NO'}; power at 2,000 threads >= 0.9: "
                 f"{'yes' if power_ok else 'NO'}.")
    save_results(args.out, res, "\n".join(lines) + "\n")
    return res


if __name__ == "__main__":
    main()
