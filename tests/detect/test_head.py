import numpy as np
import pytest

from linkedins_law.detect.head import fit_logistic


def _data(n=400, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 5))
    w = np.array([2.0, -1.0, 0.0, 0.5, 0.0])
    y = rng.random(n) < 1 / (1 + np.exp(-(X @ w - 0.5)))
    return X, y, w


def test_recovers_coefficients_with_weak_penalty():
    X, y, w = _data(4000)
    coef, intercept = fit_logistic(X, y, C=1e6, balanced=False)
    np.testing.assert_allclose(coef, w, atol=0.15)
    assert intercept == pytest.approx(-0.5, abs=0.1)


def test_matches_the_penalised_optimum():
    # the gradient of the penalised loss is zero at the returned point
    X, y, _ = _data()
    C = 0.5
    coef, intercept = fit_logistic(X, y, C=C, balanced=False)
    p = 1 / (1 + np.exp(-(X @ coef + intercept)))
    grad = X.T @ (p - y) + coef / C
    np.testing.assert_allclose(grad, 0, atol=1e-3)
    assert abs((p - y).sum()) < 1e-3


def test_stronger_penalty_shrinks_and_balanced_centres_the_intercept():
    X, y, _ = _data()
    weak, _ = fit_logistic(X, y, C=10.0)
    strong, _ = fit_logistic(X, y, C=0.01)
    assert np.linalg.norm(strong) < np.linalg.norm(weak)
    y_rare = y & (np.arange(y.size) % 3 == 0)
    _, b_plain = fit_logistic(X, y_rare, C=1.0, balanced=False)
    _, b_bal = fit_logistic(X, y_rare, C=1.0, balanced=True)
    assert b_bal > b_plain  # balancing undoes the pull of the rare class toward "no"


def test_bad_input():
    X, y, _ = _data(10)
    with pytest.raises(ValueError, match="X must be"):
        fit_logistic(X[:, 0], y)
    with pytest.raises(ValueError, match="y must hold both classes, got 0 positive of 10"):
        fit_logistic(X, np.zeros(10, dtype=bool))
    with pytest.raises(ValueError, match="C must be a positive number, got 0"):
        fit_logistic(X, y, C=0)
