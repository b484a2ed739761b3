"""The built wheel, installed into a fresh environment outside the checkout, works as a pip user meets it.

The wheel is built from the checkout and installed with ``--no-deps`` into a new virtual
environment whose only view of the dependencies (numpy, torch, sentence-transformers, ...) is the
test environment's site-packages folder added as a plain path: the linkedins_law that runs is the
one from the wheel, never the checkout.
"""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_python_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (path,) = dist.glob("linkedins_law-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv (no pip) with the wheel installed; returns its bin folder."""
    env = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    purelib = Path(
        subprocess.run(
            [str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    )
    # the test environment's dependencies, as plain paths (their .pth files, among them the
    # editable install of the checkout, are not run)
    deps = [p for p in site.getsitepackages() + [sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    (purelib / "zz_test_dependencies.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True, text=True,
    )
    return env / "bin"


def _run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(args, cwd=cwd, env=environ, capture_output=True, text=True, timeout=300, **kwargs)


def test_wheel_carries_the_data_and_the_license(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "linkedins_law/py.typed",
        "linkedins_law/data/sample_threads.jsonl",
        "linkedins_law/data/exemplars.jsonl",
        "linkedins_law/data/default_law.json",
        "linkedins_law/data/exemplar_vectors.npz",
        "linkedins_law/data/default_detector/detector.json",
        "linkedins_law/data/default_detector/arrays.npz",
        "linkedins_law/data/default_detector/key.json",
        "linkedins_law/data/static/model.safetensors",
        "linkedins_law/data/static/tokenizer.json",
    ):
        assert name in names, name
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
    assert "example.com" not in text.split("\n\n", 1)[0]  # no placeholder URL in the headers
    assert "Classifier: Programming Language :: Python :: 3.11" in text


def test_build_prints_no_setuptools_warning(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=True,
    )
    warnings = [line for line in (done.stdout + done.stderr).splitlines()
                if "Warning" in line and "setuptools" in line.lower() or "absent from" in line]
    assert not warnings, warnings


@pytest.mark.integration
def test_installed_wheel_runs_the_demo_and_the_readme_example(installed, tmp_path):
    python = str(installed / "python")
    where = _run([python, "-c", "import linkedins_law as ll; print(ll.__file__); print(ll.sample_threads_path())"],
                 tmp_path)
    assert where.returncode == 0, where.stderr
    module_file, sample = where.stdout.split()
    assert not Path(module_file).is_relative_to(ROOT) and Path(module_file).is_relative_to(installed.parent)
    assert Path(sample).is_file() and not Path(sample).is_relative_to(ROOT)

    demo = _run([str(installed / "linkedins-law"), "demo", "--out", str(tmp_path / "demo"), "--max-plots", "1",
                 "--bootstrap", "40", "--quiet"], tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "40 threads, 298 turns" in demo.stdout
    assert (tmp_path / "demo" / "report.json").is_file()

    example = _run([python, "-"], tmp_path, input="import matplotlib\nmatplotlib.use('Agg')\n"
                   + _readme_python_example())
    assert example.returncode == 0, example.stderr

    # the app pattern and the data paths, from the wheel
    app = _run([python, "-"], tmp_path, input=(
        "import linkedins_law as ll\n"
        "threads = ll.read_threads(ll.sample_threads_path())[:3]\n"
        "detector = ll.PitchDetector()\n"
        "before = [ll.pitch_probability(t, detector=detector) for t in threads]\n"
        "kept = ll.PitchDetector.load(detector.save('saved'))\n"
        "assert [ll.pitch_probability(t, detector=kept) for t in threads] == before\n"
        "ll.write_threads(threads, 'threads.csv')\n"
        "assert ll.read_threads('threads.csv') == threads\n"
        "assert ll.threads_from_frame(ll.threads_to_frame(threads), timestamp='timestamp', label='label') == threads\n"
        "print('ok')\n"
    ))
    assert app.returncode == 0 and app.stdout.strip() == "ok", app.stderr
