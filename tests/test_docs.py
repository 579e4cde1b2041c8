"""Every command is documented: its help has an Example, and README.md or docs/*.md names it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from sayso.cli import app

ROOT = Path(__file__).resolve().parents[1]


def commands(group: Any, path: tuple[str, ...] = ("sayso",)) -> Iterator[tuple[str, ...]]:
    """Every command path, groups included (Typer vendors click, so groups are found by duck typing)."""
    yield path
    if isinstance(getattr(group, "commands", None), dict):
        for name, cmd in sorted(group.commands.items()):
            if not cmd.hidden:
                yield from commands(cmd, (*path, name))


ALL = list(commands(typer.main.get_command(app)))
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
                 if p.is_file())


def test_the_core_commands_are_there() -> None:
    names = {" ".join(p) for p in ALL}
    assert {"sayso analyze", "sayso eval polnear", "sayso train polnear"} <= names


@pytest.mark.parametrize("path", ALL[1:], ids=lambda p: " ".join(p))
def test_help_has_an_example(path: tuple[str, ...]) -> None:
    r = CliRunner().invoke(app, [*path[1:], "--help"], terminal_width=200)
    assert r.exit_code == 0, r.output
    assert "Example:" in r.output
    assert " ".join(path) in r.output.split("Example:", 1)[1], "the example should run this command"


@pytest.mark.parametrize("path", ALL[1:], ids=lambda p: " ".join(p))
def test_command_is_documented(path: tuple[str, ...]) -> None:
    name = " ".join(path)
    assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", DOCS), f"{name} is not named in README.md or docs/*.md"
