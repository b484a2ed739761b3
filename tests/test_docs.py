"""Every docstring example runs (with the real bundled model where it uses one)."""

import doctest
import importlib
import pkgutil

import matplotlib.pyplot as plt
import pytest

import linkedins_law

MODULES = ["linkedins_law"] + [
    m.name
    for m in pkgutil.walk_packages(linkedins_law.__path__, prefix="linkedins_law.")
    if not m.name.endswith("__main__")
]


@pytest.mark.integration
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    plt.close("all")
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_public_functions_have_examples():
    missing = []
    for name in linkedins_law.__all__:
        obj = getattr(linkedins_law, name)
        if callable(obj) and not isinstance(obj, type(linkedins_law)) and name[0].islower():
            if "Examples" not in (obj.__doc__ or ""):
                missing.append(name)
    assert not missing, f"public functions without an Examples section: {missing}"
