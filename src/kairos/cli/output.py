"""Shared CLI output: rich for people, plain JSON for programs."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

__all__ = ["console", "json_option", "print_json", "short"]


def console():  # noqa: ANN201 - rich is imported lazily
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def short(text: str, n: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
