import numpy as np
import pytest

import linkedins_law as ll
from linkedins_law.detect.calibration import sigmoid, stratified_folds


def test_sigmoid_is_stable_at_extremes():
    out = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])


def test_platt_recovers_a_known_logistic_map():
    rng = np.random.default_rng(1)
    scores = rng.uniform(-2, 2, 20000)
    y = rng.random(scores.size) < sigmoid(3.0 * scores - 1.0)
    cal = ll.fit_platt(scores, y)
    assert cal.slope == pytest.approx(3.0, abs=0.15)
    assert cal.intercept == pytest.approx(-1.0, abs=0.1)


def test_platt_is_finite_on_separable_data():
    cal = ll.fit_platt(np.array([-1.0, -0.5, 0.5, 1.0]), np.array([0, 0, 1, 1]))
    assert np.isfinite(cal.slope) and cal.slope > 0
    p = cal.predict(np.array([-1.0, 1.0]))
    # smoothed targets: 1/(n+2) and (n+1)/(n+2) bound how confident four points can make it
    assert 0.2 < p[0] < 0.5 < p[1] < 0.8


def test_platt_predict_keeps_nan():
    cal = ll.PlattCalibration(2.0, 0.0)
    out = cal.predict(np.array([np.nan, 0.0]))
    assert np.isnan(out[0]) and out[1] == 0.5


def test_platt_needs_both_classes():
    with pytest.raises(ValueError, match="needs both classes, got 2 pitch and 0 other"):
        ll.fit_platt(np.array([0.1, 0.2]), np.array([1, 1]))
    with pytest.raises(ValueError, match="same length, got 2 and 3"):
        ll.fit_platt(np.array([0.1, 0.2]), np.array([1, 0, 1]))
    with pytest.raises(ValueError, match="boolean or 0/1"):
        ll.fit_platt(np.array([0.1, 0.2]), np.array([2, 0]))


def test_roc_auc_matches_pairwise_definition():
    rng = np.random.default_rng(2)
    scores = np.round(rng.normal(size=300), 1)  # many ties
    y = rng.random(300) < 0.4
    pos, neg = scores[y], scores[~y]
    pairwise = ((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (
        pos.size * neg.size
    )
    assert ll.roc_auc(scores, y) == pytest.approx(pairwise, abs=1e-12)
    assert ll.roc_auc(np.array([1.0, 2.0]), np.array([0, 1])) == 1.0
    assert ll.roc_auc(np.array([2.0, 1.0]), np.array([0, 1])) == 0.0


def test_stratified_folds_balance_classes():
    y = np.array([1] * 10 + [0] * 20)
    folds = stratified_folds(y, 5, random_state=0)
    for k in range(5):
        assert (folds[y == 1] == k).sum() == 2
        assert (folds[y == 0] == k).sum() == 4
    np.testing.assert_array_equal(folds, stratified_folds(y, 5, random_state=0))


def test_random_state_validation():
    from linkedins_law.core.checks import check_random_state

    g = np.random.default_rng(3)
    assert check_random_state(g) is g
    with pytest.raises(TypeError, match="random_state must be an int, a numpy Generator or None, got str"):
        check_random_state("seed")
    with pytest.raises(ValueError, match="non-negative int, got -1"):
        check_random_state(-1)
