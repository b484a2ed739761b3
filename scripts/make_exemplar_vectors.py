"""Write the bundled model's precomputed data: the exemplars' vectors and the default detector's fit.

* ``linkedins_law/data/exemplar_vectors.npz``: the bundled exemplars' vectors, keyed by the model's
  identity and the SHA-256 of the exemplar texts. A detector fitted on the bundled exemplars reads
  them instead of encoding the 2,000-odd texts (a minute on two CPU cores).
* ``linkedins_law/data/default_detector/``: ``PitchDetector()`` fitted on them
  (``PitchDetector.save``), with ``key.json``: the digest of the model, exemplars, settings and
  fitting code it was made with. A default detector with the same key loads it instead of
  fitting (seconds).

Run this again whenever the exemplars (``linkedins_law/data/exemplars.jsonl``), the bundled model or
the fitting code (``linkedins_law/detect/detector.py``, ``head.py``, ``calibration.py``) change:
until then the stale files are not used (detectors encode and fit themselves) and
``tests/detect/test_shipped.py`` fails. The vectors are encoded again only when their key changed.
Run from the repository root:

    python scripts/make_exemplar_vectors.py
"""

from __future__ import annotations

import json
import time

import linkedins_law as ll
from linkedins_law.detect.detector import bundled_fit_digest, shipped_detector_path
from linkedins_law.embed import embed_texts, model_identity
from linkedins_law.embed.exemplars import (
    forget_exemplar_vectors,
    read_vectors_file,
    shipped_vectors_path,
    texts_digest,
    write_vectors_file,
)


def main() -> None:
    texts = ll.load_exemplars()[0]
    encoder = ll.get_default_pair()
    started = time.perf_counter()
    path = shipped_vectors_path()
    key = {"model": model_identity(encoder), "digest": texts_digest(texts)}
    if read_vectors_file(path, **key) is None:
        write_vectors_file(path, embed_texts(encoder, texts), **key)
        print(
            f"encoded {len(texts)} exemplars with {key['model']} in {time.perf_counter() - started:.1f} s; "
            f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)"
        )
    else:
        print(f"{path} is up to date")
    forget_exemplar_vectors()
    (shipped_detector_path() / "key.json").unlink(missing_ok=True)  # fit afresh, never load the old fit
    detector = ll.PitchDetector()
    detector.score_texts(["fit now"])
    folder = detector.save(shipped_detector_path())
    (folder / "key.json").write_text(json.dumps({"key": bundled_fit_digest(detector)}) + "\n")
    print(f"wrote the default detector's fit to {folder}")


if __name__ == "__main__":
    main()
