import json

import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.detect.trajectory import onset_from_proba, onset_thresholds

MIXED = "thanks for connecting hope you are well. Book a demo of our platform today"


def test_a_turn_is_as_much_a_pitch_as_its_most_pitch_like_sentence(fake_detector):
    whole = ll.PitchDetector(fake_detector.encoder_, exemplars=None, sentences=False)
    whole.fit(*_training())
    best = ll.PitchDetector(fake_detector.encoder_, exemplars=None, turn_weight=0.0).fit(*_training())
    p_turn = best.score_texts([MIXED])[0]
    p_parts = best.score_texts(["thanks for connecting hope you are well.", "Book a demo of our platform today"])
    assert p_turn == pytest.approx(p_parts.max())
    # embedding the whole turn dilutes the pitch sentence with the small talk around it
    assert whole.score_texts([MIXED])[0] < p_turn
    # by default the turn as a whole holds its best sentence back a little, not to the diluted level
    p_default = fake_detector.score_texts([MIXED])[0]
    assert whole.score_texts([MIXED])[0] < p_default < p_turn


def test_trajectory_keeps_every_sentence_and_names_the_pitching_one(fake_detector):
    traj = fake_detector.trajectory(["congratulations on the new role", MIXED])
    assert traj.sentences[1] == ("thanks for connecting hope you are well.", "Book a demo of our platform today")
    assert traj.sentence_proba[1].shape == (2,)
    assert traj.proba[1] < traj.sentence_proba[1].max()  # the small talk of the turn holds it back
    assert traj.pitch_sentence[1] == 1 and traj.sentence_of(1) == "Book a demo of our platform today"
    assert traj.onset == 1 and traj.onset_sentence == "Book a demo of our platform today"
    assert "pitching sentence: 'Book a demo of our platform today'" in traj.summary()
    assert "<mark>Book a demo of our platform today</mark>" in traj._repr_html_()
    data = json.loads(json.dumps(traj.to_dict()))
    assert data["onset_sentence"] == "Book a demo of our platform today"
    assert [s["text"] for s in data["turns"][1]["sentences"]] == list(traj.sentences[1])
    assert data["turns"][1]["sentence"] == "Book a demo of our platform today"
    pd = pytest.importorskip("pandas")
    frame = traj.to_frame()
    assert isinstance(frame, pd.DataFrame) and frame.loc[1, "sentence"] == "Book a demo of our platform today"


def test_pitch_sentences_keep_the_sentences_at_the_level_in_order(fake_detector):
    turns = ["congratulations on the new role", MIXED, ""]
    traj = fake_detector.trajectory(turns)
    p = traj.sentence_proba[1]
    assert p[1] > p[0]
    assert traj.pitch_sentences(1, level=float(p[1])) == ("Book a demo of our platform today",)
    assert traj.pitch_sentences(1, level=float(p.min())) == traj.sentences[1]  # both, in order
    # nothing reaches the level: the most pitch-like sentence alone, never nothing
    assert traj.pitch_sentences(0, level=1.0) == (traj.sentence_of(0),)
    assert traj.pitch_sentences(2) == () and traj.pitch_sentences(7) == ()
    for bad in (-0.1, 1.5, True, "0.5"):
        with pytest.raises(ValueError, match="level must be a probability in"):
            traj.pitch_sentences(1, level=bad)


