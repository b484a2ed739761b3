"""The two-phase model (who pitched, which turns belong to the pitch), speaker offsets, adapt_prior."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import linkedins_law as ll
from conftest import OTHER, PITCH
from linkedins_law import pitch_phase
from linkedins_law.detect.detector import RARE_PITCH_SHARE


def brute_force(proba, speakers, prior, hazard, persistence):
    """P(started by t) and P(turn t in the pitch) by summing over every onset, turn by turn."""
    n = len(proba)
    started, in_pitch = np.empty(n), np.empty(n)
    for t in range(n):
        ok = [u for u in range(t + 1) if not math.isnan(proba[u])]

        def ratio(u):
            p = proba[u]
            return (p / (1 - p)) / (prior / (1 - prior))

        never = (1 - hazard) ** len(ok)
        weights = {}
        for i, tau in enumerate(ok):
            w = (1 - hazard) ** i * hazard * ratio(tau)
            for u in ok:
                if u > tau and speakers[u] == speakers[tau]:
                    w *= persistence * ratio(u) + 1 - persistence
            weights[tau] = w
        total = never + sum(weights.values())
        started[t] = sum(weights.values()) / total
        if math.isnan(proba[t]):
            in_pitch[t] = math.nan
        else:
            in_pitch[t] = sum(w for tau, w in weights.items() if speakers[tau] == speakers[t]) / total
    return started, in_pitch


@pytest.mark.parametrize("hazard, persistence", [(0.2, 0.25), (0.05, 1.0), (0.5, 0.0)])
def test_forward_recursion_matches_brute_force(hazard, persistence):
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(1, 9))
        proba = rng.uniform(0.01, 0.99, n)
        proba[rng.uniform(size=n) < 0.15] = np.nan
        speakers = [str(x) for x in rng.choice(["ana", "bo", "cy"], n)]
        got = pitch_phase(proba, speakers, prior=0.2, hazard=hazard, persistence=persistence)
        want = brute_force(list(proba), speakers, 0.2, hazard, persistence)
        np.testing.assert_allclose(got[0], want[0], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(got[1], want[1], rtol=1e-9, atol=1e-12)


def test_uninformative_turns_follow_the_hazard():
    """With every turn at the prior, the posterior is the prior: 1 - (1 - h)^(t + 1)."""
    started, _ = pitch_phase([0.12] * 6, list("ABABAB"), prior=0.12, hazard=0.2)
    np.testing.assert_allclose(started, 1 - 0.8 ** np.arange(1, 7))


def test_reply_to_a_pitch_is_not_part_of_it():
    proba = [0.02, 0.95, 0.6, 0.3]
    started, in_pitch = pitch_phase(proba, ["Ana", "Bo", "Ana", "Bo"], prior=0.12)
    assert started[1] > 0.9 and in_pitch[1] > 0.9
    # Ana's turn looks pitchy on its own (0.6) but answers Bo's pitch; Bo's filler stays in it
    assert in_pitch[2] < 0.2 < in_pitch[3]
    assert in_pitch[3] > proba[3]


def test_empty_turns_carry_no_evidence():
    with_gap = pitch_phase([0.05, math.nan, 0.9], ["A", "B", "A"], prior=0.12)
    without = pitch_phase([0.05, 0.9], ["A", "A"], prior=0.12)
    assert math.isnan(with_gap[1][1])
    assert with_gap[0][1] == with_gap[0][0]
    assert with_gap[0][2] == pytest.approx(without[0][1])


def test_only_causal_evidence():
    """Turn t's numbers do not change when later turns are added."""
    proba = [0.1, 0.3, 0.8, 0.2, 0.05]
    speakers = list("ABABA")
    full = pitch_phase(proba, speakers, prior=0.12)
    head = pitch_phase(proba[:3], speakers[:3], prior=0.12)
    np.testing.assert_allclose(full[0][:3], head[0])
    np.testing.assert_allclose(full[1][:3], head[1])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"prior": 0.0}, "prior must be strictly between 0 and 1, got 0.0"),
        ({"prior": 0.1, "hazard": 1.0}, "hazard must be strictly between 0 and 1, got 1.0"),
        ({"prior": 0.1, "persistence": 1.5}, r"persistence must be in \[0, 1\], got 1.5"),
        ({"prior": 0.1, "hazard": True}, "hazard must be a number, got True"),
    ],
)
def test_pitch_phase_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        pitch_phase([0.5], ["A"], **kwargs)


