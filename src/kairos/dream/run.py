"""One dream: read the journals, fold them, and bring the memory files in line.

Steps: read every segment (skipping and reporting damaged bytes and edited
records), journal hand edits of memory files first so they are never lost,
fold (``consolidate.fold``), render the memory files of each scope within
budget, then — unless it is a dry run — journal one consolidation record per
new decision, write the files, and save the checkpoint.

Idempotent: decisions carry a stable key and are journaled once; files are
written only when their content differs. A run that died half way is resumed
by the next one, which recomputes the same plan and applies what is missing.

What this module must never do: delete a memory (it archives), overwrite a
hand-edited file before journaling it, or fail because an LLM did.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from kairos.dream.checkpoint import ids_digest, load_fold, save_fold, split_for_resume, state_of
from kairos.dream.consolidate import Decision, Fold, Slot, fold
from kairos.dream.gate import save_checkpoint
from kairos.dream.llm import make_judge
from kairos.errors import MemoryFileError
from kairos.journal import Journal, Record, RecordDraft
from kairos.journal.record import MARK, DecodeError, decode_record
from kairos.memory import TOPIC_MAX_BYTES, MemoryDir, MemoryFile, dump_frontmatter
from kairos.store import SCOPES, Store

__all__ = ["DreamReport", "FileChange", "dream", "read_records", "render_files"]

_HISTORY_KEEP = 3


@dataclass(frozen=True)
class FileChange:
    scope: str
    name: str        # topic name, or "MEMORY.md"
    action: str      # create | update | archive | index
    reason: str
    diff: str = ""


@dataclass
class DreamReport:
    dry_run: bool
    records: int = 0
    decisions: list[Decision] = field(default_factory=list)  # new ones only
    changes: list[FileChange] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    hand_edits: list[str] = field(default_factory=list)
    llm: list[dict[str, Any]] = field(default_factory=list)
    active: int = 0
    retired: int = 0
    untrusted_held: int = 0
    hypotheses_held: int = 0
    seconds: float = 0.0
    resumed: bool = False  # folded from the checkpoint, only the newer records
    folded: int = 0        # records folded this run

    @property
    def changed(self) -> bool:
        return bool(self.decisions or self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run, "records": self.records, "active": self.active,
            "retired": self.retired, "untrusted_held": self.untrusted_held,
            "hypotheses_held": self.hypotheses_held, "seconds": round(self.seconds, 3),
            "resumed": self.resumed, "folded": self.folded,
            "decisions": [{"action": d.action, "name": d.name, "reason": d.reason,
                           "rests_on": list(d.rests_on), "key": d.key} for d in self.decisions],
            "changes": [{"scope": c.scope, "name": c.name, "action": c.action, "reason": c.reason,
                         "diff": c.diff} for c in self.changes],
            "skipped": self.skipped, "hand_edits": self.hand_edits, "llm": self.llm,
        }

    def render(self, show_diff: bool = True, limit: int = 60) -> str:
        verb = "would" if self.dry_run else "did"
        lines = [f"dream {'(dry run) ' if self.dry_run else ''}over {self.records} records: "
                 f"{len(self.decisions)} decisions, {len(self.changes)} file changes; "
                 f"{self.active} memories active, {self.retired} retired; "
                 f"{self.untrusted_held} untrusted and {self.hypotheses_held} hypotheses held back"]
        for d in self.decisions[:limit]:
            lines.append(f"  {verb} {d.sentence()}  [{', '.join(d.rests_on[-3:])}]")
        if len(self.decisions) > limit:
            lines.append(f"  … {len(self.decisions) - limit} more decisions (--json for all)")
        for c in self.changes[:limit]:
            lines.append(f"  {c.action:7} {c.scope}/{c.name}: {c.reason}")
            if show_diff and c.diff:
                lines.extend("    " + ln for ln in c.diff.splitlines()[:40])
        if len(self.changes) > limit:
            lines.append(f"  … {len(self.changes) - limit} more file changes")
        for s in self.skipped:
            lines.append(f"  skipped: {s}")
        for h in self.hand_edits:
            lines.append(f"  hand edit: {h}")
        for call in self.llm:
            if call.get("fallback"):
                lines.append(f"  llm fell back to rules: {call.get('error')}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- reading
def read_records(journal: Journal, skipped: list[str]) -> list[Record]:
    """Every whole, unedited record; damaged bytes and edited records are reported, not used."""
    out: list[Record] = []
    for seg in journal.segments():
        try:
            data = seg.read_bytes()
        except OSError as exc:
            skipped.append(f"{seg}: unreadable ({exc.strerror})")
            continue
        pos = 0 if data.startswith(MARK) else data.find(b"\n" + MARK) + 1
        if pos == 0 and not data.startswith(MARK):
            continue
        while pos < len(data):
            try:
                rec, end, valid = decode_record(data, pos)
            except DecodeError as exc:
                nxt = data.find(b"\n" + MARK, pos + 1)
                nxt = nxt + 1 if nxt >= 0 else len(data)
                skipped.append(f"{seg.name}: {nxt - pos} damaged bytes at offset {pos} ({exc})")
                pos = nxt
                continue
            if valid:
                out.append(rec)
            else:
                skipped.append(f"{seg.name}: record {rec.id} was edited after it was written; not used")
            pos = end
    return out


# --------------------------------------------------------------------------- rendering
def _memory_files(slot: Slot) -> list[MemoryFile]:
    """The slot as one topic file, or several parts when its text alone breaks the budget."""
    extra: dict[str, Any] = {}
    if slot.history:
        extra["history"] = [
            {"text": h["text"][:160], "valid_from": h["valid_from"][:19], "valid_to": h["valid_to"][:19],
             "reason": h["reason"][:160]} for h in slot.history[-_HISTORY_KEEP:]]
    if slot.confirmations > 1:
        extra["confirmations"] = slot.confirmations
    sources = slot.sources[-12:]
    updated = slot.last_seen[:10]
    mf = MemoryFile(name=slot.name, description=slot.description, type=slot.type, body=slot.text,
                    scope=slot.scope, confidence=slot.reliability, sources=sources,
                    anchors=slot.anchors, updated=updated, extra=extra)
    header_probe = dump_frontmatter({"name": mf.name, "description": mf.description, "type": mf.type,
                                     "scope": mf.scope, "confidence": mf.confidence,
                                     "sources": sources, "anchors": slot.anchors,
                                     "updated": updated, **extra}, "")
    room = TOPIC_MAX_BYTES - len(header_probe.encode()) - 200
    body = slot.text.encode()
    if len(body) <= room or room < 500:
        return [mf]
    # Split on paragraph, then sentence, boundaries into parts that each fit.
    parts: list[str] = []
    current = ""
    for para in slot.text.replace(". ", ".\n").split("\n"):
        piece = (current + "\n" + para) if current else para
        if len(piece.encode()) > room and current:
            parts.append(current)
            current = para
        else:
            current = piece
    if current:
        parts.append(current)
    parts = [p if len(p.encode()) <= room else p.encode()[:room].decode("utf-8", "ignore")
             for p in parts]
    out = []
    for i, text in enumerate(parts, 1):
        name = slot.name if i == 1 else f"{slot.name[:70]}-part{i}"
        desc = f"{slot.description[:120]} (part {i}/{len(parts)})"
        out.append(MemoryFile(name=name, description=desc, type=slot.type, body=text,
                              scope=slot.scope, confidence=slot.reliability, sources=sources,
                              anchors=slot.anchors if i == 1 else [], updated=updated,
                              extra=extra if i == 1 else {"part_of": slot.name}))
    return out


def render_files(f: Fold) -> dict[str, dict[str, MemoryFile]]:
    """scope -> name -> memory file, for every active memory."""
    out: dict[str, dict[str, MemoryFile]] = {s: {} for s in SCOPES}
    for slot in sorted(f.active(), key=lambda s: s.key):
        for mf in _memory_files(slot):
            out[slot.scope][mf.name] = mf
    return out


def _diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        f"a/{name}", f"b/{name}", n=1))


# --------------------------------------------------------------------------- hand edits
def _ingest_hand_edits(store: Store, dry_run: bool, report: DreamReport,
                       protected: set[tuple[str, str]]) -> list[Record]:
    """Journal every hand-edited memory file as a user statement, before anything overwrites it."""
    synthetic: list[Record] = []
    for scope in SCOPES:
        mdir = MemoryDir(store.memory_dir(scope), scope)
        for name in mdir.hand_edits():
            try:
                mf = mdir.read(name)
            except (MemoryFileError, OSError) as exc:
                protected.add((scope, name))
                report.skipped.append(f"{scope}/{name}.md: unreadable hand edit, left untouched ({exc})")
                continue
            meta = {"name": mf.name, "scope": scope, "description": mf.description,
                    "hand_edit": True, "anchors": mf.anchors}
            report.hand_edits.append(f"{scope}/{name}.md journaled as a user statement")
            journal = store.journal_for_type(mf.type)
            if dry_run:
                synthetic.append(Record(id=f"zzzzzzzzzzzzzzzz-dry-{scope}-{name}", time=_now_iso(),
                                        kind="memory", text=mf.body, device="dry-run",
                                        provenance="user", type=mf.type, meta=meta))
                protected.add((scope, name))
                continue
            journal.append("memory", mf.body, type=mf.type, provenance="user", meta=meta)
            mdir.acknowledge(name)
    return synthetic


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------- the dream
def _dream_config(config: dict[str, Any] | None) -> dict[str, Any]:
    return dict((config or {}).get("dream", {}))


def _semantic(config: dict[str, Any] | None, skipped: list[str]) -> Any:
    """The static embedder's ``embed`` for same-subject detection (``[dream] semantic``, on by
    default), or None: then the word rules decide alone, and the report says why."""
    if not _dream_config(config).get("semantic", True):
        return None
    from kairos.embed import EmbedderUnavailable, get_embedder
    try:
        embedder = get_embedder("static")
    except EmbedderUnavailable as exc:
        skipped.append(f"semantic same-subject detection off: {exc}")
        return None
    return embedder.embed if embedder is not None else None


def dream(store: Store, *, dry_run: bool = False, now: datetime | None = None,
          config: dict[str, Any] | None = None, provider: Any = None, use_llm: bool = True) -> DreamReport:
    """Consolidate the store's journals into its memory files; see the module docstring."""
    started = time.perf_counter()
    report = DreamReport(dry_run=dry_run)
    protected: set[tuple[str, str]] = set()
    synthetic = _ingest_hand_edits(store, dry_run, report, protected)
    records: list[Record] = []
    for journal in store.journals():
        records.extend(read_records(journal, report.skipped))
    records.extend(synthetic)
    report.records = len(records)
    known_keys = {str(r.meta.get("key")) for r in records
                  if r.kind == "consolidation" and isinstance(r.meta, dict) and r.meta.get("key")}
    judge = make_judge(records, config, provider, report.llm) if use_llm else None
    inputs = [r for r in records if r.kind != "consolidation"]
    start, todo = split_for_resume(load_fold(store), inputs)
    report.resumed = start is not None
    report.folded = len(todo)
    snapshot: dict[str, Any] = {}

    def keep_state(folder: Any) -> None:
        if dry_run:
            return
        durable = [r.id for r in inputs if r.device != "dry-run"]
        last = max(durable, default="")
        snapshot.update(state_of(folder, last, ids_digest(durable), len(set(durable))))

    folded = fold(todo, now=now, project_root=store.project.root if store.project.is_git or
                  store.project.root.exists() else None, judge=judge,
                  embed=_semantic(config, report.skipped), start=start,
                  on_folded=keep_state)
    report.active = len(folded.active())
    report.retired = len(folded.slots) - report.active
    report.untrusted_held = folded.untrusted_held
    report.hypotheses_held = folded.hypotheses_held
    seen_keys: set[str] = set()
    for d in folded.decisions:
        if d.key not in known_keys and d.key not in seen_keys:
            seen_keys.add(d.key)
            report.decisions.append(d)
    desired = render_files(folded)
    plans: list[tuple[MemoryDir, str, MemoryFile | None, str]] = []
    for scope in SCOPES:
        mdir = MemoryDir(store.memory_dir(scope), scope)
        existing = set(mdir.names())
        for name, mf in sorted(desired[scope].items()):
            if (scope, name) in protected:
                continue
            new_text = mf.render()
            path = mdir.path / f"{name}.md"
            old_text = path.read_text(encoding="utf-8", errors="replace") if name in existing else ""
            if old_text == new_text:
                continue
            action = "update" if name in existing else "create"
            slot = folded.by_name(name.split("-part")[0]) or folded.by_name(name)
            why = slot.history[-1]["reason"] if slot and slot.history and action == "update" \
                else ("memory changed" if action == "update" else "new memory")
            report.changes.append(FileChange(scope, name, action, why, _diff(old_text, new_text, name)))
            plans.append((mdir, name, mf, action))
        for name in sorted(existing - set(desired[scope])):
            if (scope, name) in protected:
                continue
            slot = folded.by_name(name)
            why = slot.retired_reason if slot and slot.status == "retired" else \
                "no journal record supports it any more"
            report.changes.append(FileChange(scope, name, "archive", why))
            plans.append((mdir, name, None, why))
        files = list(desired[scope].values())
        index_path = mdir.path / "MEMORY.md"
        if not files and index_path.exists() and not (existing & {n for _, n in protected}):
            # No memories left in this scope: the index (derived) goes too, as if never written.
            report.changes.append(FileChange(scope, "MEMORY.md", "index", "no memories left"))
            plans.append((mdir, "MEMORY.md", None, "remove-index"))
        elif files:
            index_new = mdir.index_text(files)
            index_old = index_path.read_text(encoding="utf-8") if index_path.exists() else ""
            if index_new != index_old:
                report.changes.append(FileChange(scope, "MEMORY.md", "index", "index rewritten",
                                                 _diff(index_old, index_new, "MEMORY.md")))
                plans.append((mdir, "MEMORY.md", None, "index"))
    if not dry_run:
        _apply(store, folded, report, plans, desired)
        save_checkpoint(store, records)
        if snapshot:
            save_fold(store, snapshot)  # last: a dream killed before this resumes from the old one
    report.seconds = time.perf_counter() - started
    return report


