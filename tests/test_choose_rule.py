"""The rule that chooses the detector's constants (``benchmarks.choose_ask.one_se_choice``)."""

from __future__ import annotations

import math

from benchmarks.choose_ask import one_se_choice, tie_break_errors, tie_break_se

DEV = "dev"
SUITES = ("short", "long")


def _row(weight: float, exact: float, fa: float, miss: float, n: int = 400) -> dict:
    suite = {"false alarms": fa, "misses": miss, "no pitch": n, "with pitch": n}
    return {"weight": weight, DEV: {"exact": exact}, "short": dict(suite), "long": dict(suite)}


def test_standard_error_is_binomial_over_both_suites():
    row = _row(1.0, 0.9, 0.2, 0.1)
    assert math.isclose(tie_break_errors(row, SUITES), 2 * (0.2 + 0.1))
    expected = math.sqrt(2 * (0.2 * 0.8 / 400 + 0.1 * 0.9 / 400))
    assert math.isclose(tie_break_se(row, SUITES), expected)
    assert tie_break_se(row, ("absent",)) == 0.0


def test_smallest_weight_within_one_standard_error_wins():
    grid = [
        _row(3.0, 0.9, 0.10, 0.10),  # fewest errors (0.40), standard error about 0.03
        _row(0.5, 0.9, 0.11, 0.10),  # 0.02 more: inside the band, and smaller
        _row(0.0, 0.8, 0.00, 0.00),  # no errors at all, but worse exact onsets on dev
    ]
    assert one_se_choice(grid, DEV, SUITES, "weight")["weight"] == 0.5


def test_outside_the_band_the_fewest_errors_win():
    grid = [_row(3.0, 0.9, 0.10, 0.10), _row(0.5, 0.9, 0.20, 0.10), _row(1.0, 0.9, 0.12, 0.10)]
    # 0.5 is 0.2 worse (far outside a band of about 0.03); 1.0 is 0.04 worse, outside too
    assert tie_break_se(grid[0], SUITES) < 0.04
    assert one_se_choice(grid, DEV, SUITES, "weight")["weight"] == 3.0
    # equally simple rows inside the band: the fewer errors win
    grid = [_row(1.0, 0.9, 0.11, 0.10), _row(1.0, 0.9, 0.10, 0.10), _row(2.0, 0.9, 0.10, 0.10)]
    chosen = one_se_choice(grid, DEV, SUITES, "weight")
    assert chosen is grid[1]
