import math

import numpy as np
import pytest

from linkedins_law import evaluation as ev


def test_average_precision_matches_definition():
    rng = np.random.default_rng(0)
    s = rng.random(200)
    y = rng.random(200) < 0.3
    order = np.argsort(-s)
    hits = y[order]
    precisions = [hits[: i + 1].mean() for i in range(200) if hits[i]]
    assert ev.average_precision(s, y) == pytest.approx(np.mean(precisions))
    with pytest.raises(ValueError, match="at least one positive"):
        ev.average_precision([0.1, 0.2], [0, 0])


def test_ece_is_zero_for_perfect_calibration_and_large_for_overconfidence():
    p = np.repeat([0.1, 0.5, 0.9], 10)
    y = np.concatenate([[1] + [0] * 9, [1] * 5 + [0] * 5, [1] * 9 + [0]])
    assert ev.expected_calibration_error(p, y) == pytest.approx(0.0, abs=1e-12)
    assert ev.expected_calibration_error(np.full(10, 0.99), np.zeros(10)) == pytest.approx(0.99)
    with pytest.raises(ValueError, match=r"probabilities must lie in \[0, 1\]"):
        ev.expected_calibration_error([1.5], [1])


def test_onset_metrics_cases():
    m = ev.onset_metrics([3, 4, None, 0, None, 1], [3, 3, 2, None, None, 4], [6] * 6)
    assert m["exact"] == pytest.approx(2 / 6)  # t0 and the both-None thread
    assert m["within_one"] == pytest.approx(3 / 6)
    assert m["false_alarm_rate"] == 0.5
    assert m["miss_rate"] == 0.25
    assert m["early_rate"] == 0.25 and m["late_rate"] == 0.25
    assert m["mean_warning_horizon"] == pytest.approx((0 + 3) / 2)
    with pytest.raises(ValueError, match="one entry per thread"):
        ev.onset_metrics([1], [1, 2], [3, 3])


def test_segmentation_errors():
    perfect = ev.segmentation_errors([2, None], [2, None], [6, 5])
    assert perfect["pk"] == 0.0 and perfect["window_diff"] == 0.0
    off_by_one = ev.segmentation_errors([3], [2], [8], k=2)
    # windows i = 0..5; ref boundary in (i, i+2] for i in {0, 1}, hyp for i in {1, 2}
    assert off_by_one["pk"] == pytest.approx(2 / 6)
    assert off_by_one["window_diff"] == pytest.approx(2 / 6)
    assert math.isnan(ev.segmentation_errors([None], [None], [1], k=3)["pk"])
    with pytest.raises(ValueError, match="k must be a positive int"):
        ev.segmentation_errors([1], [1], [4], k=0)


def test_curve_distance():
    assert ev.curve_distance([2, None, 1], [2, None, 1], [4, 4, 4]) == 0.0
    # all detected at turn 0, labelled at turn 2: the curves differ by 1 at turns 0 and 1
    assert ev.curve_distance([0, 0], [2, 2], [4, 4]) == 1.0
    assert ev.curve_distance([None, None], [1, None], [3, 3]) == pytest.approx(0.5)


def test_average_precision_does_not_depend_on_the_order_of_ties():
    # scores that tie across classes used to give 0.5 or 1.0 depending on the input order
    y = np.array([1, 0, 1, 0])
    s = np.array([0.7, 0.7, 0.7, 0.7])
    assert ev.average_precision(s, y) == ev.average_precision(s[::-1], y[::-1]) == 0.5


@pytest.mark.parametrize("seed", range(8))
def test_ranking_metrics_equal_scikit_learns_with_ties(seed):
    metrics = pytest.importorskip("sklearn.metrics")
    from linkedins_law import roc_auc

    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    y = rng.random(n) < rng.uniform(0.1, 0.9)
    y[0], y[1] = True, False
    s = np.round(rng.random(n), int(rng.integers(0, 3)))  # 1-3 distinct digits: many ties
    for scores in (s, s.astype(np.float32), -s):
        assert ev.average_precision(scores, y) == pytest.approx(
            metrics.average_precision_score(y, scores), rel=1e-12, abs=1e-15)
        assert roc_auc(scores, y) == pytest.approx(metrics.roc_auc_score(y, scores), rel=1e-12, abs=1e-15)
        perm = rng.permutation(n)
        assert ev.average_precision(scores[perm], y[perm]) == pytest.approx(ev.average_precision(scores, y),
                                                                            rel=1e-12)
