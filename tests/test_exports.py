"""The public API: what ``sayso.__all__`` promises exists, and public names are re-exported."""

from __future__ import annotations

import inspect

import sayso
import sayso.errors
import sayso.pipeline
import sayso.records


def test_everything_in_all_exists() -> None:
    assert len(sayso.__all__) == len(set(sayso.__all__))
    for name in sayso.__all__:
        assert hasattr(sayso, name), name


def test_public_names_are_reexported() -> None:
    """Every public class or function defined in the core modules is reachable as ``sayso.<name>``."""
    for module in (sayso.errors, sayso.records, sayso.pipeline):
        for name, value in vars(module).items():
            if name.startswith("_") or not (inspect.isclass(value) or inspect.isfunction(value)):
                continue
            if getattr(value, "__module__", None) != module.__name__ or name == "Record":
                continue
            assert name in sayso.__all__, f"{module.__name__}.{name} is not in sayso.__all__"
            assert getattr(sayso, name) is value


def test_exceptions_form_the_documented_tree() -> None:
    for exc in (sayso.InputError, sayso.ModelError, sayso.StoreError):
        assert issubclass(exc, sayso.SaysoError)
    assert issubclass(sayso.SaysoError, Exception)


def test_version() -> None:
    assert isinstance(sayso.__version__, str) and sayso.__version__[0].isdigit()
