"""The ``linkedins-law`` command.

``linkedins-law analyze PATH`` reads threads, prints a per-thread table and writes
``report.json`` plus one PNG per thread (up to ``--max-plots``) to ``--out``.
``linkedins-law demo`` does the same on the bundled sample threads.
``linkedins-law report EXPORT`` reads a whole LinkedIn data export and writes one self-contained
HTML page (``report.html``) with the JSON and CSV files behind it.
A LinkedIn data export (its ``.zip``, a ``messages.csv`` or the unzipped folder) is recognised and
read with :func:`~linkedins_law.read_linkedin_export`; its read report is printed first.

Exit codes: 0 success, 2 bad input or usage (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .core.bundled import sample_threads_path
from .core.errors import ReadError, UsageError
from .core.thread import Thread
from .embed.progress import encode_progress
from .law.fit import MAX_BOOTSTRAP, min_bootstrap
from .readers import FORMATS, ReadReport, detect_linkedin_header, read_linkedin_export, read_threads
from .readers.linkedin.fields import normalize_name

__all__ = ["main"]

PROG = "linkedins-law"
CLI_FORMATS = (*FORMATS, "linkedin")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Find where message threads turn into sales pitches. Each sentence of each turn is "
            "embedded (the bundled all-MiniLM-L6-v2 beside a static model distilled from it, by "
            "default, offline) and scored by a head fitted on pitch and non-pitch exemplars."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser, default_out: str) -> None:
        p.add_argument(
            "--out",
            metavar="DIR",
            default=default_out,
            help=f"directory for report.json and the PNG plots (default: {default_out})",
        )
        p.add_argument(
            "--max-plots",
            type=int,
            default=50,
            metavar="N",
            help="write at most N per-thread PNG plots, in file order (default: 50; 0: none)",
        )
        p.add_argument(
            "--threshold",
            type=float,
            default=0.5,
            help="P(pitch) at or above which a turn is a pitch (default: 0.5)",
        )
        p.add_argument(
            "--adapt-prior",
            action="store_true",
            help="estimate the share of pitch turns from these threads (EM, no labels needed) and "
            "calibrate to it, instead of the fixed prior 0.2; the estimate is in report.json. "
            "For corpora where pitches are common: where they are rarer than 5%% of turns the "
            "estimate falls too low and most pitches are missed (it warns)",
        )
        p.add_argument(
            "--model",
            default=None,
            metavar="NAME_OR_PATH",
            help="sentence-transformers model name or path, 'static' for the fast static backend alone, "
            "or 'minilm+static' (default: the bundled all-MiniLM-L6-v2 and static model side by side)",
        )
        p.add_argument(
            "--cache",
            action="store_true",
            help="keep embeddings in the on-disk cache (location: $LINKEDINS_LAW_CACHE_DIR, else "
            "$XDG_CACHE_HOME/linkedins_law, else ~/.cache/linkedins_law); repeated runs skip encoding",
        )
        p.add_argument(
            "--cache-dir",
            default=None,
            metavar="DIR",
            help="use DIR for the on-disk cache (implies --cache)",
        )
        p.add_argument(
            "--bootstrap",
            type=int,
            default=200,
            metavar="B",
            help="bootstrap replicates for the law's intervals (default: 200; 0: none)",
        )
        p.add_argument(
            "--no-law",
            action="store_true",
            help="skip fitting and testing the law across threads (law.png, hazard.png, report['law'])",
        )
        p.add_argument("--quiet", action="store_true", help="do not print the per-thread table")
        p.add_argument(
            "--no-progress",
            action="store_true",
            help="no progress bar (by default one shows on stderr once encoding takes a few seconds)",
        )
        p.add_argument(
            "--force",
            action="store_true",
            help="--out holds the files of an earlier run: delete them first (without it the command "
            "refuses to write into a folder that is not empty)",
        )

    analyze = sub.add_parser(
        "analyze",
        help="analyse threads from a file",
        description=(
            "Analyse the threads in PATH. The file has one row per turn with columns "
            "thread_id, speaker, text and optionally timestamp (ISO 8601) and label "
            "(pitch/other). Prints a table and writes report.json and PNG plots to --out. "
            "A LinkedIn data export (the .zip, its messages.csv or the unzipped folder) is "
            "recognised by its header and read as LinkedIn threads."
        ),
    )
    analyze.add_argument(
        "path",
        metavar="PATH",
        help="a .jsonl, .json or .csv file of turns, or a LinkedIn export (.zip, messages.csv or its folder)",
    )
    analyze.add_argument(
        "--format",
        choices=CLI_FORMATS,
        default=None,
        help=(
            "file format (default: from the file suffix; a .zip, or a .csv or folder with a LinkedIn "
            "messages.csv header, is read as linkedin)"
        ),
    )
    analyze.add_argument(
        "--skip-malformed",
        action="store_true",
        help=(
            "LinkedIn exports only: skip malformed rows (counted, with their line numbers, in the read "
            "report) instead of stopping at the first one"
        ),
    )
    analyze.add_argument(
        "--me",
        metavar="NAME",
        default=None,
        help=(
            "LinkedIn exports only: your name as the export writes it, to count the threads you "
            "pitched apart from those pitched to you (default: found from the export when it names "
            "one owner)"
        ),
    )
    analyze.add_argument(
        "--encoding",
        default=None,
        metavar="CODEC",
        help="the file's text encoding, e.g. utf-8, utf-16, cp1252 (default: found from a byte-order "
        "mark, else UTF-8, else cp1252, which the read report then names)",
    )
    analyze.add_argument(
        "--columns",
        default=None,
        metavar="NAME=COLUMN,...",
        help="the file's names for the columns thread_id, speaker, text, timestamp and label, where "
        "they differ, e.g. thread_id=conversation_id,speaker=author,text=message (not for LinkedIn "
        "exports)",
    )
    analyze.add_argument(
        "--max-unzipped-mb",
        type=float,
        default=None,
        metavar="MB",
        help="LinkedIn zips only: refuse a messages.csv that unzips to more than MB megabytes "
        "(default: 2048)",
    )
    analyze.add_argument(
        "--max-zip-ratio",
        type=float,
        default=None,
        metavar="R",
        help="LinkedIn zips only: refuse a messages.csv compressed more than R times (default: 200)",
    )
    common(analyze, "linkedins_law_report")
    demo = sub.add_parser(
        "demo",
        help="analyse the bundled sample threads",
        description="Analyse the bundled sample threads (linkedins_law/data/sample_threads.jsonl).",
    )
    common(demo, "demo_report")
    report = sub.add_parser(
        "report",
        help="one HTML report on a whole LinkedIn data export",
        description=(
            "Read a LinkedIn data export (the .zip or its unzipped folder: messages, profile, "
            "positions, connections, invitations), detect the pitches, test the Law and every claim "
            "the report covers, and write report.html (one self-contained page, nothing fetched "
            "from anywhere) with report.json and the CSV files behind it to --out."
        ),
    )
    report.add_argument("path", metavar="EXPORT", help="the export's .zip or unzipped folder")
    report.add_argument("--out", metavar="DIR", default="linkedins_law_export_report", help="output folder")
    report.add_argument(
        "--model",
        default=None,
        metavar="NAME_OR_PATH",
        help="as for analyze; 'static' is about 70 times faster than the default pair",
    )
    report.add_argument("--me", metavar="NAME", default=None, help="your name, where the export does not say")
    report.add_argument("--encoding", default=None, metavar="CODEC", help="as for analyze")
    report.add_argument("--skip-malformed", action="store_true", help="as for analyze")
    report.add_argument("--bootstrap", type=int, default=200, metavar="B", help="as for analyze")
    report.add_argument("--force", action="store_true", help="replace an earlier report in --out")
    report.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def _safe_name(thread_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", thread_id)[:80].strip(".") or "thread"


def plot_file_names(thread_ids: Sequence[str | None]) -> list[str]:
    """One PNG file name per thread, unique even where the ids differ only in case or in
    characters a file name cannot hold: a collision gets a ``+2``, ``+3``... suffix, which no
    cleaned id can produce, so it collides with nothing.

    Examples
    --------
    >>> plot_file_names(["a/b", "a_b", "A_B", None])
    ['trajectory_a_b.png', 'trajectory_a_b+2.png', 'trajectory_A_B+3.png', 'trajectory_3.png']
    """
    used: set[str] = set()
    names = []
    for i, thread_id in enumerate(thread_ids):
        base = _safe_name(str(thread_id if thread_id is not None else i))
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            name = f"{base}+{k}"
        used.add(name.casefold())
        names.append(f"trajectory_{name}.png")
    return names


_OWN_FILES = re.compile(
    r"(report\.json|threads\.csv|turns\.csv|law\.png|hazard\.png|trajectory_.+\.png"
    r"|report\.html|sections\.json|templates\.csv|groups\.csv)"
)


def prepare_out(out: Path, inputs: Sequence[Path], force: bool) -> None:
    """Make ``out`` ready for a run: created, or emptied of an earlier run's files with ``force``.

    Refuses (UsageError) when ``out`` is a symlink, when an input lies inside it where a run
    would write or delete, when it holds anything this command does not write (or a symlink),
    and when it holds an earlier run's files and ``force`` is not given.
    """
    if out.is_symlink():
        raise UsageError(f"--out {out} is a symbolic link; pass a real folder")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder; choose a folder")
    real_out = out.resolve()
    for item in inputs:
        real = item.resolve()
        if real == real_out or real_out in real.parents:
            if real.parent != real_out or real.is_dir() or _OWN_FILES.fullmatch(real.name):
                raise UsageError(
                    f"--out {out} holds the input {item}, which the run would overwrite or delete; "
                    "choose another --out"
                )
    if not out.exists():
        out.mkdir(parents=True)
        return
    entries = sorted(out.iterdir())
    foreign = [
        e.name for e in entries if e.is_symlink() or not e.is_file() or not _OWN_FILES.fullmatch(e.name)
    ]
    if any(e.resolve() in {i.resolve() for i in inputs} for e in entries):
        foreign += [e.name for e in entries if e.resolve() in {i.resolve() for i in inputs}]
    if foreign:
        shown = ", ".join(sorted(set(foreign))[:5])
        raise UsageError(
            f"--out {out} holds files this command did not write ({shown}); choose an empty or new folder"
        )
    if entries and not force:
        raise UsageError(
            f"--out {out} holds the {len(entries)} file(s) of an earlier run; pass --force to replace "
            "them, or choose another folder"
        )
    for entry in entries:
        entry.unlink()


def _fmt_onset(value: int | None) -> str:
    return "-" if value is None else str(value)


def _table(trajectories: Sequence[Any], labelled: bool) -> str:
    header = ["thread", "turns", "onset"] + (["labelled"] if labelled else []) + ["P(pitch)", "kind", "by"]
    rows = []
    for t in trajectories:
        row = [str(t.thread_id), str(t.n_turns), _fmt_onset(t.onset)]
        if labelled:
            row.append(_fmt_onset(t.labelled_onset))
        p = t.pitch_probability
        row += ["nan" if p != p else f"{p:.2f}", t.pitch_kind or "-", (t.pitch_speaker or "-")[:24]]
        rows.append(row)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


REPORT_SCHEMA_VERSION = 2
"""Version of report.json's layout; raised when a key is renamed, moved or removed.

