"""Cross-domain check on the UCI SMS Spam Collection (skipped when ../shared/data is absent)."""

import numpy as np
import pytest

import linkedins_law as ll
from conftest import SHARED_DATA

pytestmark = [pytest.mark.integration, pytest.mark.data]

SMS = SHARED_DATA / "sms-spam-collection" / "SMSSpamCollection"


def _read_sms(path):
    """The collection's lines, ``ham|spam<TAB>text``, as (texts, is_spam)."""
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert all(label in ("ham", "spam") for label, _ in rows)
    return [text for _, text in rows], np.array([label == "spam" for label, _ in rows])


@pytest.mark.skipif(not SMS.is_file(), reason=f"SMS Spam Collection not found at {SMS}")
def test_default_detector_ranks_spam_above_ham(real_detector):
    texts, y = _read_sms(SMS)
    assert len(texts) == 5574 and int(y.sum()) == 747
    # a seeded subsample keeps the suite fast; python -m benchmarks.sms_spam scores all 5,574
    rng = np.random.default_rng(0)
    idx = np.concatenate([rng.choice(np.flatnonzero(y), 250, replace=False),
                          rng.choice(np.flatnonzero(~y), 750, replace=False)])
    p = real_detector.score_texts([texts[i] for i in idx])
    ok = ~np.isnan(p)
    assert ll.roc_auc(p[ok], y[idx][ok]) >= 0.85
