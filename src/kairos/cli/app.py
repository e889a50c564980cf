"""The click application: a lazy group of nouns, and the one place errors become exit codes."""

from __future__ import annotations

import importlib
import os
import sys

import click

from kairos.errors import KairosError

__all__ = ["COMMANDS", "cli", "run"]

# name -> "module:attribute". Modules load only when their command runs, which keeps
# `kairos --help` and every command's start-up fast.
COMMANDS: dict[str, str] = {
    "init": "kairos.cli.store_cmds:init",
    "remember": "kairos.cli.store_cmds:remember",
    "recall": "kairos.cli.store_cmds:recall",
    "show": "kairos.cli.store_cmds:show",
    "forget": "kairos.cli.store_cmds:forget",
    "status": "kairos.cli.store_cmds:status",
    "import": "kairos.cli.import_cmd:import_",
    "journal": "kairos.cli.journal_cmds:journal",
    "index": "kairos.cli.index_cmds:index",
    "memory": "kairos.cli.memory_cmds:memory",
    "bench": "kairos.cli.bench_cmds:bench",
    "demo": "kairos.cli.demo:demo",
    "guard": "kairos.cli.guard_cmds:guard",
    "dream": "kairos.cli.dream_cmds:dream",
    "compact": "kairos.cli.compact_cmds:compact",
    "expand": "kairos.cli.compact_cmds:expand",
    "install": "kairos.cli.integration_cmds:install",
    "doctor": "kairos.cli.integration_cmds:doctor",
    "mcp": "kairos.cli.integration_cmds:mcp",
    "daemon": "kairos.cli.daemon_cmds:daemon",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS) + ["hook"]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "hook":
            return _hook_help
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.command("hook", context_settings={"ignore_unknown_options": True})
@click.argument("event", required=False)
def _hook_help(event: str | None) -> None:
    """Claude Code hook entry point: reads the hook JSON on stdin, answers on stdout.

    Installed by `kairos install claude-code`; not meant to be run by hand.
    """
    from kairos.integrations.claude_code.hook import main as hook_main

    raise SystemExit(hook_main([event] if event else []))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kairos")
def cli() -> None:
    """kairos: memory and context infrastructure for AI coding agents."""


def run(args: list[str]) -> None:
    """Run the CLI; any KairosError becomes one clear line on stderr and exit code 1."""
    try:
        cli.main(args=args, prog_name="kairos", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KairosError as exc:
        click.echo(f"kairos: error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - a traceback reaching a user is a bug: log it, say one line
        if os.environ.get("KAIROS_DEBUG"):
            raise
        where = _log_crash(exc)
        click.echo(f"kairos: internal error: {type(exc).__name__}: {exc} (details: {where})", err=True)
        sys.exit(70)


def _log_crash(exc: BaseException) -> str:
    import traceback

    from kairos.store import kairos_home

    try:
        home = kairos_home()
        home.mkdir(parents=True, exist_ok=True)
        path = home / "errors.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)) + "\n")
        return str(path)
    except OSError:
        return "set KAIROS_DEBUG=1 to see the traceback"
