"""``kairos guard ...``: read the guard's journal, explain a decision, try a call, check the policy."""

from __future__ import annotations

import json
import os
import sys

import click

from kairos.errors import InputError, NotFound

__all__ = ["guard"]


@click.group()
def guard() -> None:
    """The tool-call guard: decisions, explanations and policy."""


@guard.command("log")
@click.option("-n", "--limit", default=20, show_default=True, help="How many recent decisions to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def log(limit: int, as_json: bool) -> None:
    """Show the most recent guard decisions in this project."""
    from kairos.guard.audit import Audit
    from kairos.store import Store

    for rec in Audit(Store()).decisions(limit):
        m = rec.meta or {}
        if as_json:
            click.echo(json.dumps({"id": rec.id, "time": rec.time, **m}, ensure_ascii=False))
            continue
        if m.get("event") == "approval":
            click.echo(f"{rec.id}  {rec.time[:19]}  APPROVED  {m.get('shape', '')}")
            continue
        click.echo(f"{rec.id}  {rec.time[:19]}  {str(m.get('decision', '?')).upper():5}  {m.get('tool', '?'):8} "
                   f"{str(m.get('preview', ''))[:60]!s:60}  [{m.get('rule')}]")


@guard.command("explain")
@click.argument("record_id")
def explain(record_id: str) -> None:
    """Explain one decision: inputs' digest, findings, the deciding rule and stage."""
    from kairos.guard.audit import Audit
    from kairos.guard.findings import LEVEL_NAMES
    from kairos.store import Store

    try:
        rec = Audit(Store()).get(record_id)
    except NotFound:
        raise
    m = rec.meta or {}
    if rec.kind != "guard-decision":
        raise InputError(f"{record_id} is a {rec.kind} record, not a guard decision")
    click.echo(f"decision  {str(m.get('decision', m.get('event', '?'))).upper()}  ({rec.time})")
    click.echo(f"tool      {m.get('tool', '?')}   digest {m.get('digest', '?')}   session {rec.session or '-'}")
    click.echo(f"call      {m.get('preview', '')}")
    click.echo(f"reason    {m.get('reason', rec.text)}")
    click.echo(f"decided   by {m.get('rule')} at stage {m.get('stage')}   ({m.get('ms', '?')} ms)")
    fs = m.get("findings") or []
    if fs:
        click.echo("findings")
        for f in fs:
            extra = ""
            if f.get("intents"):
                extra = f"  needs a user turn with: {', '.join(f['intents'][:6])}"
                if f.get("targets"):
                    extra += f" + one of: {', '.join(f['targets'][:4])}"
            click.echo(f"  - {f.get('id')} [{LEVEL_NAMES.get(f.get('level'), f.get('level'))}] {f.get('reason')}"
                       f"{extra}")


@guard.command("check")
@click.argument("command", required=False)
@click.option("--tool", default="Bash", show_default=True, help="Tool name (Bash, Read, Edit, Write, WebFetch...).")
@click.option("--input", "tool_input", help="Tool input as JSON (instead of COMMAND).")
@click.option("--transcript", type=click.Path(dir_okay=False), help="Session transcript (JSONL) for provenance.")
@click.option("--user", "user_says", multiple=True, help="A user turn to judge against (repeatable).")
@click.option("--record/--no-record", default=False, show_default=True, help="Journal this decision.")
@click.option("--json", "as_json", is_flag=True, help="Print the full decision as JSON.")
def check(command: str | None, tool: str, tool_input: str | None, transcript: str | None,
          user_says: tuple[str, ...], record: bool, as_json: bool) -> None:
    """Try a call from the command line: print allow / ask / deny with the reason.

    Examples: kairos guard check "git push --force" --user "force-push my branch"
              kairos guard check --tool Read --input '{"file_path": ".env"}'
    """
    import tempfile

    from kairos.guard.hook import decide

    if tool_input:
        try:
            ti = json.loads(tool_input)
        except ValueError as exc:
            raise InputError(f"--input is not JSON: {exc}") from exc
    elif command is not None:
        ti = {"command": command}
    else:
        raise InputError("give a COMMAND or --input JSON")
    tmp = None
    if transcript is None:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)
        for i, text in enumerate(user_says):
            tmp.write(json.dumps({"type": "user", "uuid": f"u{i}", "message": {"role": "user", "content": text}})
                      + "\n")
        tmp.close()
        transcript = tmp.name
    payload = {"session_id": "cli-check", "transcript_path": transcript, "cwd": os.getcwd(),
               "hook_event_name": "PreToolUse", "tool_name": tool, "tool_input": ti, "tool_use_id": "",
               "permission_mode": "default"}
    try:
        d = decide(payload, record=record)
    finally:
        if tmp is not None:
            os.unlink(tmp.name)
    if as_json:
        click.echo(json.dumps({"decision": d.decision, "reason": d.reason, "rule": d.rule, "stage": d.stage,
                               "id": d.id, "findings": [f.to_dict() for f in d.findings]}, ensure_ascii=False))
    else:
        click.echo(f"{d.decision.upper()}: {d.reason}  [{d.rule}]")
        for f in d.findings:
            click.echo(f"  - {f.id}: {f.reason}")
    sys.exit({"allow": 0, "ask": 3, "deny": 2}[d.decision])


@guard.command("policy")
def policy() -> None:
    """Validate and show the merged guard policy (user + project files)."""
    from kairos.guard.policy import load_policy
    from kairos.store import Store, kairos_home

    store = Store()
    p = load_policy(store.project.root, kairos_home())
    click.echo(f"files: {', '.join(p.sources) or '(none; defaults)'}")
    click.echo(f"mode={p.mode} ratchet={p.ratchet} journal={p.journal} llm_review={p.llm_review}")
    for kind in ("deny", "ask", "allow"):
        for r in getattr(p, kind):
            click.echo(f"{kind:5}  {r.text}    ({r.source})")
