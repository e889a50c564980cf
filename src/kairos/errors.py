"""The exceptions kairos raises, all rooted at :class:`KairosError`.

The CLI turns any ``KairosError`` into one clear line and a non-zero exit; a
traceback that reaches a user is a bug. Hooks catch everything in one visible
fail-open wrapper instead.

    KairosError
    ├── ConfigError            a config or policy file is malformed or has a bad value
    │   └── EmbedderUnavailable  (kairos.embed) the chosen embedder cannot run here; recall goes lexical
    ├── InputError             user-supplied input is unusable (unknown type, bad path, too large)
    │   └── PathOutsideStore   a path escapes the root it is confined to
    ├── StoreError             a store cannot be opened, written, or locked
    │   ├── DiskFullError      the disk refused a write for lack of space
    │   └── DreamBusy            (kairos.dream) another dream holds the lock
    ├── JournalError           the journal cannot be parsed or appended to
    │   └── JournalCorrupt     a segment fails verification where a repair is not safe
    ├── MemoryFileError        a memory file has malformed frontmatter or breaks its budget
    ├── IndexError_            the derived index is unusable (rebuild it)
    │   └── VectorFileDamaged    (kairos.index) vector sidecar files are inconsistent; re-embedded
    ├── NotFound               a record, memory or tombstone id does not exist
    ├── DaemonError              (kairos.integrations.daemon_client) the warm recall daemon
    │   ├── DaemonRunning          one is already running for this home
    │   └── DaemonUnavailable      none answers; hooks answer lexically instead
    └── ProviderError          an LLM provider failed or answered garbage (callers fall back)
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DiskFullError",
    "IndexError_",
    "InputError",
    "JournalCorrupt",
    "JournalError",
    "KairosError",
    "MemoryFileError",
    "NotFound",
    "PathOutsideStore",
    "ProviderError",
    "StoreError",
]


class KairosError(Exception):
    """Base of every error kairos raises on purpose."""


class ConfigError(KairosError):
    """A config or policy file is malformed, or holds a value kairos cannot use."""


class InputError(KairosError):
    """User input is unusable: an unknown memory type, an unreadable file, an oversized paste."""


class PathOutsideStore(InputError):
    """A path resolves outside the root it must stay in (traversal or symlink escape)."""


class StoreError(KairosError):
    """A store directory cannot be created, opened, locked or written."""


class DiskFullError(StoreError):
    """The disk refused a write for lack of space; nothing already stored was touched."""


class JournalError(KairosError):
    """A journal segment cannot be appended to or parsed."""


class JournalCorrupt(JournalError):
    """A segment failed verification in a way that an automatic repair must not paper over."""


class MemoryFileError(KairosError):
    """A memory file has malformed frontmatter, an unknown type, or breaks its size budget."""


class IndexError_(KairosError):  # noqa: N801 - avoid shadowing the builtin IndexError
    """The derived SQLite index is unusable; ``kairos index rebuild`` restores it."""


class NotFound(KairosError):
    """A record, memory, tombstone or decision id does not exist."""


class ProviderError(KairosError):
    """An LLM provider failed, timed out or answered something invalid; callers fall back."""
