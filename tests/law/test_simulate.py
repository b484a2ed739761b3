import numpy as np
import pytest

import linkedins_law as ll


def test_simulate_onsets_shapes_and_censoring():
    t = ll.simulate_onsets(5000, cure_fraction=0.3, min_turns=3, max_turns=9, random_state=0)
    assert t.lengths.min() >= 3 and t.lengths.max() <= 9
    obs = t.observed
    assert np.all(t.durations[obs] == t.onsets[obs])
    assert np.all(t.durations[~obs] == t.lengths[~obs] - 1)
    assert np.all(t.onsets[~obs] == -1)
    assert not obs[t.cured].any()
    assert abs(t.cured.mean() - 0.3) < 0.03


def test_simulated_onsets_follow_the_hazard():
    t = ll.simulate_onsets(200_000, cure_fraction=0.25, hazard="weibull",
                           hazard_params={"q": 0.7, "beta": 1.4}, random_state=1)
    latent = t.latent_onsets
    for n in range(5):
        assert np.mean(latent <= n) == pytest.approx(t.cumulative(n), abs=0.005)
    assert t.asymptote == 0.75


def test_simulate_is_seeded():
    a = ll.simulate_onsets(100, random_state=3)
    b = ll.simulate_onsets(100, random_state=3)
    np.testing.assert_array_equal(a.durations, b.durations)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_threads": 0}, "n_threads must be a positive int"),
        ({"cure_fraction": 1.0}, r"cure_fraction must be in \[0, 1\)"),
        ({"hazard": "lognormal"}, "hazard must be one of geometric, weibull"),
        ({"hazard_params": {"beta": 2}}, r"unknown parameter\(s\) \['beta'\] for the geometric hazard"),
        ({"hazard": "weibull", "hazard_params": {"q": 1.2}}, "weibull q must be strictly between 0 and 1"),
        ({"min_turns": 5, "max_turns": 3}, "min_turns .5. must not exceed max_turns .3."),
    ],
)
def test_simulate_rejects_bad_options(kwargs, match):
    kwargs = {"n_threads": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        ll.simulate_onsets(**kwargs)


def test_make_synthetic_threads_has_labelled_real_text():
    threads, truth = ll.make_synthetic_threads(50, cure_fraction=0.3, random_state=2)
    texts, _, _ = ll.load_exemplars()
    pool = set(texts)
    for thread, onset, length in zip(threads, truth.onsets, truth.lengths):
        assert len(thread) == length
        assert thread.meta["onset"] == (None if onset < 0 else onset)
        labels = thread.meta["labels"]
        assert len(labels) == length
        if onset >= 0:
            assert labels[onset] == "pitch" and "pitch" not in labels[:onset]
        else:
            assert "pitch" not in labels
        assert all(t.text in pool for t in thread)
    assert len({t.thread_id for t in threads}) == 50
