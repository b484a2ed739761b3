"""Write linkedins_law/data/default_law.json: the hazard curve behind pitch_probability(horizon=k).

It is the cure model (of the AIC-preferred hazard family) fitted to the labelled onsets of the
bundled sample threads. Run from the repository root:

    python scripts/make_default_law.py
"""

from __future__ import annotations

import json
from pathlib import Path

import linkedins_law as ll
from linkedins_law.law import durations_from_onsets

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    threads = ll.read_threads(ll.sample_threads_path())
    durations, observed = durations_from_onsets([t.meta["onset"] for t in threads], [len(t) for t in threads])
    law = ll.fit_law(durations, observed, n_bootstrap=0)
    model = law.cure_model
    out = {
        "model": model.name,
        "params": model.params,
        "loglik": model.loglik,
        "aic": model.aic,
        "n_params": model.n_params,
        "source": "labelled onsets of the bundled sample threads "
        f"({law.n_threads} threads, {law.n_observed} pitched)",
        "made_by": "scripts/make_default_law.py",
    }
    path = ROOT / "linkedins_law" / "data" / "default_law.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(law.summary())
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