def test_one_encode_of_the_distinct_sentences_of_all_turns(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(*_training())
    fake_encoder.calls.clear()
    detector.trajectories([[MIXED, "", MIXED], ["book a demo of our platform today", "ok!"]])
    assert len(fake_encoder.calls) == 1
    assert sorted(fake_encoder.calls[0]) == sorted(
        {"thanks for connecting hope you are well.", "Book a demo of our platform today",
         "book a demo of our platform today", "ok!"}
    )


def test_streaming_gives_the_same_sentences(fake_detector):
    threads = [[MIXED, "great, thanks!"], ["hello there", MIXED]]
    batch = fake_detector.trajectories(threads)
    stream = list(fake_detector.iter_trajectories(threads, chunk_turns=1))
    for a, b in zip(batch, stream):
        assert a.sentences == b.sentences
        np.testing.assert_allclose(a.proba, b.proba)
        assert a.onset == b.onset


def test_onset_thresholds_rise_with_the_turn_index():
    t = onset_thresholds(5, 0.5, 0.25)
    assert t[0] == pytest.approx(0.5) and np.all(np.diff(t) > 0)
    z = np.log(t / (1 - t))
    np.testing.assert_allclose(z, 0.25 * np.log1p(np.arange(5)))
    np.testing.assert_allclose(onset_thresholds(4, 0.3, 0.0), 0.3)
    # a turn that reaches 0.55 at turn 0 holds the onset there, but not at turn 9 with a penalty
    assert onset_from_proba([0.55], 0.5, length_penalty=0.25) == 0
    assert onset_from_proba([0.1] * 9 + [0.55], 0.5, length_penalty=0.25) is None
    assert onset_from_proba([0.1] * 9 + [0.55], 0.5) == 9


def test_false_alarms_grow_more_slowly_with_a_length_penalty():
    # ordinary turns with logistic log-odds: the per-thread false-alarm rate, with and without the penalty
    rng = np.random.default_rng(0)
    z = rng.logistic(-3.0, 1.0, size=(4000, 40))
    proba = 1 / (1 + np.exp(-z))
    flat = np.mean([onset_from_proba(p, 0.5) is not None for p in proba])
    penalised = np.mean([onset_from_proba(p, 0.5, length_penalty=1.5) is not None for p in proba])
    assert flat > 0.6  # 1 - (1 - f) ** 40 with f = sigmoid(-3) ~ 0.047
    assert penalised < 0.15


def test_detector_uses_its_length_penalty(fake_encoder):
    detector = ll.PitchDetector(fake_encoder, exemplars=None, length_penalty=0.0).fit(*_training())
    traj = detector.trajectory(["hello there"] * 3 + ["book a demo of our platform today"])
    assert traj.length_penalty == 0.0 and traj.thresholds.tolist() == [0.5] * 4
    strict = ll.PitchDetector(fake_encoder, exemplars=None, length_penalty=9.0).fit(*_training())
    late = strict.trajectory(["hello there"] * 30 + ["book a demo of our platform today"])
    assert late.thresholds[-1] > 0.999 and late.onset is None


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"length_penalty": -1}, ValueError, r"length_penalty must be a number in \[0, 10\), got -1"),
        ({"C": 0}, ValueError, "C must be a positive number, got 0"),
        ({"sentences": "yes"}, TypeError, "sentences must be True or False, got 'yes'"),
    ],
)
def test_bad_parameters(fake_encoder, kwargs, error, match):
    with pytest.raises(error, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None, **kwargs).fit(*_training())


def _training():
    from conftest import OTHER, PITCH

    return PITCH + OTHER, [True] * len(PITCH) + [False] * len(OTHER)


ASKS = [True, False, True, False, True, True]  # one per PITCH, then OTHER below
OTHER_ASKS = [False, False, True, False, False, False]


def test_the_ask_head_is_a_separate_axis_fitted_on_ask_labels(fake_encoder):
    from conftest import OTHER, PITCH

    texts = PITCH + OTHER + ["are you free for lunch on tuesday", "could you send me the file please"]
    labels = [True] * len(PITCH) + [False] * (len(OTHER) + 2)
    asks = ASKS + OTHER_ASKS + [True, True]
    detector = ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, labels, asks=asks)
    assert detector.ask_coef_.shape == (fake_encoder.dim,)
    assert 0.0 <= detector.ask_cv_auc_ <= 1.0
    traj = detector.trajectory(["congratulations on the new role", "are you free for lunch on tuesday. Great"])
    # the ask of a turn is that of its most asking sentence, whatever its pitch score
    assert traj.ask.shape == (2,) and len(traj.sentences[1]) == 2
    parts = detector.trajectory(["are you free for lunch on tuesday.", "Great"])
    assert traj.ask[1] == pytest.approx(max(parts.ask))
    assert traj.ask[1] > traj.ask[0]
    assert "ask" in traj.summary().splitlines()[-3]
    assert traj.to_dict()["turns"][1]["ask"] == pytest.approx(traj.ask[1])


