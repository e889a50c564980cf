"""The Python API: ``Kairos`` is the one obvious entry object for memory.

    from kairos import Kairos
    k = Kairos()                                   # the project around the current directory
    k.remember("We deploy with `make ship`", type="project")
    for hit in k.recall("how do we deploy?").results:
        print(hit.score, hit.text)

The CLI, the hooks and the MCP server are thin layers over this class.
"""

from __future__ import annotations

import json
import time
from functools import cached_property
from pathlib import Path
from typing import Any

from kairos.config import load_config
from kairos.errors import InputError, KairosError, NotFound
from kairos.index import Index
from kairos.journal import Journal, Record, redact
from kairos.memory import MEMORY_TYPES, MemoryDir, MemoryFile, make_anchor, slugify
from kairos.recall import RecallResult, Recaller
from kairos.store import MEMORY_TYPES as DEFAULT_SCOPE
from kairos.store import SCOPES, Store

__all__ = ["Kairos"]


class Kairos:
    def __init__(self, cwd: Path | str | None = None, home: Path | str | None = None,
                 device: str | None = None, *, fsync: bool = True):
        self.store = Store(cwd, Path(home) if home else None, device, fsync=fsync)
        self.store.init()

    # ------------------------------------------------------------ components
    @cached_property
    def config(self) -> dict[str, Any]:
        return load_config(self.store.home, self.store.project.root)

    @property
    def journal(self) -> Journal:
        return self.store.journal

    @cached_property
    def index(self) -> Index:
        return Index(self.store.index_path, self.store.journals(), self.store.memory_dirs())

    def memory_dir(self, scope: str) -> MemoryDir:
        return MemoryDir(self.store.memory_dir(scope), scope)

    @cached_property
    def recaller(self) -> Recaller:
        embedder, note = self._embedder()
        return Recaller(self.index, self.store.project.root, embedder, note)

    def _embedder(self) -> tuple[Any, str | None]:
        """The configured embedder, or (None, why) -- recall then answers lexically and says so."""
        from kairos.embed import get_embedder

        name = (self.config.get("recall") or {}).get("embedder")
        try:
            return get_embedder(name), None
        except KairosError as exc:
            return None, f"semantic recall unavailable ({exc}); answered lexically"

    def refresh(self) -> None:
        """Bring the index (and its vectors) up to date with the journal and memory files."""
        self.index.refresh()
        if self.recaller.embedder is not None:
            try:
                self.index.embed_pending(self.recaller.embedder)
            except KairosError as exc:
                self.recaller.embedder_note = f"semantic recall unavailable ({exc}); answered lexically"
                self.recaller.embedder = None

    # ------------------------------------------------------------ operations
    def remember(self, text: str, type: str = "project", *, scope: str | None = None,
                 anchors: list[str] | tuple[str, ...] = (), name: str | None = None,
                 description: str | None = None, provenance: str = "user",
                 session: str | None = None) -> tuple[Record, MemoryFile]:
        """Journal a memory and write its topic file; returns both."""
        text = text.strip()
        if not text:
            raise InputError("nothing to remember: the text is empty")
        if type not in MEMORY_TYPES:
            raise InputError(f"unknown memory type {type!r}; use one of {', '.join(MEMORY_TYPES)}")
        scope = scope or DEFAULT_SCOPE[type]
        if scope not in SCOPES:
            raise InputError(f"unknown scope {scope!r}; use one of {', '.join(SCOPES)}")
        if type == "user" and scope != "user":
            raise InputError("user memories stay in the private home (scope 'user')")
        if scope == "user" and type != "user":
            raise InputError("scope 'user' holds only user-type memories")
        if provenance == "tool" and type in ("user", "feedback"):
            raise InputError("tool output cannot become a user or feedback memory by itself")
        self.sync_hand_edits()
        root = self.store.project.root
        anchor_dicts = [make_anchor(root, a).to_dict() for a in anchors]
        mdir = self.memory_dir(scope)
        mdir.path.mkdir(parents=True, exist_ok=True)
        clean, _ = redact(text)  # names and descriptions come from the redacted text, never the raw one
        name = name or mdir.unique_name(slugify(clean))
        desc = redact(description)[0] if description else " ".join(clean.split())[:150]
        rec = self.store.journal_for_type(type).append(
            "memory", text, type=type, session=session, provenance=provenance,
            meta={"scope": scope, "name": name, "description": desc, "anchors": anchor_dicts})
        mf = MemoryFile(name=name, description=rec.meta.get("description", desc), type=type,
                        body=rec.text, scope=scope, confidence=0.8 if provenance == "user" else 0.6,
                        sources=[rec.id], anchors=anchor_dicts, updated=rec.time[:10],
                        extra={"provenance": provenance})
        mdir.write(mf)
        mdir.write_index()
        self.index.refresh()
        return rec, mf

    def recall(self, query: str, k: int = 10, *, types: list[str] | None = None,
               check_staleness: bool = True, llm: bool = False) -> RecallResult:
        """The ``k`` best memories and records for ``query``. ``llm``: the configured model (``[llm]``
        in config.toml) reads the best hits and orders them (recall/reader.py)."""
        if not isinstance(query, str) or not query.strip():
            raise InputError("the query is empty")
        reader, timeout = self.reader() if llm else (None, 30.0)
        self.refresh()
        return self.recaller.recall(query, k, types=types, check_staleness=check_staleness,
                                    reader=reader, reader_timeout=timeout)

    def reader(self) -> tuple[Any, float]:
        """The configured LLM provider and its timeout, for ``recall(llm=True)``; InputError when
        none is configured."""
        from kairos.llm import get_provider

        cfg = self.config
        provider = get_provider(cfg)
        if provider is None:
            raise InputError("no LLM is configured: set [llm] provider in config.toml or KAIROS_LLM "
                             "(anthropic, openai, claude-cli); recall without --llm needs none")
        return provider, float((cfg.get("llm") or {}).get("timeout", 30))

    def judge_links(self, *, max_calls: int | None = None, provider: Any = None,
                    progress: Any = None) -> Any:
        """Let the configured LLM read which earlier statements each newer one replaces
        (dream/links.py); the verdicts are journaled and the index applies them. Returns a
        ``LinkReport``. InputError when no LLM is configured."""
        from kairos.dream.links import judge_links

        timeout = 30.0
        if provider is None:
            provider, timeout = self.reader()
        cfg = self.config.get("dream") or {}
        calls = int(cfg.get("link_max_calls", 100)) if max_calls is None else max_calls
        return judge_links(self.index, self.journal, self.recaller.embedder, provider, max_calls=calls,
                           max_failures=int(cfg.get("llm_max_failures", 2)), timeout=timeout,
                           progress=progress)

    def forget(self, target: str, reason: str = "") -> Record:
        """Write a tombstone for a memory (by name) or a record (by id); nothing is deleted."""
        self.index.refresh()
        doc = self.index.find(target)
        if doc is None:
            raise NotFound(f"nothing called {target!r} to forget (try `kairos recall` to find its id)")
        key = doc["id"].split("/", 1)[1] if doc["kind"] == "memory" else doc["id"]
        journal = self.store.journal_for_type(doc.get("type"))
        rec = journal.append("forget", f"forget {key}" + (f": {reason}" if reason else ""),
                             type=doc.get("type"), provenance="user",
                             meta={"target": key, "reason": reason or None,
                                   "covers": json.loads(doc.get("sources") or "[]")})
        if doc["kind"] == "memory" and doc.get("scope"):
            mdir = self.memory_dir(doc["scope"])
            mdir.archive(key, reason)
            mdir.write_index()
        self.index.refresh()
        return rec

    def show(self, key: str) -> dict[str, Any]:
        """A memory (by name) or a record (by id or imported id), with its provenance."""
        self.index.refresh()
        doc = self.index.find(key)
        if doc is None:
            raise NotFound(f"no memory or record {key!r}")
        return {k: v for k, v in doc.items() if k not in ("rowid",)}

    def sync_hand_edits(self) -> list[Record]:
        """Journal every memory file a person edited, then accept it as the current version."""
        out = []
        for scope in SCOPES:
            mdir = self.memory_dir(scope)
            for name in mdir.hand_edits():
                try:
                    mf = mdir.read(name)
                except Exception as exc:  # noqa: BLE001 - report, keep the file, go on
                    from kairos.errors import KairosError

                    if not isinstance(exc, KairosError):
                        raise
                    continue
                journal = self.store.journal_for_type(mf.type)
                out.append(journal.append(
                    "memory", mf.body, type=mf.type, provenance="user",
                    meta={"scope": scope, "name": mf.name, "description": mf.description,
                          "anchors": mf.anchors, "hand_edit": True}))
                mdir.acknowledge(name)
        return out

    def status(self) -> dict[str, Any]:
        self.index.refresh()
        counts = self.index.count()
        files = {}
        problems: list[str] = []
        for scope in SCOPES:
            mdir = self.memory_dir(scope)
            fs, errs = mdir.read_all()
            files[scope] = {"path": str(mdir.path), "files": len(fs)}
            problems += errs
        return {
            "project": {"id": self.store.project.id, "name": self.store.project.name,
                        "root": str(self.store.project.root)},
            "home": str(self.store.home),
            "journal_segments": sum(len(j.segments()) for j in self.store.journals()),
            "index": {"path": str(self.store.index_path), **counts},
            "memory": files,
            "problems": problems,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
