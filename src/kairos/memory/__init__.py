"""Memory files (DESIGN §3): MEMORY.md and topic files per scope, with code anchors.

Imports the journal only through the store; never the index or the services.
"""

from kairos.memory.anchors import Anchor, AnchorStatus, check_anchor, make_anchor
from kairos.memory.files import (
    INDEX_MAX_BYTES,
    INDEX_MAX_LINES,
    MEMORY_TYPES,
    TOPIC_MAX_BYTES,
    MemoryDir,
    MemoryFile,
    slugify,
)
from kairos.memory.frontmatter import dump_frontmatter, parse_frontmatter

__all__ = [
    "INDEX_MAX_BYTES",
    "INDEX_MAX_LINES",
    "MEMORY_TYPES",
    "TOPIC_MAX_BYTES",
    "Anchor",
    "AnchorStatus",
    "MemoryDir",
    "MemoryFile",
    "check_anchor",
    "dump_frontmatter",
    "make_anchor",
    "parse_frontmatter",
    "slugify",
]
