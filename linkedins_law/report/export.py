"""The report on one person's LinkedIn data export: every claim of the Law's essays, side by side.

:func:`report_export` reads the whole export (:func:`linkedins_law.read_export`), runs the detector
over every thread in one batched encode, fits and tests the Law, and puts next to it what the rest
of the export can say: which invitations came with a note, and whether a noted invitation changes
what follows. :meth:`ExportAnalysis.write` writes ``report.html`` (one self-contained page, the
figures embedded) and the JSON and CSV files behind it.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .._version import __version__
from ..analysis import CorpusResult, GroupComparison, TimingResult, analyze, analyze_timing
from ..core.thread import Thread
from ..detect import PitchDetector, get_default_detector
from ..law import ClaimWithin
from ..outreach import (
    NULL_PITCHES,
    NULL_PROFILES,
    Relevance,
    Roles,
    RoleShare,
    ThreadTemplates,
    classify_roles,
    relevance,
    role_share,
    thread_templates,
)
from ..readers.linkedin import (
    InvitationMatch,
    InvitationStats,
    LinkedInExport,
    invitation_stats,
    match_invitations,
    read_export,
    with_invitations,
)
from ..readers.linkedin.fields import normalize_name
from .page import Section, escape, figure_html, paragraph, render_page, table_html

__all__ = ["ExportAnalysis", "report_export", "REPORT_FILES"]

#: The files :meth:`ExportAnalysis.write` writes (and nothing else).
REPORT_FILES = ("report.html", "report.json", "threads.csv", "sections.json")
#: A pitch is compared with the reader's profile through the onset turn's sentences whose P(pitch)
#: reaches this level (:meth:`~linkedins_law.Trajectory.pitch_sentences`): what it offers and asks,
#: without the greeting and small talk around it. Chosen on synthetic exports, seeds 0-3
#: (``python -m benchmarks.export_truth``): the best mean ranking AUC among 0, 0.02, 0.05, 0.1, 0.2,
#: 0.3 and 0.5.
RELEVANCE_SENTENCE_LEVEL = 0.05


def _pct(x: float) -> str:
    return "n/a" if x != x else f"{100 * x:.0f}%"


@dataclass(frozen=True)
class ExportAnalysis:
    """Everything :func:`report_export` found in one export.

    Attributes
    ----------
    export : LinkedInExport
        What was read (threads, profile, positions, connections, invitations, per-file reports).
    threads : list of Thread
        The export's threads, each with ``meta["invitation"]`` from the invitation join.
    corpus : CorpusResult
        The detector's trajectories and the Law's fit over every thread.
    pitched_by_owner : bool array
        Per thread: the detected pitch was made by the export's owner (False where no onset).
    invitations : InvitationStats
    invitation_match : InvitationMatch
    claim : ClaimWithin or None
        "The pitch comes within two messages", tested on the detected onsets (None without any).
    groups : dict
        A name ("who opened the thread", "invitation", ...) to the comparison of the Law's curve
        across those groups (the law per group and the log-rank test).
    timing : TimingResult
        The Law in days: P(pitch by day d), reply latency before and after the onset, ghosting.
    templates : ThreadTemplates
        Copy-paste templates over every turn; openers and onset turns flagged.
    roles : Roles
        The role of every connection (``Connections.csv``), from their position and company.
    recruiters : RoleShare or None
        The recruiter share of the network with its interval (None without connections).
    thread_roles : tuple
        Per thread: the role of the other person where they are a connection, else None.
    relevance : Relevance or None
        How related each pitch is to the owner's profile (None without a profile or a pitch); the
        owner's own pitches are left unscored.
    relevance_threads : int array
        The thread index of each entry of ``relevance``.
    timings : dict
        Seconds spent reading, analysing and building the report.
    """

    export: LinkedInExport
    threads: list[Thread]
    corpus: CorpusResult
    pitched_by_owner: np.ndarray
    invitations: InvitationStats
    invitation_match: InvitationMatch
    claim: ClaimWithin | None
    groups: dict[str, GroupComparison]
    timing: TimingResult
    templates: ThreadTemplates
    roles: Roles
    recruiters: RoleShare | None
    thread_roles: tuple[str | None, ...]
    relevance: Relevance | None
    relevance_threads: np.ndarray
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def owner(self) -> str | None:
        return self.export.owner

    # -- sections -------------------------------------------------------------------------------

    def sections(self) -> list[Section]:
        """The page's sections, in reading order."""
        builders: list[Callable[[], Section]] = [
            self._section_verdict,
            self._section_curve,
            self._section_claim,
            self._section_who_pitched,
            self._section_templates,
            self._section_relevance,
            self._section_roles,
            self._section_invitations,
            self._section_groups,
            self._section_time,
            self._section_export,
        ]
        return [build() for build in builders]

    def _section_verdict(self) -> Section:
        law = self.corpus.law
        c = self.corpus
        body = [
            paragraph(
                f"{c.n_threads:,} threads, {int(c.observed.sum()):,} with a detected pitch onset, "
                f"{int(c.censored.sum()):,} that ended without one."
            )
        ]
        data: dict[str, Any] = {"n_threads": c.n_threads, "n_with_onset": int(c.observed.sum())}
        if law is None:
            body.append(paragraph(f"LinkedIn's Law: {c.law_note}", cls="verdict"))
        else:
            body.append(paragraph(f"LinkedIn's Law over these threads: {law.verdict}", cls="verdict"))
            lo, hi = law.asymptote_ci
            interval = (
                f"{law.confidence_level:.0%} interval {lo:.2f} to {hi:.2f}"
                if lo == lo and hi == hi
                else "no interval: the bootstrap was turned off"
            )
            share = (
                f"{law.asymptote:.2f} ({interval})"
                if law.asymptote == law.asymptote
                else "not estimable (the alarms are no more frequent than false alarms alone)"
            )
            body.append(
                paragraph(
                    f"Share of threads that would turn into a pitch if they went on forever: {share}; "
                    f"the Law says 1. The curve is corrected for the detector's own per-turn error "
                    f"rates, so that false alarms in long threads do not manufacture the Law."
                )
            )
            data.update(
                asymptote=law.asymptote, asymptote_ci=[lo, hi], p_value=law.p_value, verdict=law.verdict
            )
        return Section("verdict", "The verdict on the Law", "".join(body), data)

    def _section_curve(self) -> Section:
        law = self.corpus.law
        if law is None:
            return Section("curve", "P(pitch by turn n)", paragraph(str(self.corpus.law_note), cls="missing"))
        from ..plotting import plot_hazard, plot_law

        body = figure_html(
            plot_law(law), caption="P(pitch by turn n): Kaplan-Meier steps, fitted curves and the asymptote"
        ) + figure_html(plot_hazard(law), caption="Hazard: P(pitch at turn n | no pitch before)")
        rows = [
            {"turn": int(t), "P(pitch by turn)": float(v), "low": float(lo), "high": float(hi)}
            for t, v, lo, hi in zip(law.turns, law.curve, law.curve_ci_low, law.curve_ci_high)
        ][:12]
        return Section("curve", "P(pitch by turn n)", body + table_html(rows))

    def _section_claim(self) -> Section:
        claim = self.claim
        title = "Does the pitch come within two messages?"
        if claim is None:
            return Section(
                "claim",
                title,
                paragraph("No pitch was detected, so there is nothing to time.", cls="missing"),
            )
        lo, hi = claim.ci
        body = paragraph(
            f"Of the threads that pitch, a share of {claim.estimate:.2f} ({claim.confidence_level:.0%} "
            f"interval {lo:.2f} to {hi:.2f}) pitch within their first {claim.turns} messages "
            f"(onset at turn index below {claim.turns}; Kaplan-Meier, so that short threads that ended "
            f"early do not bias it). The plain share among the onsets seen is {claim.naive:.2f}."
        ) + paragraph(f"The claim that most pitches come that early: {claim.verdict}", cls="verdict")
        data = {
            "turns": claim.turns,
            "estimate": claim.estimate,
            "ci": [lo, hi],
            "naive": claim.naive,
            "verdict": claim.verdict,
        }
        return Section("claim", title, body, data)

    def _section_templates(self) -> Section:
        tt = self.templates
        title = "Copy-paste outreach"
        n_open = int(tt.templated[tt.opener].sum())
        n_pitch = int(tt.templated[tt.pitch].sum()) if tt.pitch is not None else 0
        body = [
            paragraph(
                f"Near-duplicate messages sent to at least {tt.templates.params['min_threads']} threads "
                "(names, numbers and links masked, small edits allowed; MinHash): "
                f"{tt.templates.n_templates:,} templates. "
                f"{n_open:,} of {tt.n_openers:,} openers ({_pct(tt.opener_share)}) and {n_pitch:,} of "
                f"{tt.n_pitch_turns:,} onset turns ({_pct(tt.pitch_share)}) are templated."
            )
        ]
        rows = [
            {"template": tid, "copies": size, "threads": n_threads, "an example": text[:160]}
            for tid, size, n_threads, text in tt.templates.largest(8)
        ]
        if rows:
            body.append(paragraph("The largest templates:"))
            body.append(table_html(rows))
        data = {
            "n_templates": tt.templates.n_templates,
            "opener_share": tt.opener_share,
            "pitch_share": tt.pitch_share,
            "largest": rows,
        }
        return Section("templates", title, "".join(body), data)

    def _section_relevance(self) -> Section:
        title = "Pitches and your profile"
        rel = self.relevance
        if rel is None:
            why = (
                "no Profile.csv or Positions.csv with text to compare with"
                if not _profile_texts(self.export)
                else "no pitch was detected"
            )
            return Section("relevance", title, paragraph(f"Not measured: {why}.", cls="missing"), {})
        from ..plotting import plot_relevance

        unknown = rel.n_pitches - rel.n_known
        origin = (
            f"the {rel.null_quantile:.0%} quantile of your profile's cosine to "
            f"{rel.null_scores.size} pitches about unrelated businesses"
            if rel.null_quantile is not None
            else "a fixed cosine"
        )
        body = paragraph(
            f"Each pitch someone sent you (the sentences of its onset turn that offer or ask, without "
            f"the greeting and small talk) against your headline, summary and positions, "
            f"on the same embedding as the detector, after taking away what every sales pitch has in "
            f"common (the mean of {len(NULL_PITCHES)} generic pitches) and what every profile has in "
            f"common (the mean of {len(NULL_PROFILES)} generic profiles), so that the cosine measures "
            f"what the texts are about. {int(rel.unrelated.sum()):,} of {rel.n_known:,} "
            f"({_pct(rel.share_unrelated)}) are unrelated to your profile: their cosine is below "
            f"{rel.threshold:.2f}, {origin}. {unknown:,} of the pitches were sent by you and are not scored."
        ) + figure_html(plot_relevance(rel), caption="Relevance of the pitches to your profile")
        data = {
            "n_scored": rel.n_known,
            "n_unrelated": int(rel.unrelated.sum()),
            "share_unrelated": rel.share_unrelated,
            "threshold": rel.threshold,
        }
        return Section("relevance", title, body, data)

    def _section_roles(self) -> Section:
        title = "Who pitches"
        roles = self.roles
        if roles.n_people == 0:
            return Section(
                "roles",
                title,
                paragraph("No connections to classify (Connections.csv is missing or empty).", cls="missing"),
                {},
            )
        share = self.recruiters
        counts = roles.counts()
        body = []
        if share is not None:
            lo, hi = share.ci
            body.append(
                paragraph(
                    f"{share.count:,} of your {share.n_people:,} connections ({_pct(share.share)}, "
                    f"{share.confidence_level:.0%} interval {_pct(lo)} to {_pct(hi)}) are recruiters or HR, "
                    "by their position (an ordered list of title rules, then the nearest role on the "
                    "embedding for titles no rule covers)."
                )
            )
        c = self.corpus
        rows = []
        for role in counts:
            idx = [i for i, r in enumerate(self.thread_roles) if r == role]
            pitched = [i for i in idx if c.observed[i] and not self.pitched_by_owner[i]]
            rows.append(
                {
                    "role": role,
                    "connections": counts[role],
                    "threads with them": len(idx),
                    "they pitched": len(pitched),
                    "share that pitched": len(pitched) / len(idx) if idx else float("nan"),
                }
            )
        body.append(table_html(rows))
        n_unknown = sum(r is None for r in self.thread_roles)
        if n_unknown:
            body.append(
                paragraph(
                    f"{n_unknown:,} thread(s) are with people not among your connections (role unknown).",
                    cls="note",
                )
            )
        data = {
            "counts": dict(counts),
            "recruiter_share": None if share is None else share.share,
            "recruiter_ci": None if share is None else list(share.ci),
            "by_role": rows,
        }
        return Section("roles", title, "".join(body), data)

    def _section_groups(self) -> Section:
        from ..plotting import plot_groups

        parts = [
            paragraph(
                "The Law's curve compared across groups of threads. Each group's curve is the "
                "Kaplan-Meier estimate of its detected onsets; the log-rank test asks whether the "
                "curves differ by more than chance."
            )
        ]
        data: dict[str, Any] = {}
        for name, comp in self.groups.items():
            parts.append(f"<h3>{escape(name)}</h3>")
            rows = []
            for label, n, o in zip(comp.labels, comp.n_threads, comp.n_observed):
                law = comp.laws[label]
                rows.append(
                    {
                        "group": str(label),
                        "threads": int(n),
                        "with a pitch": int(o),
                        "asymptote": float("nan") if law is None else law.asymptote,
                    }
                )
            parts.append(table_html(rows))
            test = comp.logrank
            if test is None:
                parts.append(paragraph(f"Log-rank test {comp.logrank_note}.", cls="note"))
            else:
                parts.append(
                    paragraph(
                        f"Log-rank test: statistic {test.statistic:.2f} on {test.degrees_of_freedom} "
                        f"degree(s) of freedom, p = {test.p_value:.3g}: "
                        + (
                            "the curves differ."
                            if test.p_value < test.alpha
                            else "no difference is detected."
                        )
                    )
                )
            if comp.n_excluded:
                parts.append(paragraph(f"{comp.n_excluded} thread(s) without a label left out.", cls="note"))
            if len(comp.labels) >= 2:
                parts.append(figure_html(plot_groups(comp), caption=f"P(pitch by turn n) by {name}"))
            data[name] = {
                "groups": rows,
                "logrank_p": None if test is None else test.p_value,
                "excluded": comp.n_excluded,
            }
        return Section("groups", "Curves compared across groups", "".join(parts), data)

    def _section_time(self) -> Section:
        from ..plotting import plot_days, plot_incidence

        t = self.timing
        parts = [
            paragraph(
                f"{t.n_timed:,} of {t.n_threads:,} threads carry a time on every turn"
                + (f"; {t.n_without_times:,} do not and are left out." if t.n_without_times else ".")
            )
        ]
        data: dict[str, Any] = {"n_timed": t.n_timed, "n_without_times": t.n_without_times}
        curve = t.pitch_by_day
        if curve is None:
            parts.append(paragraph("No thread is timed, so there is no curve in days.", cls="missing"))
        else:
            lo, hi = curve.median_ci
            parts.append(
                paragraph(
                    f"Median time from the first message to the first pitch: {curve.median:.1f} days "
                    f"({curve.confidence_level:.0%} interval {lo:.1f} to {hi:.1f})."
                )
            )
            parts.append(figure_html(plot_days(curve), caption="P(pitch by day d) since the first message"))
            data.update(median_days=curve.median, median_days_ci=[lo, hi])
        lat = t.latency
        if lat is not None:
            parts.append(
                paragraph(
                    f"Reply latency: median {lat.median_before:.1f} hours between turns up to the onset, "
                    f"{lat.median_after:.1f} hours after it (Mann-Whitney p = {lat.p_value:.3g})."
                )
            )
            data.update(
                latency_before_h=lat.median_before, latency_after_h=lat.median_after, latency_p=lat.p_value
            )
        inc = t.incidence
        if inc is not None:
            finals = {name: float(inc.cumulative[j, -1]) for j, name in enumerate(inc.names)}
            parts.append(
                paragraph(
                    "Pitch and ghosting as competing risks (Aalen-Johansen): by the end, "
                    + ", ".join(f"{name} {value:.2f}" for name, value in finals.items())
                    + ". A thread is ghosted when it ends without the owner's reply and without a pitch."
                )
            )
            parts.append(
                figure_html(plot_incidence(inc), caption="Cumulative incidence of a pitch and of ghosting")
            )
            data["incidence_final"] = finals
        return Section("time", "Time as well as turns", "".join(parts), data)

    def _section_who_pitched(self) -> Section:
        c = self.corpus
        n_owner = int(self.pitched_by_owner.sum())
        n_others = int(c.observed.sum()) - n_owner
        if self.owner is None:
            text = "The export does not say whose it is, so pitches cannot be split by who made them."
        else:
            text = (
                f"Of {int(c.observed.sum()):,} threads with a pitch, {n_others:,} were pitched to "
                f"{self.owner} and {n_owner:,} were pitched by {self.owner}."
            )
        rows = [
            {"who pitched": "someone else", "threads": n_others},
            {"who pitched": "the export's owner", "threads": n_owner},
        ]
        return Section(
            "who-pitched",
            "Who pitched whom",
            paragraph(text) + table_html(rows),
            {"pitched_to_owner": n_others, "pitched_by_owner": n_owner},
        )

    def _section_invitations(self) -> Section:
        s = self.invitations
        if s.count == 0:
            return Section(
                "invitations",
                "Invitations",
                paragraph(
                    "The export holds no invitations (Invitations.csv is missing or empty).", cls="missing"
                ),
                {"count": 0},
            )
        body = [
            paragraph(
                f"{s.count:,} invitations; {s.n_no_note:,} ({_pct(s.share_no_note)}, 95% interval "
                f"{_pct(s.ci_low)} to {_pct(s.ci_high)}) carried no note."
            )
        ]
        rows = [
            {"direction": d, "invitations": n, "without a note": k, "share": k / n if n else float("nan")}
            for d, (n, k) in sorted(s.by_direction.items())
        ]
        body.append(table_html(rows))
        labels = self.invitation_match.labels()
        c = self.corpus
        groups = []
        for label in ("noted", "no note", "none"):
            idx = [i for i, lab in enumerate(labels) if lab == label]
            if idx:
                pitched = float(np.mean(c.observed[idx]))
                onset_turns = [c.durations[i] for i in idx if c.observed[i]]
                groups.append(
                    {
                        "thread opened by": {
                            "noted": "an invitation with a note",
                            "no note": "an invitation without a note",
                            "none": "no invitation found",
                        }[label],
                        "threads": len(idx),
                        "share with a pitch": pitched,
                        "median onset turn": float(np.median(onset_turns)) if onset_turns else float("nan"),
                    }
                )
        body.append(paragraph("Threads by the invitation that opened them:"))
        body.append(table_html(groups))
        return Section(
            "invitations",
            "Invitations",
            "".join(body),
            {
                "count": s.count,
                "share_no_note": s.share_no_note,
                "ci": [s.ci_low, s.ci_high],
                "groups": groups,
            },
        )

    def _section_export(self) -> Section:
        rep = self.export.report
        rows = []
        for name, f in rep.files.items():
            rows.append({"file": name, "rows": f.n_rows, "kept": f.n_kept, "dropped": len(f.dropped_rows)})
        if rep.messages is not None:
            m = rep.messages
            rows.insert(
                0, {"file": "messages.csv", "rows": m.n_rows, "kept": m.n_kept, "dropped": m.n_dropped}
            )
        body = table_html(rows)
        if rep.missing_files:
            body += paragraph("Not in the export: " + ", ".join(rep.missing_files) + ".", cls="missing")
        timing = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
        body += paragraph(f"Read from {rep.source}. Time: {timing}. linkedins_law {__version__}.", cls="note")
        return Section("export", "What was read", body, {"files": rows, "missing": list(rep.missing_files)})

    # -- output ---------------------------------------------------------------------------------

    def to_html(self) -> str:
        """The whole report as one self-contained HTML page."""
        return render_page(
            "LinkedIn's Law on your export",
            self.sections(),
            subtitle=f"{self.owner or 'Owner unknown'} - {self.corpus.n_threads:,} threads",
        )

    def write(self, out: str | Path) -> list[Path]:
        """Write ``report.html``, ``report.json``, ``threads.csv`` and ``sections.json`` into ``out``."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        sections = self.sections()
        page = render_page(
            "LinkedIn's Law on your export",
            sections,
            subtitle=f"{self.owner or 'Owner unknown'} - {self.corpus.n_threads:,} threads",
        )
        paths = [out / name for name in REPORT_FILES]
        paths[0].write_text(page, encoding="utf-8")
        c = self.corpus
        summary = {
            "schema_version": 1,
            "linkedins_law_version": __version__,
            "source": self.export.report.source,
            "owner": self.owner,
            "law": c.law.to_dict() if c.law is not None else c.law_note,
            "sections": {s.id: dict(s.data) for s in sections},
            "timings": {**self.timings, "report": round(time.perf_counter() - started, 3)},
        }
        paths[1].write_text(
            json.dumps(summary, indent=2, ensure_ascii=False, default=_json) + "\n", encoding="utf-8"
        )
        labels = self.invitation_match.labels()
        with open(paths[2], "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["thread_id", "n_turns", "onset", "pitch_speaker", "pitched_by_owner", "invitation"])
            for i, (th, tr) in enumerate(zip(self.threads, c.trajectories)):
                w.writerow(
                    [
                        th.thread_id,
                        tr.n_turns,
                        "" if tr.onset is None else tr.onset,
                        tr.pitch_speaker or "",
                        bool(self.pitched_by_owner[i]),
                        labels[i],
                    ]
                )
        paths[3].write_text(
            json.dumps([{"id": s.id, "title": s.title} for s in sections], indent=2) + "\n", encoding="utf-8"
        )
        return paths


def _json(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def report_export(
    source: str | Path | LinkedInExport,
    *,
    detector: PitchDetector | None = None,
    me: str | None = None,
    n_bootstrap: int = 200,
    random_state: int | np.random.Generator | None = 0,
    show_progress: bool | None = None,
    template_min_threads: int = 5,
    **read_options: Any,
) -> ExportAnalysis:
    """Read a LinkedIn export, detect the pitches in it and test every claim the report covers.

    Parameters
    ----------
    source : path or LinkedInExport
        The export's ``.zip`` or unzipped folder, or what :func:`linkedins_law.read_export` read.
    detector : PitchDetector, optional
        Default: the library's default detector (the bundled pair of encoders).
    me : str, optional
        The export owner's name, where the export does not tell it.
    n_bootstrap, random_state, show_progress
        As for :func:`linkedins_law.analyze`. The claim "within two messages" always gets an
        interval: it draws ``max(n_bootstrap, 200)`` bootstrap replicates of its own.
    template_min_threads : int, default 5
        A text counts as copy-paste outreach when near-copies of it reach at least this many
        different threads (``min_threads`` of :func:`linkedins_law.find_templates`, whose own
        default of 2 also finds a message sent twice). Mass outreach goes to many people, and two or
        three short messages that happen to share a third of their word pairs are common. 5 was
        chosen on synthetic exports (seeds 0-2 of ``benchmarks.export_truth``: precision 0.88-1.00 at
        recall 1.00, against 0.35-0.42 at 2) and is reported on other seeds.
    **read_options
        Passed on to :func:`linkedins_law.read_export` (``encoding``, ``on_error``, size caps).

    Returns
    -------
    ExportAnalysis
        ``.write(folder)`` writes the HTML page and the files behind it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import linkedins_law as ll
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> truth = ll.simulate_export(folder / "export.zip", n_threads=30, random_state=0)
    >>> result = report_export(truth.path, detector=ll.PitchDetector("static"), n_bootstrap=0)
    >>> result.corpus.n_threads
    30
    >>> sorted(p.name for p in result.write(folder / "report"))
    ['report.html', 'report.json', 'sections.json', 'threads.csv']
    """
    t0 = time.perf_counter()
    if isinstance(source, LinkedInExport):
        if me is not None or read_options:
            raise TypeError("me= and reading options apply to a path; the export given was already read")
        export = source
    else:
        export = read_export(source, me=me, **read_options)
    t1 = time.perf_counter()
    if not export.threads:
        raise ValueError(f"the export {export.report.source} holds no threads to analyse")
    match = match_invitations(export.invitations, export.threads, owner=export.owner)
    threads = with_invitations(export.threads, match)
    corpus = analyze(
        threads,
        detector=detector,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        show_progress=show_progress,
    )
    owner_key = normalize_name(export.owner) if export.owner else None
    pitched_by_owner = np.array(
        [
            tr.onset is not None
            and owner_key is not None
            and normalize_name(str(tr.pitch_speaker)) == owner_key
            for tr in corpus.trajectories
        ],
        dtype=bool,
    )
    claim = (
        corpus.within(2, n_bootstrap=max(n_bootstrap, 200), random_state=random_state)
        if corpus.observed.any()
        else None
    )
    groups = {
        "who opened the thread": corpus.compare(
            [_opened_by(th, owner_key) for th in threads], name="who opened the thread"
        ),
        "invitation": corpus.compare(list(match.labels()), name="invitation"),
        "year of the first message": corpus.compare(
            [_first_year(th) for th in threads], name="year of the first message"
        ),
    }
    timing = analyze_timing(threads, corpus.onsets, owner=export.owner)
    templates = thread_templates(threads, pitch=corpus.trajectories, min_threads=template_min_threads)
    first_templated = [_opener_templated(templates, i) for i in range(len(threads))]
    groups["templated opener"] = corpus.compare(first_templated, name="templated opener")
    encoder = (detector or get_default_detector()).encoder_
    connections = export.connections
    roles = classify_roles(
        [c.position for c in connections], [c.company for c in connections], encoder=encoder
    )
    recruiters = role_share(roles) if connections else None
    role_of: dict[str, str] = {}
    for conn, role in zip(connections, roles.role):
        role_of.setdefault(normalize_name(conn.name), str(role))
    thread_roles = tuple(_other_role(th, owner_key, role_of) for th in threads)
    if connections:
        groups["role of the other person"] = corpus.compare(
            list(thread_roles), name="role of the other person"
        )
    profile = _profile_texts(export)
    pitched = np.flatnonzero(corpus.observed)
    rel = None
    if profile and pitched.size:
        level = RELEVANCE_SENTENCE_LEVEL
        texts = [  # a thread with a pitch: its duration is its onset turn
            " ".join(corpus.trajectories[i].pitch_sentences(int(corpus.durations[i]), level)) for i in pitched
        ]
        rel = relevance(texts, profile, encoder=encoder, sent_by_reader=pitched_by_owner[pitched].tolist())
    t2 = time.perf_counter()
    return ExportAnalysis(
        export=export,
        threads=threads,
        corpus=corpus,
        pitched_by_owner=pitched_by_owner,
        invitations=invitation_stats(export.invitations),
        invitation_match=match,
        claim=claim,
        groups=groups,
        timing=timing,
        templates=templates,
        roles=roles,
        recruiters=recruiters,
        thread_roles=thread_roles,
        relevance=rel,
        relevance_threads=pitched,
        timings={"read": round(t1 - t0, 3), "analyse": round(t2 - t1, 3)},
    )


def _opened_by(thread: Thread, owner_key: str | None) -> str | None:
    if owner_key is None:
        return None
    for turn in thread.turns:
        if not turn.is_empty:
            return "the owner" if normalize_name(turn.speaker) == owner_key else "someone else"
    return None


def _opener_templated(templates: ThreadTemplates, index: int) -> bool | None:
    ids = templates.for_thread(index)
    return None if ids.size == 0 else bool(ids[0] >= 0)


def _other_role(thread: Thread, owner_key: str | None, role_of: dict[str, str]) -> str | None:
    others = {normalize_name(turn.speaker) for turn in thread.turns} - {owner_key}
    found = {role_of[name] for name in others if name in role_of}
    return found.pop() if len(found) == 1 else None


def _profile_texts(export: LinkedInExport) -> list[str]:
    """The owner's own words: headline, summary, and each position's title, company and description."""
    texts: list[str] = []
    if export.profile is not None:
        texts += [export.profile.headline, export.profile.summary]
    for p in export.positions:
        texts.append(". ".join(part for part in (p.title, p.company, p.description) if part))
    return [t.strip() for t in texts if t and t.strip()]


def _first_year(thread: Thread) -> int | None:
    for turn in thread.turns:
        if turn.timestamp is not None:
            return turn.timestamp.year
    return None
