"""The derived index (SQLite FTS5 + vectors): rebuildable at any time from the files."""

from kairos.index.index import INDEXED_KINDS, Candidate, Index, fts_query
from kairos.index.schema import MIGRATIONS, migrate

__all__ = ["INDEXED_KINDS", "MIGRATIONS", "Candidate", "Index", "fts_query", "migrate"]
