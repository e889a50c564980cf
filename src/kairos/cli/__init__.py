"""The ``kairos`` command line: a thin layer over the Python API.

``kairos hook`` is dispatched before click or rich are imported, so the Claude
Code hook path stays light. Every other command lives in its own module under
``kairos.cli`` and is imported only when it is invoked.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["hook"]:
        from kairos.integrations.claude_code.hook import main as hook_main

        raise SystemExit(hook_main(args[1:]))
    from kairos.cli.app import run

    run(args)
