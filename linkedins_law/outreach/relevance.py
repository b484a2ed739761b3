"""Relevance to the reader: is a pitch about anything the reader does?

:func:`relevance` scores each pitch (the onset turn's text, or its pitching sentences) against
the reader's own profile: headline, summary, position titles and descriptions, given as one
string or a list of strings. Pitches and profile pieces are encoded with the same encoder (any
:class:`~linkedins_law.Encoder`; the bundled all-MiniLM-L6-v2 by default) and a pitch's score is
its largest cosine similarity to any one profile piece: a profile lists several things a person
does, and a pitch is related when it is about one of them.

**Centred.** Every sales pitch shares a register ("we help teams like yours ... 15 minutes next
week?") and every profile a self-description, and raw cosines are dominated by them: a pitch
about payroll and one about the reader's own field come out close. So the cosine is taken after
subtracting from each side what its kind has in common: from the pitch, the mean embedding of
:data:`NULL_PITCHES` (what a generic pitch looks like); from the profile piece, that of
:data:`NULL_PROFILES` (self-descriptions of many unrelated occupations: what a generic profile
looks like). What is left is what the texts are *about*. On synthetic exports (``python -m
benchmarks.export_truth``), with pitches scored by their pitching sentences as the export report
does, the ranking AUC of pitches about the owner's field over unrelated ones is 0.98, 0.97, 0.96
and 0.97 on seeds 0-3 (on which both centres were chosen), against 0.97, 0.96, 0.92 and 0.95 with
both sides centred on the generic pitches and 0.81-0.93 with no centring; on the held-out seeds
8-11 it is 0.95, 0.97, 0.98 and 0.95 (0.94, 0.95, 0.97 and 0.89 with both sides on the pitches).

**Threshold.** A cosine has no fixed meaning across profiles (a long, broad profile is closer to
everything), so the threshold is calibrated per profile against a null distribution: the scores
of the same profile against :data:`NULL_PITCHES`, pitches about many unrelated everyday
businesses (dental supplies, freight, solar panels, wedding photos, ...). A pitch is
``"unrelated"`` when its score is below the ``null_quantile`` (0.9 by default) of those null
scores, i.e. it is no closer to the reader than nine in ten pitches about random businesses. A
fixed cosine may be given instead (``threshold=``).

A pitch the reader sent themselves (``sent_by_reader``) gets no score (``nan``) and the label
``"unknown"``: the reader's own pitch says nothing about how well others target them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.checks import check_unit_interval, describe
from ..core.optional import require_pandas
from ..embed.base import Encoder, embed_texts, get_encoder
from ..embed.vectors import unit_rows

__all__ = ["NULL_PITCHES", "NULL_PROFILES", "Relevance", "relevance"]

#: Pitches about unrelated everyday businesses: the null distribution of a profile's scores.
NULL_PITCHES: tuple[str, ...] = (
    "We supply dental clinics with sterilisation equipment at wholesale prices, can I send a catalogue?",
    "Our freight forwarding team moves containers from Asia to Europe in 21 days, want a quote?",
    "We install solar panels on commercial roofs with zero upfront cost, interested in a site survey?",
    "I photograph weddings and elopements across the coast, booking for next summer now.",
    "Our office furniture rental lets you furnish a new floor in a week, shall I share prices?",
    "We offer catering for corporate events with seasonal menus, can we cater your next party?",
    "Looking to sell your house? Our estate agency values homes for free this month.",
    "We print custom branded merchandise, t-shirts and mugs, with delivery in five days.",
    "Our cleaning crews keep offices spotless overnight, may I arrange a free trial clean?",
    "We import premium olive oil from small family farms, would your restaurant like samples?",
    "Our pest control service removes rodents from warehouses safely, need an inspection?",
    "We organise team-building retreats in the mountains, shall I send our brochure?",
    "Our accounting firm files small business taxes for a flat fee, want a consultation?",
    "We sell refurbished forklifts with a two-year warranty, any fleet needs this quarter?",
    "We lease electric company cars with charging included, open to a quick comparison?",
    "Our translation agency localises legal contracts into 40 languages, can I help?",
    "We run online yoga classes for employees to reduce stress, want a free first class?",
    "Our vending machines stock healthy snacks for offices at no cost to you.",
    "We repair industrial refrigeration units within 24 hours, shall I add you to our list?",
    "Our travel agency books group trips and conference travel at negotiated rates.",
    "We design custom kitchens and install them in three weeks, free measuring visit?",
    "We help investors buy rental flats abroad with guaranteed yields, interested?",
    "Our security guards protect construction sites around the clock, need a quote?",
    "We sell fresh flowers by subscription for office receptions, first month free.",
    "Our logistics software tracks lorries and fuel use for haulage companies.",
    "We offer driving lessons for corporate fleets to cut accident rates.",
    "Our wine club delivers curated bottles monthly, a perfect client gift.",
    "We manufacture packaging boxes from recycled cardboard, can I send samples?",
    "Our language school teaches business Spanish to teams, online or on site.",
    "We provide scaffolding hire for building projects across the region.",
    "Our insurance brokers find cheaper liability cover for small shops.",
    "We sell coffee machines and beans to offices with free maintenance.",
    "Our dog walking service looks after pets while you are at work.",
    "We offer crypto trading signals with high returns, join our group today.",
    "Our marketing agency grows restaurant bookings through social media ads.",
    "We install air conditioning in offices before the summer rush, free survey?",
    "Our uniform supplier dresses hotel and hospitality staff at volume prices.",
    "We run a coworking space downtown with desks from 150 a month, want a tour?",
    "Our interior plants service brings greenery to offices and maintains it weekly.",
    "We recycle old laptops and phones securely and pay you for the devices.",
)


#: Profiles of unrelated occupations, headlines and summaries: the centre of the profile side.
NULL_PROFILES: tuple[str, ...] = (
    "Operations manager at a regional distribution company",
    "Primary school teacher and reading specialist",
    "Chartered accountant helping family firms with their taxes",
    "Civil engineer working on bridges and road junctions",
    "Head chef at a seasonal bistro",
    "HR business partner for a retail group",
    "Graphic designer: brand identities and packaging",
    "Employment lawyer, mostly tribunal work",
    "Community pharmacist and store manager",
    "Veterinary surgeon at a rural practice",
    "Marketing lead for a consumer savings app",
    "Electrician and owner of a small contracting business",
    "Research scientist in marine biology",
    "Customer support team lead at a mobile network",
    "Estate agent covering the city centre and suburbs",
    "Hotel general manager, 120 rooms and a conference floor",
    "I lead a team of twelve and care about clear processes and good hiring.",
    "Passionate about people, learning and doing things properly. Always happy to connect.",
    "Ten years in my field, mentoring juniors and improving how we work.",
    "Previously at two start-ups; now building a team and a product I believe in.",
    "Proud of the work we do for our clients every day. Open to new opportunities.",
    "Curious, hands-on and happiest when a project ships on time.",
)


@dataclass(frozen=True)
class Relevance:
    """How related each pitch is to the reader's profile.

    Attributes
    ----------
    score : numpy.ndarray
        float per pitch: the largest centred cosine similarity to a profile piece (see the module
        description); ``nan`` for pitches the reader sent.
    label : numpy.ndarray
        str per pitch: ``"related"``, ``"unrelated"`` (score below ``threshold``) or ``"unknown"``.
    threshold : float
        The cosine below which a pitch is unrelated.
    null_scores : numpy.ndarray
        The profile's scores against :data:`NULL_PITCHES` (empty when a fixed threshold was given).
    null_quantile : float or None
        The quantile of ``null_scores`` used as the threshold (None for a fixed threshold).
    encoder : str
    """

    score: np.ndarray
    label: np.ndarray
    threshold: float
    null_scores: np.ndarray
    null_quantile: float | None
    encoder: str

    @property
    def n_pitches(self) -> int:
        return int(self.score.size)

    @property
    def n_known(self) -> int:
        """Pitches with a score (not sent by the reader)."""
        return int(np.isfinite(self.score).sum())

    @property
    def unrelated(self) -> np.ndarray:
        """bool per pitch: labelled unrelated."""
        return self.label == "unrelated"

    @property
    def share_unrelated(self) -> float:
        """Share of the scored pitches that are unrelated (``nan`` when none is scored)."""
        return float(self.unrelated.sum() / self.n_known) if self.n_known else float("nan")

    def summary(self) -> str:
        """The share unrelated, the threshold and where it comes from."""
        if self.null_quantile is not None:
            origin = (
                f"the {self.null_quantile:.0%} quantile of the profile's scores against "
                f"{self.null_scores.size} pitches about unrelated businesses"
            )
        else:
            origin = "a fixed cosine"
        unknown = self.n_pitches - self.n_known
        share = f"{self.share_unrelated:.1%}" if self.n_known else "n/a"
        return (
            f"{int(self.unrelated.sum())} of {self.n_known} scored pitches unrelated to the reader "
            f"({share}); "
            f"threshold cosine {self.threshold:.3f} ({origin}; {self.encoder})"
            + (f"; {unknown} sent by the reader, not scored" if unknown else "")
        )

    def __repr__(self) -> str:
        return f"Relevance(n_pitches={self.n_pitches}, share_unrelated={self.share_unrelated:.3f})"

    def _repr_html_(self) -> str:
        return f"<p><b>Relevance</b>: {html.escape(self.summary())}</p>"

    def to_frame(self) -> Any:
        """One row per pitch: ``score``, ``label`` (needs pandas).

        Examples
        --------
        >>> from linkedins_law import StaticEncoder
        >>> result = relevance(["Our payroll tool for clinics"], "Nurse", encoder=StaticEncoder())
        >>> result.to_frame().columns.tolist()
        ['score', 'label']
        """
        pd = require_pandas("Relevance.to_frame")
        return pd.DataFrame({"score": self.score, "label": self.label})


def _texts(name: str, values: Any) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence of str, got {describe(values)}; wrap one text in a list")
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"{name}[{i}] must be a str, got {describe(v)}")
    return list(values)


def relevance(
    pitch_texts: Sequence[str],
    profile_texts: str | Sequence[str],
    *,
    encoder: Encoder | str | None = None,
    sent_by_reader: Sequence[bool] | None = None,
    null_quantile: float = 0.9,
    threshold: float | None = None,
) -> Relevance:
    """Score how related each pitch is to the reader's profile, and label the unrelated ones.

    Parameters
    ----------
    pitch_texts : sequence of str
        One text per pitched thread: the onset turn's text or its pitching sentences.
    profile_texts : str or sequence of str
        The reader's profile: headline, summary, position titles and descriptions (a plain string
        is one piece). Empty pieces are skipped; at least one must be left.
    encoder : Encoder, str or None
        See :func:`~linkedins_law.get_encoder`; None: the bundled all-MiniLM-L6-v2.
    sent_by_reader : sequence of bool, optional
        True where the reader sent the pitch: no score (``nan``), label ``"unknown"``.
    null_quantile : float
        The quantile of the null scores used as the threshold, in (0, 1).
    threshold : float, optional
        A fixed (centred) cosine instead of the null calibration.

    Returns
    -------
    Relevance

    Examples
    --------
    >>> from linkedins_law import StaticEncoder
    >>> profile = ["Pediatric nurse", "I care for children in a hospital ward and teach new nurses"]
    >>> result = relevance(["Our scheduling app helps hospital nurses swap shifts easily",
    ...                     "We sell refurbished forklifts for warehouses",
    ...                     "My own offer"], profile, encoder=StaticEncoder(),
    ...                    sent_by_reader=[False, False, True])
    >>> result.label.tolist()
    ['related', 'unrelated', 'unknown']
    >>> bool(result.score[0] > result.score[1]), bool(np.isnan(result.score[2]))
    (True, True)
    """
    pitches = _texts("pitch_texts", pitch_texts)
    profile = [profile_texts] if isinstance(profile_texts, str) else _texts("profile_texts", profile_texts)
    profile = [p for p in profile if p.strip()]
    if not profile:
        raise ValueError(
            "profile_texts has no text: give the reader's headline, summary or position titles "
            "(a str or a list of str), e.g. ['Data engineer', 'I build pipelines']"
        )
    n = len(pitches)
    if sent_by_reader is None:
        mine = np.zeros(n, dtype=bool)
    else:
        if isinstance(sent_by_reader, str) or len(sent_by_reader) != n:
            got = "a str" if isinstance(sent_by_reader, str) else f"{len(sent_by_reader)} values"
            raise ValueError(f"sent_by_reader must give one bool per pitch: {n} pitches, got {got}")
        mine = np.asarray(sent_by_reader)
        if mine.dtype != bool and not set(np.unique(mine).tolist()) <= {0, 1}:
            raise ValueError(f"sent_by_reader must hold bools, got values {sorted(set(mine.tolist()))!r}")
        mine = mine.astype(bool)
    q: float | None = None
    if threshold is None:
        q = check_unit_interval("null_quantile", null_quantile, closed=False)
    elif isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not -1 <= threshold <= 1:
        raise ValueError(
            f"threshold must be a cosine in [-1, 1] or None, got {describe(threshold)}; e.g. 0.3"
        )
    enc = get_encoder(encoder)
    null = list(NULL_PITCHES)
    scored = [i for i in range(n) if not mine[i] and pitches[i].strip()]
    vectors = embed_texts(enc, profile + null + list(NULL_PROFILES) + [pitches[i] for i in scored])
    ends = np.cumsum([len(profile), len(null), len(NULL_PROFILES)])
    null_vec = vectors[ends[0] : ends[1]]
    centre = null_vec.mean(axis=0)  # a generic pitch
    prof = unit_rows(vectors[: ends[0]] - vectors[ends[1] : ends[2]].mean(axis=0))  # less a generic profile
    null_scores = np.zeros(0)
    if q is not None:  # each null pitch against a centre it is no part of (left out), as a new pitch is
        loo = (centre * len(null) - null_vec) / (len(null) - 1)
        null_scores = np.array([
            float((prof @ unit_rows(null_vec[i] - loo[i])).max()) for i in range(len(null))
        ])
    score = np.full(n, np.nan)
    if scored:
        score[scored] = (unit_rows(vectors[ends[2] :] - centre) @ prof.T).max(axis=1)
    cut = float(np.quantile(null_scores, q)) if q is not None else float(threshold)  # type: ignore[arg-type]
    label = np.where(np.isnan(score), "unknown", np.where(score < cut, "unrelated", "related"))
    return Relevance(
        score=score,
        label=label.astype(str),
        threshold=cut,
        null_scores=null_scores.astype(np.float64),
        null_quantile=q,
        encoder=enc.name,
    )
