"""The learned head: L2-regularised logistic regression on sentence embeddings.

The detector scores a sentence with two numbers computed from its unit embedding ``e``:

* ``lr = w . e + b``: a logistic regression fitted on the labelled exemplars (class-balanced,
  L2 penalty ``1 / C``). It learns which directions of the embedding space separate pitches from
  ordinary talk, across every kind of pitch at once;
* ``local = sim_pitch - sim_other``: the mean cosine to the ``n_neighbors`` nearest pitch
  exemplars minus that to the nearest non-pitch exemplars. It follows the many local shapes a
  pitch takes, where one hyperplane blurs them.

The two are combined by a second, two-feature logistic regression fitted on *held-out* values
(each exemplar scored by a head fitted without its fold): ``score = a_lr * lr + a_local * local``,
and ``P(pitch) = sigmoid(score + intercept)``. Stacking on held-out values keeps the weights and
the calibration honest: a head never sees the exemplar it is scoring.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fit_logistic"]


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    *,
    C: float = 1.0,
    balanced: bool = True,
    max_iter: int = 1000,
) -> tuple[np.ndarray, float]:
    """Fit ``P(y = 1 | x) = sigmoid(x . coef + intercept)`` by penalised maximum likelihood.

    Minimises ``sum_i c_i * logloss_i + ||coef||^2 / (2 C)`` with L-BFGS (the intercept is not
    penalised). With ``balanced=True`` each class carries half of the total weight
    (``c_i = n / (2 n_class)``), so the fit does not lean toward the larger class.

    Parameters
    ----------
    X : array of shape (n, d)
    y : bool array of shape (n,)
        Both classes must be present.
    C : float, default 1.0
        Inverse strength of the L2 penalty (larger = less regularised).
    balanced : bool, default True
    max_iter : int, default 1000

    Returns
    -------
    coef : ndarray of shape (d,)
    intercept : float

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> coef, intercept = fit_logistic(X, np.array([False, False, True, True]), C=10.0)
    >>> bool(coef[0] > 0) and bool(-coef[0] * 1.5 - 0.5 < intercept < -coef[0] * 1.5 + 0.5)
    True
    """
    from scipy.optimize import minimize
    from scipy.special import expit

    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(y, dtype=bool)
    if X.ndim != 2 or t.shape != (X.shape[0],):
        raise ValueError(f"X must be (n, d) and y (n,), got shapes {X.shape} and {t.shape}")
    n_pos = int(t.sum())
    if n_pos == 0 or n_pos == t.size:
        raise ValueError(f"y must hold both classes, got {n_pos} positive of {t.size}")
    if isinstance(C, bool) or not isinstance(C, (int, float)) or not C > 0:
        raise ValueError(f"C must be a positive number, got {C!r}")
    target = t.astype(np.float64)
    n, d = X.shape
    if balanced:
        weight = np.where(t, n / (2.0 * n_pos), n / (2.0 * (n - n_pos)))
    else:
        weight = np.ones(n)
    penalty = 1.0 / float(C)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, intercept = theta[:d], theta[d]
        z = X @ coef + intercept
        value = float(weight @ (np.logaddexp(0.0, z) - target * z)) + 0.5 * penalty * float(coef @ coef)
        residual = weight * (expit(z) - target)
        return value, np.concatenate([X.T @ residual + penalty * coef, [residual.sum()]])

    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    return np.asarray(result.x[:d]), float(result.x[d])