def _apply(store: Store, folded: Fold, report: DreamReport,
           plans: list[tuple[MemoryDir, str, MemoryFile | None, str]],
           desired: dict[str, dict[str, MemoryFile]]) -> None:
    # 1. The journal first: what was decided and why, and what the LLM did.
    by_journal: dict[str, list[RecordDraft]] = {"project": [], "user": []}
    for d in report.decisions:
        slot = folded.by_name(d.name)
        which = slot.journal if slot else "project"
        meta = {"action": d.action, "key": d.key, "name": d.name, "reason": d.reason,
                "rests_on": list(d.rests_on), **{k: v for k, v in d.detail.items()
                                                  if isinstance(v, (str, int, float))}}
        by_journal[which].append(RecordDraft("consolidation", d.sentence(), None, None, "system", meta))
    for call in report.llm:
        if call.get("journal"):
            by_journal["project"].append(RecordDraft("consolidation", call["journal"], None, None,
                                                     "system", call["meta"]))
    if by_journal["project"]:
        store.journal.append_many(by_journal["project"])
    if by_journal["user"]:
        store.user_journal.append_many(by_journal["user"])
    # 2. Then the files.
    for mdir, name, mf, why in plans:
        try:
            if name == "MEMORY.md" and why == "remove-index":
                (mdir.path / "MEMORY.md").unlink(missing_ok=True)
            elif name == "MEMORY.md":
                mdir.write_index(list(desired[mdir.scope].values()))
            elif mf is None:
                mdir.archive(name, why)
            else:
                mdir.write(mf)
        except MemoryFileError as exc:
            report.skipped.append(f"{mdir.scope}/{name}: not written ({exc})")
    _refresh_index(store, report)


def _refresh_index(store: Store, report: DreamReport) -> None:
    """Tell the derived index the files changed, when the index service is installed."""
    if not report.changes:
        return
    try:
        from kairos.api import Kairos  # type: ignore[import-not-found]
    except ImportError:
        return
    try:
        Kairos(cwd=store.project.root, home=store.home).index.refresh()
    except Exception as exc:  # noqa: BLE001 - the index is derived; dream's own work is done
        report.skipped.append(f"index refresh failed ({type(exc).__name__}: {exc}); "
                              "run `kairos index rebuild`")
