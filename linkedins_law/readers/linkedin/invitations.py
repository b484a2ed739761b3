"""Invitations joined to the threads they opened: :func:`match_invitations`, :func:`invitation_stats`.

A thread *opened by* an invitation is the first thread with the invitation's other person (the
sender of an incoming invitation, the recipient of an outgoing one) whose first turn comes at
or after the invitation was sent and at most ``max_days`` later. The person is recognised

* by profile URL when the invitation and the thread both carry one for that person
  (``Invitation.other_url``; the thread's ``meta["profile_urls"]``, written by the reader for
  2023 and later exports);
* otherwise by name (inner spaces collapsed, casefolded), against the thread's participants
  other than the owner.

Nothing is guessed silently. An invitation matched by name alone to more than one thread within
its window is *ambiguous*: it is matched to none and listed with its candidates. When two
invitations reach the same thread, the later one (sent closer to the thread's start) opens it;
the other is left unmatched with that reason. An invitation without a readable date is left
unmatched. :func:`match_invitations` writes nothing into the threads; :func:`with_invitations`
returns copies with ``meta["invitation"]`` set, so an analysis can group threads on it.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ...core.checks import describe
from ...core.metrics import wilson_interval
from ...core.thread import Thread
from .fields import normalize_name
from .records import Invitation

__all__ = ["InvitationMatch", "InvitationStats", "match_invitations", "with_invitations", "invitation_stats"]



def _url_key(url: str) -> str:
    return url.strip().rstrip("/").casefold().replace("http://", "https://").replace("://linkedin.", "://www.linkedin.")


@dataclass(frozen=True)
class InvitationMatch:
    """Which invitation opened which thread.

    Attributes
    ----------
    thread_ids : tuple of str or None
        The threads' ids, in the order given.
    by_thread : tuple of int or None
        Per thread, the index (into the invitations given) of the invitation that opened it, or None.
    by_invitation : tuple of int or None
        Per invitation, the index of the thread it opened, or None.
    how : tuple of str or None
        Per invitation: ``"url"`` or ``"name"`` (how the person was recognised), None when unmatched.
    unmatched : tuple of (int, str)
        ``(invitation index, reason)`` of every invitation matched to no thread. Each reason
        starts with its kind: ``"no date:"``, ``"no thread:"`` (no thread with that person),
        ``"too early:"`` (every such thread started before it), ``"too late:"`` (none within
        ``max_days``), ``"ambiguous:"`` or ``"superseded:"``.
    ambiguous : tuple of (int, tuple of int)
        ``(invitation index, candidate thread indices)`` of every invitation left unmatched
        because its name fits several threads.
    invitations : tuple of Invitation

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from linkedins_law import Thread, Turn
    >>> t0 = datetime(2026, 1, 29, 14, 37, tzinfo=timezone.utc)
    >>> inv = Invitation(sender="Sam Cole", recipient="Ana Ruiz", sent_at=t0, note="",
    ...                  direction="INCOMING")
    >>> thread = Thread([Turn("Sam Cole", "Thanks for connecting!", t0 + timedelta(days=1))],
    ...                 thread_id="c1", meta={"participants": ("Sam Cole", "Ana Ruiz"), "me": "Ana Ruiz"})
    >>> match = match_invitations([inv], [thread])
    >>> match.by_thread, match.how, match.labels(), match.accuracy_against([0])
    ((0,), ('name',), ('no note',), 1.0)
    """

    thread_ids: tuple[str | None, ...]
    by_thread: tuple[int | None, ...]
    by_invitation: tuple[int | None, ...]
    how: tuple[str | None, ...]
    unmatched: tuple[tuple[int, str], ...]
    ambiguous: tuple[tuple[int, tuple[int, ...]], ...]
    invitations: tuple[Invitation, ...]

    @property
    def n_matched(self) -> int:
        """Threads matched to an invitation."""
        return sum(i is not None for i in self.by_thread)

    def invitation_of(self, thread_index: int) -> Invitation | None:
        """The invitation that opened thread ``thread_index``, or None."""
        i = self.by_thread[thread_index]
        return None if i is None else self.invitations[i]

    def labels(self) -> tuple[str, ...]:
        """Per thread: ``"noted"`` (opened by an invitation with a note), ``"no note"`` (by one
        without) or ``"none"``, a plain value to group threads on."""
        out = []
        for i in self.by_thread:
            out.append("none" if i is None else ("noted" if self.invitations[i].noted else "no note"))
        return tuple(out)

    def accuracy_against(self, expected: Sequence[int | None]) -> float:
        """Share of threads whose match equals ``expected`` (one invitation index or None per thread)."""
        if len(expected) != len(self.by_thread):
            raise ValueError(
                f"expected must give one invitation index or None per thread: {len(self.by_thread)} "
                f"threads, got {len(expected)}"
            )
        if not expected:
            return math.nan
        return sum(a == b for a, b in zip(self.by_thread, expected)) / len(expected)

    def summary(self) -> str:
        """A few lines: threads matched, invitations unmatched and ambiguous, by reason."""
        by_url = sum(h == "url" for h in self.how)
        lines = [
            f"{self.n_matched} of {len(self.by_thread)} threads opened by an invitation "
            f"({by_url} matched by profile URL, {self.n_matched - by_url} by name)",
            f"{len(self.unmatched)} of {len(self.invitations)} invitations matched to no thread",
        ]
        reasons: dict[str, int] = {}
        for _i, why in self.unmatched:
            key = why.split(":")[0]
            reasons[key] = reasons.get(key, 0) + 1
        lines += [f"  {why}: {n}" for why, n in reasons.items()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row per thread: thread id, invitation index, direction, noted, how matched (pandas)."""
        from ...core.optional import require_pandas

        pd = require_pandas("InvitationMatch.to_frame")
        rows = []
        for k, i in enumerate(self.by_thread):
            inv = None if i is None else self.invitations[i]
            rows.append({
                "thread_id": self.thread_ids[k],
                "invitation": i,
                "direction": None if inv is None else inv.direction,
                "noted": None if inv is None else inv.noted,
                "how": None if i is None else self.how[i],
            })
        return pd.DataFrame(rows, columns=["thread_id", "invitation", "direction", "noted", "how"])