def test_pitch_phase_bad_input():
    with pytest.raises(ValueError, match="one speaker per turn: 2 turns, got 1"):
        pitch_phase([0.1, 0.2], ["A"], prior=0.1)
    with pytest.raises(ValueError, match=r"proba must lie in \[0, 1\]"):
        pitch_phase([1.2], ["A"], prior=0.1)


def test_trajectory_carries_the_phase(fake_detector):
    thread = ll.Thread.from_texts(
        ["congratulations on the new role", "book a demo of our platform today", "thanks for connecting"]
    )
    traj = fake_detector.trajectory(thread)
    started, in_pitch = pitch_phase(
        traj.proba, thread.speakers, prior=fake_detector.prior_, hazard=0.2, persistence=0.25
    )
    np.testing.assert_array_equal(traj.started, started)
    np.testing.assert_array_equal(traj.in_pitch, in_pitch)
    row = traj.to_dict()["turns"][1]
    assert row["in_pitch"] == pytest.approx(float(in_pitch[1]))
    assert row["started"] == pytest.approx(float(started[1]))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"hazard": 0.0}, "hazard must be strictly between 0 and 1, got 0.0"),
        ({"persistence": -0.1}, r"persistence must be in \[0, 1\], got -0.1"),
    ],
)
def test_detector_checks_phase_parameters(fake_encoder, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None, **kwargs).fit(PITCH + OTHER, [1] * 6 + [0] * 6)


# -- speakers in fit ----------------------------------------------------------------------------
def test_speaker_offsets_follow_who_pitched(fake_encoder):
    texts = PITCH + OTHER
    speakers = ["agent"] * 6 + ["agent"] * 2 + ["user"] * 4
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(
        texts, [1] * 6 + [0] * 6, speakers=speakers
    )
    share = 0.5
    logit = lambda p: math.log(p / (1 - p))  # noqa: E731
    assert detector.speaker_offsets_["agent"] == pytest.approx(logit((6 + 2 * share) / (8 + 2)) - logit(share))
    assert detector.speaker_offsets_["user"] == pytest.approx(logit((0 + 2 * share) / (4 + 2)) - logit(share))
    thread = ll.Thread(
        [ll.Turn("agent", "quick call about our offer"), ll.Turn("user", "quick call about our offer"),
         ll.Turn("someone new", "quick call about our offer")]
    )
    p = detector.trajectory(thread).proba
    plain = ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, [1] * 6 + [0] * 6)
    base = plain.trajectory(thread).proba
    assert p[0] > base[0] and p[1] < base[1]
    assert p[2] == pytest.approx(base[2])  # unseen speaker: no offset
    # score_texts has no speakers and so no offsets
    np.testing.assert_allclose(detector.score_texts(["quick call about our offer"]), base[:1])


def test_refit_without_speakers_clears_offsets(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None)
    detector.fit(PITCH + OTHER, [1] * 6 + [0] * 6, speakers=["a"] * 6 + ["b"] * 6)
    assert detector.speaker_offsets_
    detector.fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    assert detector.speaker_offsets_ == {}


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"speakers": ["a"]}, ValueError, "one speaker per text: 12 texts, got 1"),
        ({"speakers": "agent"}, ValueError, "one speaker per text: 12 texts, got a str"),
        ({"speakers": ["a"] * 11 + [3]}, TypeError, r"speakers\[11\] must be a str, got int 3"),
        ({"speaker_pseudocount": 0}, ValueError, "speaker_pseudocount must be a positive number, got 0"),
    ],
)
def test_fit_speakers_bad_input(fake_encoder, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6, **kwargs)