2: ``schema_version`` added; the run time moved from ``summary.seconds`` to ``timings.seconds``, the
one key that differs between two runs on the same input.
"""

THREAD_COLUMNS = (
    "thread_id", "turns", "onset", "labelled_onset", "pitch_probability", "pitch_kind", "onset_speaker",
    "onset_sentence",
)
TURN_COLUMNS = (
    "thread_id", "turn", "speaker", "text", "label", "proba", "onset", "started", "in_pitch", "score",
    "drift", "topic_drift", "kind", "pitch_sentence",
)


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def write_tables(out: Path, trajectories: Sequence[Any], threads: Sequence[Thread]) -> None:
    """Write ``threads.csv`` (one row per thread) and ``turns.csv`` (one row per turn) to ``out``.

    UTF-8 CSV for spreadsheets and pandas; empty cells for missing values (no onset, no label,
    turns without text). Columns: :data:`THREAD_COLUMNS` and :data:`TURN_COLUMNS`.
    """
    import csv

    with open(out / "threads.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(THREAD_COLUMNS)
        for t in trajectories:
            writer.writerow([_cell(v) for v in (
                t.thread_id, t.n_turns, t.onset, t.labelled_onset, t.pitch_probability, t.pitch_kind,
                t.pitch_speaker, t.onset_sentence,
            )])
    with open(out / "turns.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(TURN_COLUMNS)
        for t, thread in zip(trajectories, threads):
            labels = thread.meta.get("labels")
            for i, turn in enumerate(thread.turns):
                writer.writerow([_cell(v) for v in (
                    t.thread_id, i, turn.speaker, turn.text, labels[i] if labels else None,
                    float(t.proba[i]), i == t.onset, float(t.started[i]), float(t.in_pitch[i]),
                    float(t.score[i]), float(t.drift[i]), float(t.topic_drift[i]),
                    t.kind[i] if t.proba[i] >= t.threshold else None, t.sentence_of(i),
                )])


def _parse_columns(value: str | None) -> dict[str, str] | None:
    """``--columns thread_id=conversation_id,text=message`` as ``{"thread_id": ..., "text": ...}``."""
    if value is None:
        return None
    out: dict[str, str] = {}
    for part in value.split(","):
        name, sep, column = part.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not name or not column:
            raise UsageError(
                f"--columns takes NAME=COLUMN pairs separated by commas, e.g. "
                f"thread_id=conversation_id,text=message; got {part.strip()!r} in {value!r}"
            )
        if name in out:
            raise UsageError(f"--columns names {name!r} twice; map each name once")
        out[name] = column
    return out


def _check_bootstrap(n: int) -> None:
    if n < 0:
        raise UsageError(f"--bootstrap must be >= 0, got {n}")
    if 0 < n < min_bootstrap(0.95) or n > MAX_BOOTSTRAP:
        raise UsageError(
            f"--bootstrap must be 0 (no intervals) or from {min_bootstrap(0.95)} (one replicate in each "
            f"tail of a 95% interval) to {MAX_BOOTSTRAP:,}, got {n}"
        )


def _run(path: Path, fmt: str | None, args: argparse.Namespace) -> int:
    from .analysis import analyze
    from .detect import PitchDetector
    from .embed import DEFAULT_PAIR, get_encoder

    if args.max_plots < 0:
        raise UsageError(f"--max-plots must be >= 0, got {args.max_plots}")
    if not 0.0 < args.threshold < 1.0:
        raise UsageError(f"--threshold must be strictly between 0 and 1, got {args.threshold}")
    _check_bootstrap(args.bootstrap)
    skip_malformed = getattr(args, "skip_malformed", False)
    encoding = getattr(args, "encoding", None)
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(
                f"--encoding {encoding!r} is not a codec Python knows; e.g. utf-8, utf-16, cp1252"
            ) from None
    me = getattr(args, "me", None)
    columns = _parse_columns(getattr(args, "columns", None))
    read_report: ReadReport | None = None
    threads: list[Thread]
    suffix = path.suffix.lower()
    if fmt == "linkedin" or (
        fmt is None
        and (suffix == ".zip" or ((suffix == ".csv" or path.is_dir()) and detect_linkedin_header(path)))
    ):
        if me is not None and not me.strip():
            raise UsageError("--me must be a name, got an empty string")
        if columns is not None:
            raise UsageError(
                "--columns is for files of turns (jsonl, json, csv); a LinkedIn export's columns "
                "are read by name"
            )
        limits: dict[str, Any] = {}
        if getattr(args, "max_unzipped_mb", None) is not None:
            if not args.max_unzipped_mb > 0:
                raise UsageError(f"--max-unzipped-mb must be > 0, got {args.max_unzipped_mb}")
            limits["max_unzipped_bytes"] = int(args.max_unzipped_mb * 1024**2)
        if getattr(args, "max_zip_ratio", None) is not None:
            if not args.max_zip_ratio > 0:
                raise UsageError(f"--max-zip-ratio must be > 0, got {args.max_zip_ratio}")
            limits["max_zip_ratio"] = args.max_zip_ratio
        threads = read_linkedin_export(
            path, on_error="skip" if skip_malformed else "raise", me=me, encoding=encoding, **limits
        )
        read_report = threads.report
        print(read_report.summary())
        print()
    elif skip_malformed or me is not None:
        option = "--skip-malformed" if skip_malformed else "--me"
        raise UsageError(
            f"{option} applies to LinkedIn exports only; leave it out, or pass --format linkedin "
            "for a LinkedIn messages.csv"
        )
    else:
        try:
            threads = read_threads(path, format=fmt, encoding=encoding, columns=columns)
        except ValueError as exc:  # a bad --columns value (a ReadError, about the file, passes on)
            if isinstance(exc, ReadError):
                raise
            message = str(exc)
            message = f"--{message}" if message.startswith("columns") else f"--columns: {message}"
            raise UsageError(message) from None
        read_report = threads.report  # in report.json: rows read and the encoding used
    if args.adapt_prior and all(turn.is_empty for thread in threads for turn in thread.turns):
        raise UsageError(
            f"--adapt-prior needs at least one turn with text, and all "
            f"{sum(len(t) for t in threads)} turns are empty; leave --adapt-prior out"
        )
    out = Path(args.out)
    prepare_out(out, [path], args.force)
    started = time.perf_counter()
    encoder: Any = get_encoder(args.model) if args.model else None
    if args.cache or args.cache_dir:
        from .embed import DiskCachedEncoder

        encoder = DiskCachedEncoder(encoder or get_encoder(DEFAULT_PAIR), cache_dir=args.cache_dir)
    if args.adapt_prior:
        from .embed import MemoryCachedEncoder

        # the turns are encoded once, for the estimate and the trajectories alike
        encoder = MemoryCachedEncoder(encoder or get_encoder(DEFAULT_PAIR))
    detector = PitchDetector(encoder, threshold=args.threshold)
    if args.adapt_prior:
        detector.adapt_prior(threads)
    result = analyze(threads, detector=detector, n_bootstrap=args.bootstrap, with_law=not args.no_law)
    trajectories = result.trajectories
    elapsed = time.perf_counter() - started
    labelled = any("onset" in th.meta for th in threads)
    summary: dict[str, Any] = {
        "n_threads": len(trajectories),
        "n_turns": sum(t.n_turns for t in trajectories),
        "n_with_onset": sum(t.onset is not None for t in trajectories),
    }
    if labelled:
        scored = [(t, th.meta["onset"]) for t, th in zip(trajectories, threads) if "onset" in th.meta]
        agree = sum(t.onset == onset for t, onset in scored)
        summary["n_labelled"] = len(scored)
        summary["onset_agreement"] = round(agree / len(scored), 4)
    owner = read_report.me if read_report is not None else None
    if owner is not None:
        pitchers = [t.pitch_speaker for t in trajectories if t.onset is not None]
        mine = sum(normalize_name(str(p)) == normalize_name(owner) for p in pitchers)
        summary["export_owner"] = owner
        summary["n_pitched_by_owner"] = mine
        summary["n_pitched_by_others"] = len(pitchers) - mine
    law = result.law
    law_note = None if args.no_law else result.law_note
    report = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "linkedins_law_version": __version__,
        "source": str(path),
        "model": detector.encoder_name_,
        "threshold": detector.threshold,
        "prior": detector.prior_,
        "prior_source": "estimated from these threads (EM)" if args.adapt_prior else "fixed",
        **({"read_report": read_report.to_dict()} if read_report is not None else {}),
        "summary": summary,
        "law": law.to_dict() if law is not None else law_note,
        "threads": [t.to_dict() for t in trajectories],
        "timings": {"seconds": round(elapsed, 3)},
    }
    n_plots = min(args.max_plots, len(trajectories))
    plot_names = plot_file_names([t.thread_id for t in trajectories[:n_plots]])
    report["plot_files"] = [
        {"thread": i, "thread_id": t.thread_id, "file": name}
        for i, (t, name) in enumerate(zip(trajectories, plot_names))
    ]
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    (out / "report.json").write_text(text, encoding="utf-8")
    write_tables(out, trajectories, threads)
    if n_plots or law is not None:
        os.environ.setdefault("MPLBACKEND", "Agg")
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

    if law is not None:
        from .plotting import plot_hazard, plot_law

        for name, draw in (("law", plot_law), ("hazard", plot_hazard)):
            ax = draw(law)
            ax.figure.savefig(out / f"{name}.png", dpi=110)
            plt.close(ax.figure)
    for traj, name in zip(trajectories, plot_names):
        ax = traj.plot()
        ax.figure.savefig(out / name, dpi=110)
        plt.close(ax.figure)
    if not args.quiet:
        print(_table(trajectories, labelled))
        print()
    line = (
        f"{summary['n_threads']} threads, {summary['n_turns']} turns, "
        f"{summary['n_with_onset']} with a pitch onset"
    )
    if labelled:
        line += f"; onset matches the label in {summary['onset_agreement']:.0%} of labelled threads"
    print(line)
    if owner is not None:
        print(
            f"pitches: {summary['n_pitched_by_others']} thread(s) where someone pitched {owner}, "
            f"{summary['n_pitched_by_owner']} where {owner} pitched"
        )
    if args.adapt_prior:
        print(f"share of pitch turns estimated from these threads: {detector.prior_:.3f}")
    if law is not None:
        print(f"LinkedIn's Law over these threads: {law.verdict}")
    elif law_note:
        print(f"LinkedIn's Law: {law_note}")
    skipped = len(trajectories) - n_plots
    extra = f" (plots capped at {n_plots}; {skipped} not drawn)" if skipped else ""
    law_files = " + law.png, hazard.png" if law is not None else ""
    print(
        f"wrote {out / 'report.json'}, threads.csv, turns.csv, {n_plots} trajectory PNG(s){law_files} "
        f"to {out}{extra}"
    )
    return 0


def _report(path: Path, args: argparse.Namespace) -> int:
    from .detect import PitchDetector
    from .embed import get_encoder
    from .report.export import report_export

    _check_bootstrap(args.bootstrap)
    if args.me is not None and not args.me.strip():
        raise UsageError("--me must be a name, got an empty string")
    if not path.exists():
        raise UsageError(f"{path} does not exist; give the export's .zip or its unzipped folder")
    out = Path(args.out)
    prepare_out(out, [path], args.force)
    detector = PitchDetector(get_encoder(args.model) if args.model else None)
    result = report_export(
        path,
        detector=detector,
        me=args.me,
        n_bootstrap=args.bootstrap,
        encoding=args.encoding,
        on_error="skip" if args.skip_malformed else "raise",
    )
    print(result.export.report.summary())
    print()
    print(result.corpus.summary())
    written = result.write(out)
    print(f"wrote {', '.join(p.name for p in written)} to {out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Examples
    --------
    >>> main(["--version"])  # doctest: +SKIP
    linkedins-law 0.1.0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        with encode_progress(False if args.no_progress else None):
            if args.command == "demo":
                return _run(sample_threads_path(), None, args)
            if args.command == "report":
                return _report(Path(args.path), args)
            return _run(Path(args.path), args.format, args)
    except (UsageError, ReadError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
