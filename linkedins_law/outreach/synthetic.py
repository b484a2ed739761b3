"""Synthetic outreach texts with known templates, to measure :func:`find_templates`.

:func:`make_template_texts` writes many *personal* texts (each written once) and a number of
*templates*: one base text copied into several threads, each copy with the recipient's name (and
sometimes a company and a number) swapped and a share of its words edited at random (substituted,
inserted or deleted). The vocabulary is made up: a few hundred common English words mixed with
pseudo-words built from syllables, drawn with Zipf-like frequencies, so that unrelated texts share
the common words as real ones do. A template's base text has at least a third of pseudo-words
(a text sent to many people says something specific). Nothing is taken from any corpus.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.checks import check_random_state
from ..core.optional import require_pandas

__all__ = ["SyntheticTemplates", "make_template_texts"]

_COMMON = (
    "the a an and or but so to of in on at for with from by about as into over after before "
    "i you we they he she it my your our their this that these those is are was were be been "
    "have has had do did will would can could should may might just also very really more most "
    "some any all no not only new good great best next last first other same own many much "
    "time day week month year team work job role project idea plan call meeting chat note post "
    "talk event group people company business market product service client customer partner "
    "help support build grow learn share send read write see look find think know want need "
    "like love hope thank thanks hello hi hey quick short long happy glad sure well here there "
    "today tomorrow soon later now again still yet ever never always often maybe perhaps "
    "question answer reply update news report data result number price cost value goal "
    "growth sales lead pipeline revenue demo offer free trial discount deal contract budget "
    "hire hiring candidate position opening career experience skill background profile network "
    "connect connection introduce introduction coffee lunch catch up follow interested open "
    "available free busy let me know please would love chance minutes slot calendar link "
    "worked working building leading running helping looking reaching writing sharing "
    "congratulations congrats anniversary launch conference webinar workshop course article "
    "research paper study school university city office remote home family weekend holiday"
).split()

_ONSETS = ("b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pl pr sk sl sp st tr ch sh th").split()
_VOWELS = ("a e i o u ai ea ee io oa ou").split()
_CODAS = ("", "", "n", "r", "s", "t", "l", "m", "nd", "rt", "st", "x", "ck")


def _pseudo_words(n: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        k = int(rng.integers(2, 4))
        word = "".join(str(rng.choice(_ONSETS)) + str(rng.choice(_VOWELS)) for _ in range(k)) + str(
            rng.choice(_CODAS)
        )
        words.add(word)
    return sorted(words)


@dataclass(frozen=True)
class SyntheticTemplates:
    """Texts with known templates.

    Attributes
    ----------
    texts : tuple of str
    template : numpy.ndarray
        int, the true template of each text, -1 for a personal text.
    thread : numpy.ndarray
        int, the thread each text was sent in (a template's copies go to different threads).
    edit_share : numpy.ndarray
        float, the share of words edited in each copy (0 for personal texts).
    """

    texts: tuple[str, ...]
    template: np.ndarray
    thread: np.ndarray
    edit_share: np.ndarray

    def summary(self) -> str:
        """One line: texts, templates, copies."""
        k = int(self.template.max()) + 1 if self.template.size else 0
        copies = int((self.template >= 0).sum())
        return (
            f"{len(self.texts)} texts: {copies} copies of {k} templates, {len(self.texts) - copies} personal"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary())}</p>"

    def to_frame(self) -> Any:
        """One row per text: ``text``, ``template``, ``thread``, ``edit_share`` (needs pandas).

        Examples
        --------
        >>> make_template_texts(10, random_state=0).to_frame().shape
        (10, 4)
        """
        pd = require_pandas("SyntheticTemplates.to_frame")
        return pd.DataFrame(
            {
                "text": list(self.texts),
                "template": self.template,
                "thread": self.thread,
                "edit_share": self.edit_share,
            }
        )


def make_template_texts(
    n_texts: int,
    *,
    template_share: float = 0.2,
    max_edit: float = 0.2,
    copies: tuple[int, int] = (2, 50),
    words: tuple[int, int] = (12, 60),
    n_vocabulary: int = 20_000,
    random_state: int | np.random.Generator | None = 0,
) -> SyntheticTemplates:
    """Personal texts mixed with edited copies of templates, with the truth.

    Parameters
    ----------
    n_texts : int
        Total number of texts.
    template_share : float
        Share of the texts that are copies of a template.
    max_edit : float
        Each copy has a share of its words, drawn uniformly in ``[0, max_edit]``, substituted,
        inserted or deleted (one of the three at random, each edit), besides its swapped name.
    copies : (int, int)
        Range of the number of copies of one template (drawn log-uniformly).
    words : (int, int)
        Range of a text's length in words.
    n_vocabulary : int
        Number of pseudo-words beside the common English words.
    random_state : int, numpy Generator or None

    Returns
    -------
    SyntheticTemplates

    Examples
    --------
    >>> data = make_template_texts(1000, random_state=0)
    >>> len(data.texts), int((data.template >= 0).sum())
    (1000, 200)
    >>> len(set(data.thread[data.template == 0].tolist())) == int((data.template == 0).sum())
    True
    """
    if isinstance(n_texts, bool) or not isinstance(n_texts, (int, np.integer)) or n_texts < 1:
        raise ValueError(f"n_texts must be a positive int, got {n_texts!r}; e.g. n_texts=1000")
    if not 0.0 <= template_share <= 1.0:
        raise ValueError(f"template_share must be in [0, 1], got {template_share!r}; e.g. 0.2")
    if not 0.0 <= max_edit < 1.0:
        raise ValueError(f"max_edit must be in [0, 1), got {max_edit!r}; e.g. 0.2")
    rng = check_random_state(random_state)
    vocab = np.array(list(_COMMON) + _pseudo_words(n_vocabulary, rng), dtype=object)
    n_common = len(_COMMON)
    # Zipf-like weights: common words first and frequent, pseudo-words in a long tail
    ranks = np.arange(1, len(vocab) + 1, dtype=np.float64)
    weights = 1.0 / ranks**1.05
    weights[:n_common] *= 2.0
    cum = np.cumsum(weights / weights.sum())
    names = np.array([w.capitalize() for w in _pseudo_words(3000, rng)], dtype=object)
    companies = np.array(
        [
            w.capitalize() + s
            for w, s in zip(
                _pseudo_words(800, rng),
                rng.choice(["", " Labs", " Group", " GmbH", " Inc", " Partners"], 800),
            )
        ],
        dtype=object,
    )

    def draw(n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cum, rng.random(n)), len(vocab) - 1)

    n_copies = int(round(template_share * n_texts))
    lo, hi = copies
    sizes: list[int] = []
    while sum(sizes) < n_copies:
        sizes.append(int(np.exp(rng.uniform(np.log(lo), np.log(hi + 1)))))
    if sizes:
        sizes[-1] -= sum(sizes) - n_copies
        if sizes[-1] < lo:
            extra = sizes.pop()
            if sizes:
                sizes[-1] += extra
            else:
                sizes.append(extra)
    texts: list[str] = []
    template: list[int] = []
    edit: list[float] = []
    for t, size in enumerate(sizes):
        base = draw(int(rng.integers(words[0], words[1] + 1)))
        while (base >= n_common).mean() < 1 / 3:  # a pitch says something: a third content words at least
            base = draw(base.size)
        greeting = str(rng.choice(["Hi", "Hello", "Hey", "Dear"]))
        slot = int(rng.integers(len(base) // 3, len(base)))
        with_company = bool(rng.random() < 0.5)
        with_number = bool(rng.random() < 0.3)
        for _ in range(size):
            share = float(rng.uniform(0.0, max_edit))
            tokens = list(vocab[base])
            for _e in range(int(round(share * len(tokens)))):
                kind = int(rng.integers(3))
                pos = int(rng.integers(len(tokens)))
                if kind == 0:
                    tokens[pos] = str(vocab[draw(1)[0]])
                elif kind == 1:
                    tokens.insert(pos, str(vocab[draw(1)[0]]))
                elif len(tokens) > 3:
                    del tokens[pos]
            at = min(slot, len(tokens))
            if with_company:
                tokens.insert(at, "at " + str(rng.choice(companies)))
            if with_number:
                tokens.insert(min(at + 2, len(tokens)), str(int(rng.integers(2, 500))) + "%")
            name = str(rng.choice(names)) + (" " + str(rng.choice(names)) if rng.random() < 0.3 else "")
            texts.append(f"{greeting} {name}, " + " ".join(tokens) + ".")
            template.append(t)
            edit.append(share)
    n_personal = n_texts - len(texts)
    lengths = rng.integers(words[0] // 2, words[1] + 1, size=n_personal)
    ends = np.cumsum(lengths)
    flat = vocab[draw(int(ends[-1]) if n_personal else 0)].tolist()
    greet = rng.random(n_personal) < 0.4
    openers = rng.choice(["Hi", "Hey", "Thanks"], n_personal).tolist()
    who = rng.choice(names, n_personal).tolist()
    start = 0
    for i, end in enumerate(ends.tolist()):
        body = " ".join(flat[start:end])
        start = end
        texts.append(f"{openers[i]} {who[i]}, {body}." if greet[i] else body + ".")
    template += [-1] * n_personal
    edit += [0.0] * n_personal
    order = rng.permutation(len(texts))
    return SyntheticTemplates(
        texts=tuple(texts[i] for i in order),
        template=np.asarray(template, dtype=np.int64)[order],
        thread=np.arange(len(texts), dtype=np.int64),
        edit_share=np.asarray(edit, dtype=np.float64)[order],
    )
