"""Every command and subcommand has help text (sqlite-utils test_docs idea)."""

from __future__ import annotations

import click
import pytest

from kairos.cli.app import COMMANDS, cli


def _walk(group: click.Group, ctx: click.Context, prefix: tuple[str, ...] = ()):
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, f"{' '.join(prefix + (name,))} does not load"
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, click.Context(cmd, parent=ctx), prefix + (name,))


def test_every_command_has_help() -> None:
    ctx = click.Context(cli)
    seen = list(_walk(cli, ctx))
    assert {p[0] for p, _ in seen} >= set(COMMANDS)
    missing = [" ".join(p) for p, cmd in seen if not (cmd.help or "").strip()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_runs(name: str) -> None:
    from click.testing import CliRunner

    r = CliRunner().invoke(cli, [name, "--help"])
    assert r.exit_code == 0 and "Usage" in r.output
