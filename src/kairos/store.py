"""Where things live: the private home, project identity, and the roots of each scope.

    $KAIROS_HOME/                         (default: the platform's user data dir)
      user/logs/ user/memory/             user-type memories: private, global across projects
      projects/<pid>/project.json         name and the paths this project was seen at
      projects/<pid>/logs/                the project's journal (private to this home)
      projects/<pid>/memory/              private project memories (feedback, private notes)
      projects/<pid>/index.sqlite         derived index; deleting it loses nothing
    <repo>/.kairos/memory/                team-scoped memory files, shared through git

A project's id comes from its repository's root commit, so every clone and
worktree of one repository maps to the same store; outside git it comes from
the directory's real path.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kairos.errors import StoreError
from kairos.fsutil import atomic_write_text
from kairos.journal import Journal

__all__ = ["MEMORY_TYPES", "Project", "SCOPES", "Store", "find_project", "kairos_home"]

# type -> default scope (DESIGN §3)
MEMORY_TYPES: dict[str, str] = {
    "user": "user",        # private, global across projects
    "feedback": "private",  # private to this project, promotable to team
    "project": "team",
    "reference": "team",
}
SCOPES = ("user", "private", "team")


def kairos_home() -> Path:
    env = os.environ.get("KAIROS_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("kairos", appauthor=False))


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    root: Path  # working-tree root (repository top, or the directory itself)
    is_git: bool


def _git_top(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


def _root_commit(top: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(top), "rev-list", "--max-parents=0", "HEAD"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    roots = sorted(out.stdout.split())
    return roots[0] if out.returncode == 0 and roots else None


def find_project(cwd: Path | str | None = None, home: Path | None = None) -> Project:
    """Identify the project containing ``cwd`` (cached per path in the home)."""
    start = Path(cwd or os.getcwd()).resolve()
    home = home or kairos_home()
    top = _git_top(start)
    root = top or start
    cache_file = home / "projects.json"
    try:
        cache = json.loads(cache_file.read_text())
    except (OSError, ValueError):
        cache = {}
    key = str(root)
    if key in cache:
        c = cache[key]
        return Project(c["id"], c["name"], root, c["git"])
    basis = _root_commit(top) if top else None
    ident = f"git:{basis}" if basis else f"path:{root}"
    pid = hashlib.sha256(ident.encode()).hexdigest()[:16]
    project = Project(pid, root.name or "root", root, basis is not None)
    cache[key] = {"id": pid, "name": project.name, "git": project.is_git}
    try:
        atomic_write_text(cache_file, json.dumps(cache, indent=1, sort_keys=True))
    except StoreError:
        pass  # a read-only home still works; the id is recomputed next time
    return project


class Store:
    """The roots and journals seen from one project. Cheap to construct; nothing opens eagerly."""

    def __init__(self, cwd: Path | str | None = None, home: Path | None = None,
                 device: str | None = None, *, fsync: bool = True):
        self.home = Path(home) if home else kairos_home()
        self.project = find_project(cwd, self.home)
        self.device = device
        self.fsync = fsync
        self.project_dir = self.home / "projects" / self.project.id
        self.user_dir = self.home / "user"

    @cached_property
    def journal(self) -> Journal:
        """The project's journal (everything but user-type memories)."""
        return Journal(self.project_dir, self.device, fsync=self.fsync)

    @cached_property
    def user_journal(self) -> Journal:
        """The private, cross-project journal of user-type memories."""
        return Journal(self.user_dir, self.device, fsync=self.fsync)

    def journals(self) -> list[Journal]:
        return [self.journal, self.user_journal]

    def journal_for_type(self, mem_type: str | None) -> Journal:
        return self.user_journal if mem_type == "user" else self.journal

    def memory_dir(self, scope: str) -> Path:
        if scope == "user":
            return self.user_dir / "memory"
        if scope == "team":
            return self.project.root / ".kairos" / "memory"
        return self.project_dir / "memory"

    def memory_dirs(self) -> dict[str, Path]:
        return {s: self.memory_dir(s) for s in SCOPES}

    @property
    def index_path(self) -> Path:
        return self.project_dir / "index.sqlite"

    @property
    def state_dir(self) -> Path:
        return self.project_dir / "state"

    def init(self) -> None:
        """Create the directories and record where this project was seen."""
        try:
            for d in (self.project_dir / "logs", self.user_dir / "logs", self.state_dir,
                      self.memory_dir("private"), self.memory_dir("user")):
                d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the kairos home at {self.home}: {exc.strerror}") from exc
        meta_path = self.project_dir / "project.json"
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, ValueError):
            meta = {"id": self.project.id, "name": self.project.name, "paths": []}
        if str(self.project.root) not in meta["paths"]:
            meta["paths"].append(str(self.project.root))
            atomic_write_text(meta_path, json.dumps(meta, indent=1))