def test_without_ask_labels_the_ask_is_nan_and_bad_labels_are_refused(fake_detector, fake_encoder):
    traj = fake_detector.trajectory(["book a demo of our platform today"])
    assert np.isnan(traj.ask).all() and fake_detector.ask_coef_.size == 0
    assert traj.to_dict()["turns"][0]["ask"] is None
    texts, labels = _training()
    with pytest.raises(ValueError, match="one value per text"):
        ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, labels, asks=[True])
    with pytest.raises(ValueError, match=r"asks\[0\]"):
        ll.PitchDetector(fake_encoder, exemplars=None).fit(texts, labels, asks=["yes"] * len(texts))
    with pytest.raises(ValueError, match="kinds and asks"):
        ll.PitchDetector(fake_encoder).fit(asks=[True])


def test_the_bundled_detector_tells_asking_from_pitching(real_detector):
    traj = real_detector.trajectory([
        "Are you free for lunch on Tuesday?",
        "Our platform cuts onboarding time in half for teams like yours.",
        "Could I get 15 minutes next week to show you a demo of our platform?",
    ])
    assert real_detector.ask_cv_auc_ > 0.8
    lunch, describe, demo = traj.ask
    assert lunch > 0.5 and demo > 0.5 and describe < 0.5
    assert traj.proba[0] < 0.5 < traj.proba[2]


def _ask_detector(fake_encoder, **params):
    from conftest import OTHER, PITCH

    texts = PITCH + OTHER + ["are you free for lunch on tuesday", "could you send me the file please"]
    labels = [True] * len(PITCH) + [False] * (len(OTHER) + 2)
    asks = ASKS + OTHER_ASKS + [True, True]
    return ll.PitchDetector(fake_encoder, exemplars=None, **params).fit(texts, labels, asks=asks)


def _logit(p):
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


def test_a_turn_that_asks_too_little_is_held_back_by_the_ask_term(fake_encoder):
    turns = ["book a demo of our platform today", "are you free for lunch on tuesday. Great", "hello there"]
    off = _ask_detector(fake_encoder, ask_weight=0.0, turn_weight=0.0).trajectory(turns)
    on = _ask_detector(fake_encoder, ask_weight=1.5, ask_level=0.6, turn_weight=0.0).trajectory(turns)
    np.testing.assert_allclose(on.ask, off.ask)
    np.testing.assert_allclose(on.score, off.score)
    for i in range(len(turns)):
        # without the term a turn is its most pitch-like sentence; the sentences are never moved
        assert off.proba[i] == pytest.approx(off.sentence_proba[i].max())
        np.testing.assert_allclose(on.sentence_proba[i], off.sentence_proba[i])
        short = max(0.0, float(_logit(0.6) - _logit(on.ask[i])))
        assert _logit(on.proba[i]) == pytest.approx(_logit(off.proba[i]) - 1.5 * short)
    assert (on.ask < 0.6).any() and (on.proba <= off.proba + 1e-12).all()


def test_the_error_rates_include_the_ask_term(fake_encoder):
    off = _ask_detector(fake_encoder, ask_weight=0.0)
    on = _ask_detector(fake_encoder, ask_weight=3.0, ask_level=0.9)
    assert np.isfinite(on.held_out_ask_).all() and on.held_out_ask_.shape == on.held_out_score_.shape
    f_off, s_off = off.error_rates(4)
    f_on, s_on = on.error_rates(4)
    assert (f_on <= f_off).all() and (s_on <= s_off).all()
    assert (f_on < f_off).any() or (s_on < s_off).any()


