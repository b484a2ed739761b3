import subprocess
import sys

import linkedins_law as ll


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_import_does_not_load_heavy_modules():
    out = _run(
        "import sys, linkedins_law\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'matplotlib', 'scipy', 'transformers')"
        " if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_import_is_fast():
    # best of three fresh interpreters, to keep a busy machine from failing the check
    code = "import time; t = time.perf_counter(); import linkedins_law; print(time.perf_counter() - t)"
    best = min(float(_run(code)) for _ in range(3))
    assert best < 0.5, f"import linkedins_law took {best:.3f}s"


def test_public_names():
    for name in ll.__all__:
        assert hasattr(ll, name), name
    for name in ("Turn", "Thread", "read_threads", "PitchDetector", "Trajectory", "pitch_probability",
                 "SentenceEncoder", "Encoder", "plot_trajectory"):
        assert name in ll.__all__
    assert ll.__version__.count(".") == 2


def test_py_typed_ships():
    import importlib.resources

    assert (importlib.resources.files("linkedins_law") / "py.typed").is_file()