def _others(thread: Thread, owner: str | None) -> tuple[set[str], set[str]]:
    """Normalised names and URL keys of the thread's participants other than the owner."""
    me = owner if owner is not None else thread.meta.get("me")
    mine = normalize_name(me) if isinstance(me, str) else None
    participants = thread.meta.get("participants") or tuple(dict.fromkeys(thread.speakers))
    names = {normalize_name(n) for n in participants if isinstance(n, str)} - {mine}
    urls_meta = thread.meta.get("profile_urls") or {}
    urls = {_url_key(u) for n, u in dict(urls_meta).items() if normalize_name(str(n)) != mine and u}
    return names, urls


def _start(thread: Thread) -> datetime | None:
    stamps = [t.timestamp for t in thread.turns if t.timestamp is not None]
    return min(stamps) if stamps else None


def match_invitations(
    invitations: Sequence[Invitation],
    threads: Sequence[Thread],
    *,
    owner: str | None = None,
    max_days: float = 30.0,
) -> InvitationMatch:
    """Join each invitation to the thread it opened (see the module documentation for the rule).

    Parameters
    ----------
    invitations : sequence of Invitation
        E.g. ``read_export(path).invitations``.
    threads : sequence of Thread
        With timestamps on their turns; ``meta["participants"]`` (else the speakers) name the
        people in each.
    owner : str, optional
        The export owner, left out of each thread's people; default each thread's ``meta["me"]``.
    max_days : float, default 30
        The longest time from an invitation to the first turn of the thread it opened.

    Returns
    -------
    InvitationMatch

    Raises
    ------
    TypeError
        An item is not an Invitation or not a Thread.
    ValueError
        ``max_days`` is not a positive number.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from linkedins_law import Thread, Turn
    >>> t0 = datetime(2026, 1, 29, 14, 37, tzinfo=timezone.utc)
    >>> inv = Invitation(sender="Ana Ruiz", recipient="Sam Cole", sent_at=t0, note="Hi Sam!",
    ...                  direction="OUTGOING")
    >>> late = Thread([Turn("Sam Cole", "Hello", t0 + timedelta(days=90))], thread_id="c2",
    ...               meta={"participants": ("Sam Cole", "Ana Ruiz")})
    >>> match = match_invitations([inv], [late], owner="Ana Ruiz")
    >>> match.by_thread, match.unmatched[0][1]
    ((None,), 'too late: the first thread with Sam Cole after it starts 90 days later (max_days=30)')
    """
    if isinstance(max_days, bool) or not isinstance(max_days, (int, float)) or not max_days > 0:
        raise ValueError(
            f"max_days must be a positive number of days, got {describe(max_days)}; e.g. max_days=30"
        )
    invitations = tuple(invitations)
    threads = list(threads)
    for i, inv in enumerate(invitations):
        if not isinstance(inv, Invitation):
            raise TypeError(
                f"invitations[{i}] must be an Invitation, got {describe(inv)}; "
                "pass read_export(path).invitations"
            )
    for k, thread in enumerate(threads):
        if not isinstance(thread, Thread):
            raise TypeError(f"threads[{k}] must be a Thread, got {describe(thread)}")
    window = timedelta(days=float(max_days))
    people = [_others(t, owner) for t in threads]
    starts = [_start(t) for t in threads]
    by_name: dict[str, list[int]] = {}
    by_url: dict[str, list[int]] = {}
    for k, (names, urls) in enumerate(people):
        for n in names:
            by_name.setdefault(n, []).append(k)
        for u in urls:
            by_url.setdefault(u, []).append(k)
    chosen: dict[int, tuple[int, str, datetime]] = {}  # invitation -> (thread, how, sent at)
    unmatched: list[tuple[int, str]] = []
    ambiguous: list[tuple[int, tuple[int, ...]]] = []
    for i, inv in enumerate(invitations):
        if inv.sent_at is None:
            unmatched.append((i, "no date: its Sent At could not be read"))
            continue
        url = _url_key(inv.other_url) if inv.other_url else ""
        how = "url"
        pool = by_url.get(url, []) if url else []
        if not pool:
            how = "name"
            pool = [k for k in by_name.get(normalize_name(inv.other), []) if not (url and people[k][1])]
        if not pool:
            unmatched.append((i, f"no thread: none with {inv.other}"))
            continue
        sent = inv.sent_at
        gaps = {k: start - sent for k in pool if (start := starts[k]) is not None and start >= sent}
        inside = sorted((k for k, gap in gaps.items() if gap <= window), key=lambda k: (gaps[k], k))
        if not inside:
            if gaps:
                days = min(gaps.values()).days
                unmatched.append(
                    (i, f"too late: the first thread with {inv.other} after it starts {days} days later "
                     f"(max_days={max_days:g})")
                )
            else:
                unmatched.append((i, f"too early: every thread with {inv.other} starts before it"))
            continue
        if how == "name" and len(inside) > 1:
            ambiguous.append((i, tuple(inside)))
            unmatched.append(
                (i, f"ambiguous: {len(inside)} threads with {inv.other} start within {max_days:g} "
                    "days after it")
            )
            continue
        chosen[i] = (inside[0], how, sent)
    # a thread reached by several invitations is opened by the latest one before it
    claims: dict[int, list[int]] = {}
    for i, (k, _how, _sent) in chosen.items():
        claims.setdefault(k, []).append(i)
    by_thread: list[int | None] = [None] * len(threads)
    by_invitation: list[int | None] = [None] * len(invitations)
    how_of: list[str | None] = [None] * len(invitations)
    for k, claimants in claims.items():
        winner = max(claimants, key=lambda i: (chosen[i][2], i))
        by_thread[k] = winner
        by_invitation[winner] = k
        how_of[winner] = chosen[winner][1]
        for i in claimants:
            if i != winner:
                unmatched.append((i, "superseded: a later invitation with the same person opened the thread"))
    unmatched.sort()
    return InvitationMatch(
        thread_ids=tuple(t.thread_id for t in threads),
        by_thread=tuple(by_thread),
        by_invitation=tuple(by_invitation),
        how=tuple(how_of),
        unmatched=tuple(unmatched),
        ambiguous=tuple(ambiguous),
        invitations=invitations,
    )


