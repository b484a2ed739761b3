"""Is sentence-level analysis as fast as its encoder on the same sentences?

``analyze`` splits every turn into sentences and encodes the distinct ones in one batch. This
measures, in one run and on one corpus (``benchmarks.throughput.make_corpus``: threads of 4-16
turns built from the bundled exemplars, every turn unique), the seconds of:

* the raw encoders on exactly the distinct sentences ``analyze`` has to embed: for the default
  pair, ``SentenceTransformer.encode`` of all-MiniLM-L6-v2 plus the static model's own ``encode``
  (``--model minilm``: the first alone);
* ``ll.analyze(threads)`` end to end (splitting, encoding, scoring, onsets, the law without
  bootstrap), detector on the same encoder fitted beforehand.

The two are timed alternately, ``--rounds`` times each, and the ratio of the fastest rounds is
reported (the least disturbed by other load on the machine; every round is kept in the JSON). Target
>= 0.95: the library adds at most 5% to the encoder's own time.

Usage::

    python -m benchmarks.sentence_speed [--threads 400] [--rounds 3] [--model minilm+static|minilm]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.common import run_meta, save_results
from benchmarks.throughput import make_corpus

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.sentence_speed", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--threads", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", choices=("minilm+static", "minilm"), default="minilm+static")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "sentence_speed.json")
    args = parser.parse_args(argv)
    import linkedins_law as ll
    from linkedins_law.embed.sentences import split_sentences

    threads = make_corpus(args.threads, 0.0, seed=3)
    turns = [text for thread in threads for text in thread]
    sentences = sorted({s for text in turns for s in split_sentences(text)})
    sentence_encoder = ll.SentenceEncoder()
    model = sentence_encoder.load()
    model.encode(["warm up"] * 8)
    static = ll.load_static_encoder()
    pair = args.model == "minilm+static"
    encoder = ll.CombinedEncoder([sentence_encoder, static]) if pair else sentence_encoder
    detector = ll.PitchDetector(encoder).fit()
    raw, full = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        model.encode(sentences, batch_size=sentence_encoder.batch_size, normalize_embeddings=True)
        if pair:
            static.encode(sentences)
        raw.append(time.perf_counter() - t)
        t = time.perf_counter()
        ll.analyze(threads, detector=detector, n_bootstrap=0)
        full.append(time.perf_counter() - t)
    res = {
        **run_meta("sentence_speed", argv),
        "threads": len(threads),
        "turns": len(turns),
        "distinct_sentences": len(sentences),
        "model": args.model,
        "raw_encode_s": raw,
        "analyze_s": full,
        "ratio": min(raw) / min(full),
    }
    raw_what = (
        "SentenceTransformer.encode + the static model's encode"
        if args.model == "minilm+static"
        else "SentenceTransformer.encode"
    )
    text = (
        f"# Sentence-level analysis vs the raw encoder\n\n`{res['command']}`, commit {res['commit']}, "
        f"nproc {res['nproc']}, {res['cpu']}; encoder: {args.model}\n\n"
        f"{len(threads)} threads, {len(turns)} turns, {len(sentences)} distinct sentences; fastest of "
        f"{args.rounds} alternating rounds (all: raw {[round(x, 1) for x in raw]} s, analyze "
        f"{[round(x, 1) for x in full]} s)\n\n"
        "| what | seconds | sentences/s |\n|---|---:|---:|\n"
        f"| raw encode of the distinct sentences ({raw_what}) | {min(raw):.1f} | "
        f"{len(sentences) / min(raw):.0f} |\n"
        f"| ll.analyze end to end | {min(full):.1f} | "
        f"{len(sentences) / min(full):.0f} |\n\n"
        f"ratio (analyze speed / encoder speed): **{res['ratio']:.3f}** (target >= 0.95)\n"
    )
    save_results(args.out, res, text)
    return res


if __name__ == "__main__":
    main()
