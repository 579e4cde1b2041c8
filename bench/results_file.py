"""Print a benchmark's result as JSON and, when asked, write it under bench/results/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def print_and_save(result: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(result, indent=2)
    print(text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
