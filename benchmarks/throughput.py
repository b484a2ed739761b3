"""Throughput: is the library as fast as its encoder, and how much faster is the static backend?

In one run, on one generated corpus of LinkedIn-style threads (lengths 4-16 turns, texts built from
the bundled exemplars; a share of turns are repeated templates, the rest unique):

1. raw ``SentenceTransformer.encode`` on every turn text vs ``ll.analyze(threads)`` end to end with the
   same model (detector pre-fitted; law fitted without bootstrap), on the corpus without repeats and
   with repeats: the ratio of turns/s;
2. ``analyze`` through the on-disk cache: cold, then warm (the speed-up);
3. the static backend vs MiniLM: turns/s of ``encode`` and the peak RSS of a process doing only that;
4. ``import linkedins_law`` time, model load time, first-call latency of ``pitch_probability`` on a
   10-turn thread in a fresh process, and its steady-state latency; a new ``PitchDetector()`` on the
   loaded model, ``PitchDetector.load`` of a saved one and the per-request latency with it;
5. a streamed run of 100,000 and of 1,000,000 turns with the static backend
   (``analyze(generator, chunk_turns=20000, keep_trajectories=False)``) and each run's peak RSS;
6. torch with 1 thread vs 2 threads on the same texts.

Usage::

    python -m benchmarks.throughput [--threads 2000] [--repeat-share 0.3] [--skip-million]
    python -m benchmarks.throughput --latency-only      # section 4 alone

Prints a markdown table and writes ``benchmarks/results/throughput.json`` and ``throughput.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

from benchmarks.common import run_meta, save_results

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
PY = sys.executable


def make_corpus(n_threads: int, repeat_share: float, seed: int) -> list[list[str]]:
    """Threads of texts: ``repeat_share`` of turns are one of 40 templates, the rest unique."""
    import linkedins_law as ll

    texts, _, _ = ll.load_exemplars()
    rng = np.random.default_rng(seed)
    templates = [texts[i] for i in rng.choice(len(texts), 40, replace=False)]
    threads, serial = [], 0
    for _ in range(n_threads):
        turns = []
        for _ in range(int(rng.integers(4, 17))):
            if rng.random() < repeat_share:
                turns.append(templates[int(rng.integers(len(templates)))])
            else:
                serial += 1
                base = texts[int(rng.integers(len(texts)))]
                turns.append(f"{base} (ref {serial})")
        threads.append(turns)
    return threads


def subprocess_json(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line last."""
    out = subprocess.run(
        [PY, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
    )
    if out.returncode != 0:
        raise RuntimeError(f"subprocess failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def time_it(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def latency() -> tuple[list[tuple[str, str, str]], dict]:
    """Section 4: import, model load, first call, a new detector, steady state, the app pattern."""
    imp = min(
        subprocess_json("""
        import json, time; t = time.perf_counter(); import linkedins_law
        print(json.dumps({"s": time.perf_counter() - t}))""")["s"]
        for _ in range(5)
    )
    with tempfile.TemporaryDirectory() as folder:
        latency = subprocess_json(f"""
        import json, time
        t0 = time.perf_counter()
        import linkedins_law as ll
        t1 = time.perf_counter(); ll.get_default_encoder().load(); t2 = time.perf_counter()
        thread = ["Hi Sam, great talk!", "Thanks!", "How is the new role?", "Busy but fun.",
                  "We should grab coffee.", "Definitely.", "By the way, we help teams like yours",
                  "Would you be open to a 15-minute demo?", "Not right now, thanks.", "No problem!"]
        t3 = time.perf_counter(); ll.pitch_probability(thread); t4 = time.perf_counter()
        times = []
        for i in range(20):
            s = time.perf_counter()
            ll.pitch_probability(thread[:-1] + [f"No problem {{i}}!"])
            times.append(time.perf_counter() - s)
        t5 = time.perf_counter(); fresh = ll.PitchDetector(); fresh.error_rates(1); t6 = time.perf_counter()
        fresh.save({str(folder)!r})
        t7 = time.perf_counter(); kept = ll.PitchDetector.load({str(folder)!r}); t8 = time.perf_counter()
        app = []
        for i in range(20):
            s = time.perf_counter()
            ll.pitch_probability(thread[:-1] + [f"See you {{i}}!"], detector=kept)
            app.append(time.perf_counter() - s)
        print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "first_call_s": t4 - t3,
                          "steady_ms": 1000 * sorted(times)[len(times) // 2],
                          "new_detector_s": t6 - t5, "load_saved_s": t8 - t7,
                          "app_steady_ms": 1000 * sorted(app)[len(app) // 2]}}))""")
    res = {"import_best_of_5_s": imp, **latency}
    rows = [
        ("import linkedins_law (best of 5)", f"{imp:.3f} s", ""),
        ("bundled MiniLM load (torch import included)", f"{latency['load_s']:.2f} s", ""),
        (
            "first pitch_probability, 10 turns, after the model load (reads the shipped fit)",
            f"{latency['first_call_s']:.2f} s",
            f"{latency['first_call_s'] / latency['load_s']:.2f}x the model load, "
            f"{1000 * latency['first_call_s'] / latency['steady_ms']:.2f}x the steady state",
        ),
        ("steady-state pitch_probability, 10 turns (median of 20)", f"{latency['steady_ms']:.0f} ms", ""),
        ("a new PitchDetector() on the loaded model, fitted", f"{latency['new_detector_s']:.3f} s", ""),
        ("PitchDetector.load(saved folder)", f"{latency['load_saved_s']:.3f} s", ""),
        (
            "app pattern: loaded detector, pitch_probability per request, 10 turns (median of 20)",
            f"{latency['app_steady_ms']:.0f} ms",
            "",
        ),
    ]
    return rows, res


def write(
    args: argparse.Namespace, argv: list[str] | None, started: float, rows: list, res: dict, corpus_line: str
) -> None:
    meta = run_meta("throughput", argv)
    meta["seconds"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    lines = [
        f"Command: `{meta['command']}`  ",
        f"Date {meta['date']}, commit {meta['commit']}, nproc {meta['nproc']}, {meta['cpu']}, "
        f"{meta['seconds']} s in all.{corpus_line}",
        "",
        "| measurement | value | note |",
        "|---|---:|---|",
    ] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    save_results(out, {**meta, **res}, "\n".join(lines) + "\n", default=float)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.throughput",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--repeat-share", type=float, default=0.3)
    parser.add_argument("--skip-million", action="store_true", help="skip the 1,000,000-turn streamed run")
    parser.add_argument(
        "--out", default=None, help="default: benchmarks/results/throughput.json (or latency.json)"
    )
    parser.add_argument(
        "--latency-only", action="store_true", help="only the latencies of section 4 (a few minutes)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.latency_only:
        args.out = args.out or str(RESULTS / "latency.json")
        rows, res = latency()
        write(args, argv, started, rows, {"latency": res}, "")
        return 0
    args.out = args.out or str(RESULTS / "throughput.json")
    import linkedins_law as ll

    rows: list[tuple[str, str, str]] = []
    res: dict = {}
    unique = make_corpus(args.threads, 0.0, seed=1)
    repeated = make_corpus(args.threads, args.repeat_share, seed=2)
    n_unique = sum(len(t) for t in unique)
    n_repeat = sum(len(t) for t in repeated)
    distinct_repeat = len({x for t in repeated for x in t})
    res["corpus"] = {
        "threads": args.threads,
        "turns_unique_corpus": n_unique,
        "turns_repeat_corpus": n_repeat,
        "distinct_texts_repeat_corpus": distinct_repeat,
        "repeat_share": args.repeat_share,
    }

    # -- 1. raw encode vs analyze ----------------------------------------------------------
    encoder = ll.SentenceEncoder()
    model = encoder.load()
    model.encode(["warm up"] * 8)
    detector = ll.PitchDetector(encoder).fit()
    flat_unique = [x for t in unique for x in t]
    raw_s = time_it(lambda: model.encode(flat_unique, batch_size=64, normalize_embeddings=True))
    raw_tps = n_unique / raw_s
    an_s = time_it(lambda: ll.analyze(unique, detector=detector, n_bootstrap=0))
    flat_repeat = [x for t in repeated for x in t]
    raw_rep_s = time_it(lambda: model.encode(flat_repeat, batch_size=64, normalize_embeddings=True))
    an_rep_s = time_it(lambda: ll.analyze(repeated, detector=detector, n_bootstrap=0))
    res["minilm"] = {
        "raw_encode_turns_per_s": raw_tps,
        "analyze_turns_per_s": n_unique / an_s,
        "ratio_no_repeats": (n_unique / an_s) / raw_tps,
        "raw_encode_repeat_turns_per_s": n_repeat / raw_rep_s,
        "analyze_repeat_turns_per_s": n_repeat / an_rep_s,
        "ratio_with_repeats": (n_repeat / an_rep_s) / (n_repeat / raw_rep_s),
    }
    m = res["minilm"]
    rows += [
        ("raw SentenceTransformer.encode, no repeats", f"{m['raw_encode_turns_per_s']:.0f} turns/s", ""),
        (
            "analyze end to end, no repeats",
            f"{m['analyze_turns_per_s']:.0f} turns/s",
            f"ratio {m['ratio_no_repeats']:.3f} (target >= 0.95)",
        ),
        (
            f"raw encode, {args.repeat_share:.0%} template turns",
            f"{m['raw_encode_repeat_turns_per_s']:.0f} turns/s",
            "",
        ),
        (
            f"analyze, {args.repeat_share:.0%} template turns",
            f"{m['analyze_repeat_turns_per_s']:.0f} turns/s",
            f"ratio {m['ratio_with_repeats']:.3f} (target > 1.0)",
        ),
    ]

    # -- 2. disk cache cold vs warm ------------------------------------------------------------
    DiskCachedEncoder = getattr(ll, "DiskCachedEncoder", None)
    if DiskCachedEncoder is not None:
        with tempfile.TemporaryDirectory() as cache_dir:
            cached = ll.PitchDetector(DiskCachedEncoder(encoder, cache_dir=cache_dir)).fit()
            cold = time_it(lambda: ll.analyze(unique, detector=cached, n_bootstrap=0))
            warm = time_it(lambda: ll.analyze(unique, detector=cached, n_bootstrap=0))
        res["cache"] = {"cold_s": cold, "warm_s": warm, "speedup": cold / warm}
        rows.append(
            (
                "analyze through the disk cache, cold / warm",
                f"{cold:.1f} s / {warm:.2f} s",
                f"{cold / warm:.0f}x (target >= 20x)",
            )
        )
    else:
        rows.append(("disk cache", "not available", "ll.DiskCachedEncoder missing"))

    # -- 3. static vs MiniLM encode and peak RSS --------------------------------------------
    texts_path = Path(tempfile.mkdtemp()) / "texts.json"
    texts_path.write_text(json.dumps(flat_unique))
    probe = """
        import json, sys, time
        texts = json.load(open({path!r}))
        {make}
        enc.encode(texts[:8])
        t = time.perf_counter(); enc.encode(texts); s = time.perf_counter() - t
        hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0].split()[1]
        print(json.dumps({{"turns_per_s": len(texts) / s, "peak_rss_mb": int(hwm) / 1024,
                           "torch_loaded": "torch" in sys.modules}}))
    """
    minilm_probe = subprocess_json(
        probe.format(path=str(texts_path), make="import linkedins_law as ll; enc = ll.SentenceEncoder()")
    )
    res["minilm_process"] = minilm_probe
    try:
        static_probe = subprocess_json(
            probe.format(
                path=str(texts_path),
                make="import linkedins_law as ll; enc = ll.StaticEncoder()",
            )
        )
    except RuntimeError as exc:
        static_probe = None
        res["static_error"] = str(exc)[-300:]
    if static_probe:
        res["static_process"] = static_probe
        speed = static_probe["turns_per_s"] / minilm_probe["turns_per_s"]
        res["static_speedup"] = speed
        rows += [
            (
                "MiniLM encode (own process)",
                f"{minilm_probe['turns_per_s']:.0f} turns/s",
                f"peak RSS {minilm_probe['peak_rss_mb']:.0f} MB",
            ),
            (
                "static encode (own process)",
                f"{static_probe['turns_per_s']:.0f} turns/s",
                f"peak RSS {static_probe['peak_rss_mb']:.0f} MB; {speed:.0f}x MiniLM (target >= 50x); "
                f"torch loaded: {static_probe['torch_loaded']}",
            ),
        ]
    else:
        rows.append(("static backend", "not available", "ll.StaticEncoder missing or failed"))

    # -- 4. import, load, latency ----------------------------------------------------------------
    latency_rows, res["latency"] = latency()
    rows += latency_rows

    # -- 5. streamed static runs: peak RSS flat? ------------------------------------------------
    if static_probe:
        stream = """
            import json, time, numpy as np
            import linkedins_law as ll
            texts, _, _ = ll.load_exemplars()
            det = ll.PitchDetector(ll.StaticEncoder()).fit()
            def gen(n_turns):
                rng = np.random.default_rng(0); made = 0; serial = 0
                while made < n_turns:
                    k = int(rng.integers(4, 17)); turns = []
                    for _ in range(k):
                        serial += 1
                        base = texts[serial % len(texts)]
                        turns.append(base if serial % 3 == 0 else f"{{base}} ({{serial}})")
                    made += k
                    yield turns
            t = time.perf_counter()
            res = ll.analyze(gen({n}), detector=det, n_bootstrap=0, chunk_turns=20000,
                             keep_trajectories=False)
            s = time.perf_counter() - t
            n = int(res.lengths.sum())
            hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0].split()[1]
            out = {{"turns": n, "seconds": s, "turns_per_s": n / s, "peak_rss_mb": int(hwm) / 1024}}
            print(json.dumps(out))
        """
        sizes = [100_000] + ([] if args.skip_million else [1_000_000])
        res["stream"] = []
        for n in sizes:
            out = subprocess_json(stream.format(n=n))
            res["stream"].append(out)
            rows.append(
                (
                    f"streamed analyze, static, {out['turns']:,} turns",
                    f"{out['turns_per_s']:.0f} turns/s",
                    f"{out['seconds']:.0f} s, peak RSS {out['peak_rss_mb']:.0f} MB",
                )
            )

    # -- 6. torch threads ------------------------------------------------------------------------
    import torch

    subset = flat_unique[:2000]
    speeds = {}
    for n in (1, 2):
        torch.set_num_threads(n)
        speeds[n] = len(subset) / time_it(lambda: model.encode(subset, batch_size=64))
    torch.set_num_threads(os.cpu_count() or 1)
    res["torch_threads"] = speeds
    rows.append(
        (
            "MiniLM encode, torch 1 thread / 2 threads",
            f"{speeds[1]:.0f} / {speeds[2]:.0f} turns/s",
            f"{speeds[2] / speeds[1]:.2f}x from the second core",
        )
    )

    corpus_line = (
        f" Corpus: {args.threads} threads, {n_unique} turns (no repeats) and "
        f"{n_repeat} turns ({args.repeat_share:.0%} templates, {distinct_repeat} distinct texts)."
    )
    write(args, argv, started, rows, res, corpus_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