def test_a_turn_of_many_sentences_is_held_back_by_the_sentence_penalty(fake_encoder):
    turns = [
        "book a demo of our platform today",
        "Hello there. Book a demo of our platform today! Are you free for lunch on tuesday? Great.",
        "",
    ]
    off = _ask_detector(fake_encoder).trajectory(turns)
    on = _ask_detector(fake_encoder, sentence_penalty=0.5).trajectory(turns)
    assert [len(s) for s in on.sentences] == [1, 4, 0]
    np.testing.assert_allclose(on.score, off.score)
    for i in range(2):
        np.testing.assert_allclose(on.sentence_proba[i], off.sentence_proba[i])  # sentences untouched
    assert on.proba[0] == pytest.approx(off.proba[0])  # one sentence: nothing to hold back
    assert _logit(on.proba[1]) == pytest.approx(_logit(off.proba[1]) - 0.5 * np.log(4))
    assert np.isnan(on.proba[2]) and np.isnan(off.proba[2])


def test_the_whole_turn_weighs_beside_its_best_sentence(fake_encoder):
    turns = [
        "book a demo of our platform today",
        "Hello there. Book a demo of our platform today! Are you free for lunch on tuesday? Great.",
        "",
    ]
    off = _ask_detector(fake_encoder, turn_weight=0.0, ask_weight=0.0).trajectory(turns)
    on = _ask_detector(fake_encoder, turn_weight=0.4, ask_weight=0.0).trajectory(turns)
    np.testing.assert_allclose(on.score, off.score)
    for i in range(2):
        np.testing.assert_allclose(on.sentence_proba[i], off.sentence_proba[i])  # sentences untouched
    assert off.proba[1] == pytest.approx(off.sentence_proba[1].max())
    assert on.proba[0] == pytest.approx(off.proba[0])  # one sentence: the turn is that sentence
    # turn_weight=1: the turn is scored as the unit mean of its sentence vectors alone
    full = _ask_detector(fake_encoder, turn_weight=1.0, ask_weight=0.0).trajectory(turns)
    assert full.proba[1] != pytest.approx(off.proba[1])
    assert _logit(on.proba[1]) == pytest.approx(0.6 * _logit(off.proba[1]) + 0.4 * _logit(full.proba[1]))
    assert on.proba[1] < off.proba[1]  # the small talk around the pitch holds it back
    assert full.proba[0] == pytest.approx(off.proba[0])
    assert np.isnan(on.proba[2]) and np.isnan(off.proba[2])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"sentence_penalty": -0.5}, r"sentence_penalty must be a number in \[0, 10\), got -0.5"),
        ({"sentence_penalty": True}, r"sentence_penalty must be a number"),
        ({"turn_weight": 1.5}, r"turn_weight must be in \[0, 1\], got 1.5"),
        ({"turn_weight": -0.1}, r"turn_weight must be in \[0, 1\], got -0.1"),
        ({"ask_weight": -1}, r"ask_weight must be a number in \[0, 100\), got -1"),
        ({"ask_weight": True}, r"ask_weight must be a number"),
        ({"ask_level": 1.5}, "ask_level must be strictly between 0 and 1, got 1.5"),
        ({"ask_level": 0}, "ask_level must be strictly between 0 and 1, got 0"),
    ],
)
def test_bad_ask_parameters(fake_encoder, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ll.PitchDetector(fake_encoder, exemplars=None, **kwargs).fit(*_training())


def test_the_bundled_detector_holds_back_talk_about_products_that_asks_nothing(real_detector):
    import copy

    texts = [
        "April is a big product launch for us, so the whole team is heads down.",
        "Could I get 15 minutes next week to show you a demo of our platform?",
    ]
    plain = copy.deepcopy(real_detector).set_params(ask_weight=0.0)
    with_term, without = real_detector.score_texts(texts), plain.score_texts(texts)
    assert with_term[0] < without[0]
    assert with_term[1] == pytest.approx(without[1])  # it asks: nothing to hold back
    assert with_term[1] > 0.5