# -- adapt_prior -------------------------------------------------------------------------------
def corpus(share: float, n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    n_pitch = round(share * n)
    texts = [PITCH[i] for i in rng.integers(0, len(PITCH), n_pitch)]
    texts += [OTHER[i] for i in rng.integers(0, len(OTHER), n - n_pitch)]
    return texts


@pytest.mark.filterwarnings("ignore:adapt_prior estimates")  # the 0.1 share lands near 0.05
def test_adapt_prior_tracks_the_share_of_pitch_turns(fake_encoder):
    estimates = []
    for share in (0.1, 0.3, 0.6):
        detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
        out = detector.adapt_prior(corpus(share, 200, seed=1))
        assert out is detector
        assert detector.prior_ == pytest.approx(share, abs=0.08)
        assert detector.prior_shift_ == pytest.approx(
            math.log(detector.prior_ / (1 - detector.prior_))
        )  # training share is 0.5
        estimates.append(detector.prior_)
    assert estimates == sorted(estimates)


def test_adapt_prior_moves_only_the_intercept(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    before = detector.calibration_
    threads = [ll.Thread.from_texts(corpus(0.5, 6, seed=s)) for s in range(5)]
    detector.adapt_prior(threads)
    assert detector.calibration_.slope == before.slope
    assert detector.calibration_.intercept > before.intercept  # 0.5 pitch turns > prior 0.12


def test_adapt_prior_bad_input(fake_detector):
    with pytest.raises(TypeError, match="got a single str"):
        fake_detector.adapt_prior("book a demo")
    with pytest.raises(ValueError, match="at least one turn with text"):
        fake_detector.adapt_prior([ll.Thread.from_texts(["", " "])])


def test_prior_attribute(fake_encoder):
    texts, labels = PITCH + OTHER + OTHER[:2], [1] * 6 + [0] * 8
    assert ll.PitchDetector(fake_encoder, exemplars=None, prior=None).fit(texts, labels).prior_ == 6 / 14
    assert ll.PitchDetector(fake_encoder, exemplars=None, prior=0.3).fit(texts, labels).prior_ == 0.3



# -- estimate_phase -----------------------------------------------------------------------------
def labelled(speakers, labels, thread_id="x", texts=None):
    texts = texts or ["some text"] * len(speakers)
    onset = next((i for i, lab in enumerate(labels) if lab == "pitch"), None)
    return ll.Thread([ll.Turn(s, t) for s, t in zip(speakers, texts)], thread_id=thread_id,
                     meta={"labels": tuple(labels), "onset": onset})


def test_estimate_phase_counts():
    threads = [
        # onset at 2 (3 turns at risk); the pitcher's later turns: 4 (pitch), 6 (other)
        labelled("ABABABA", ["other", "other", "pitch", "other", "pitch", "other", "other"]),
        # never pitches: 3 turns at risk, one of them empty (not counted)
        labelled("ABA", ["other"] * 3, texts=["hi", "", "bye"]),
    ]
    est = ll.estimate_phase(threads)
    assert (est.n_onsets, est.n_at_risk, est.n_pitcher_turns) == (1, 5, 2)
    assert est.hazard == pytest.approx((1 + 1) / (5 + 2))
    assert est.persistence == pytest.approx((1 + 1) / (2 + 2))


def test_estimate_phase_recovers_simulated_constants():
    rng = np.random.default_rng(3)
    threads = []
    for i in range(3000):
        n = int(rng.integers(4, 16))
        speakers = ["A" if j % 2 == 0 else "B" for j in range(n)]
        labels = ["other"] * n
        onset = next((j for j in range(n) if rng.uniform() < 0.15), None)
        if onset is not None:
            labels[onset] = "pitch"
            for j in range(onset + 1, n):
                if speakers[j] == speakers[onset] and rng.uniform() < 0.7:
                    labels[j] = "pitch"
        threads.append(labelled(speakers, labels, thread_id=f"s{i}"))
        assert threads[-1].meta["onset"] == onset
    est = ll.estimate_phase(threads)
    assert est.hazard == pytest.approx(0.15, abs=0.01)
    assert est.persistence == pytest.approx(0.7, abs=0.02)


def test_estimate_phase_bad_input():
    with pytest.raises(ValueError, match="at least one labelled thread"):
        ll.estimate_phase([])
    with pytest.raises(ValueError, match=r"has no labelled onset \(meta\['onset'\]\)"):
        ll.estimate_phase([ll.Thread.from_texts(["hi"], thread_id="u")])
    with pytest.raises(TypeError, match="wrap a single thread in a list"):
        ll.estimate_phase(ll.Thread.from_texts(["hi"]))
    with pytest.raises(TypeError, match=r"threads\[0\] must be a Thread, got list"):
        ll.estimate_phase([["hi"]])


def test_adapt_prior_warns_where_pitches_are_rare(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(PITCH + OTHER, [1] * 6 + [0] * 6)
    with pytest.warns(UserWarning, match=r"rarer than 5% of turns.*keep the default prior"):
        detector.adapt_prior(corpus(0.0, 200, seed=2))
    assert detector.prior_ < RARE_PITCH_SHARE
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        detector.adapt_prior(corpus(0.3, 200, seed=2))  # common pitches: no warning
    assert detector.prior_ > RARE_PITCH_SHARE