def with_invitations(threads: Sequence[Thread], match: InvitationMatch) -> list[Thread]:
    """Copies of ``threads`` with ``meta["invitation"]`` from ``match`` (the threads are not changed).

    ``meta["invitation"]`` is ``{"noted": bool, "note": str, "direction": str}`` for a thread an
    invitation opened, None for the others.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> from linkedins_law import Thread, Turn
    >>> t0 = datetime(2026, 1, 29, tzinfo=timezone.utc)
    >>> inv = Invitation(sender="Sam Cole", recipient="Ana Ruiz", sent_at=t0, note="Hello!",
    ...                  direction="INCOMING")
    >>> threads = [Thread([Turn("Sam Cole", "Hi", t0 + timedelta(hours=2))], thread_id="c1",
    ...                   meta={"participants": ("Sam Cole", "Ana Ruiz")})]
    >>> with_invitations(threads, match_invitations([inv], threads))[0].meta["invitation"]
    {'noted': True, 'note': 'Hello!', 'direction': 'INCOMING'}
    >>> "invitation" in threads[0].meta
    False
    """
    threads = list(threads)
    if len(threads) != len(match.by_thread):
        raise ValueError(
            f"match was made for {len(match.by_thread)} threads, got {len(threads)}; pass the same "
            "threads given to match_invitations"
        )
    out = []
    for k, thread in enumerate(threads):
        if thread.thread_id != match.thread_ids[k]:
            raise ValueError(
                f"thread {k} has id {thread.thread_id!r} but the match was made with "
                f"{match.thread_ids[k]!r}; pass the same threads, in the same order"
            )
        inv = match.invitation_of(k)
        value = None if inv is None else {"noted": inv.noted, "note": inv.note, "direction": inv.direction}
        meta = {**thread.meta, "invitation": value}
        out.append(Thread(thread.turns, thread_id=thread.thread_id, meta=meta))
    return out


@dataclass(frozen=True)
class InvitationStats:
    """How many invitations carried no note, overall and per direction.

    Attributes
    ----------
    count : int
    n_no_note : int
    share_no_note : float
        NaN when there are no invitations.
    ci_low, ci_high : float
        Wilson 95% interval of ``share_no_note``.
    by_direction : mapping of str to (count, no-note count)

    Examples
    --------
    >>> invs = [Invitation("A B", "C D", None, "", "INCOMING"),
    ...         Invitation("C D", "E F", None, "Hi", "OUTGOING")]
    >>> stats = invitation_stats(invs)
    >>> stats.count, stats.share_no_note, dict(stats.by_direction)
    (2, 0.5, {'INCOMING': (1, 1), 'OUTGOING': (1, 0)})
    """

    count: int
    n_no_note: int
    share_no_note: float
    ci_low: float
    ci_high: float
    by_direction: Mapping[str, tuple[int, int]]

    def summary(self) -> str:
        """A few lines: the share without a note with its interval, then per direction."""
        lines = [
            f"{self.count} invitation{'' if self.count == 1 else 's'}; {self.n_no_note} without a note "
            f"({self.share_no_note:.1%}, 95% CI {self.ci_low:.1%} to {self.ci_high:.1%})"
        ]
        for direction, (n, k) in self.by_direction.items():
            lines.append(f"  {direction}: {n}, {k} without a note")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.summary()) + "</pre>"

    def to_frame(self) -> Any:
        """One row per direction and one for all: count, without a note, share (pandas)."""
        from ...core.optional import require_pandas

        pd = require_pandas("InvitationStats.to_frame")
        rows = [{"direction": d, "count": n, "no_note": k, "share_no_note": k / n if n else math.nan}
                for d, (n, k) in self.by_direction.items()]
        rows.append({"direction": "all", "count": self.count, "no_note": self.n_no_note,
                     "share_no_note": self.share_no_note})
        return pd.DataFrame(rows)


def invitation_stats(invitations: Sequence[Invitation]) -> InvitationStats:
    """Count invitations and the share that carried no note (with a Wilson 95% interval).

    Examples
    --------
    >>> invs = [Invitation("A B", "C D", None, "", "INCOMING")] * 3
    >>> print(invitation_stats(invs).summary())
    3 invitations; 3 without a note (100.0%, 95% CI 43.9% to 100.0%)
      INCOMING: 3, 3 without a note
    """
    invitations = tuple(invitations)
    for i, inv in enumerate(invitations):
        if not isinstance(inv, Invitation):
            raise TypeError(
                f"invitations[{i}] must be an Invitation, got {describe(inv)}; "
                "pass read_export(path).invitations"
            )
    n = len(invitations)
    k = sum(not inv.noted for inv in invitations)
    low, high = wilson_interval(k, n)
    by: dict[str, tuple[int, int]] = {}
    for inv in invitations:
        total, none = by.get(inv.direction, (0, 0))
        by[inv.direction] = (total + 1, none + (not inv.noted))
    return InvitationStats(count=n, n_no_note=k, share_no_note=k / n if n else math.nan,
                           ci_low=low, ci_high=high, by_direction=dict(sorted(by.items())))
