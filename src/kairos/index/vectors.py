"""Dense vectors of the index: append-only sidecar files, memory-mapped at query time.

    <index>.vec/<model>.f16   rows of float16, ``dim`` each
    <index>.vec/<model>.ids   int64 document rowids, one per row

Reading a 100k x 256 matrix through SQLite costs more than a hook can spend;
a memory map costs nothing until the matrix product touches it. Writers hold
an flock on the ids file; readers take the shorter of the two files, so a
half-written batch is invisible. A damaged file (sizes that do not divide) is
reported as ``VectorFileDamaged`` and the caller answers lexically and
re-embeds.
"""

from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

import numpy as np

from kairos.errors import IndexError_

__all__ = ["VectorFile", "VectorFileDamaged"]


class VectorFileDamaged(IndexError_):
    """The vector sidecar files are inconsistent; recall falls back to lexical and they are rebuilt."""


class VectorFile:
    def __init__(self, directory: Path, model_id: str, dim: int):
        safe = re.sub(r"[^A-Za-z0-9_.\-]+", "_", model_id)
        self.dir = Path(directory)
        self.vec_path = self.dir / f"{safe}.f16"
        self.ids_path = self.dir / f"{safe}.ids"
        self.dim = dim
        self._cache: tuple[int, np.ndarray, np.ndarray] | None = None
        self._sorted: tuple[int, np.ndarray | None] | None = None
        self._wide: tuple[int, np.ndarray] | None = None

    def append(self, rowids: np.ndarray, vectors: np.ndarray) -> None:
        if len(rowids) == 0:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        vec = np.ascontiguousarray(vectors, dtype=np.float16)
        if vec.shape != (len(rowids), self.dim):
            raise ValueError(f"vectors of shape {vec.shape} for {len(rowids)} ids of dim {self.dim}")
        fd = os.open(self.ids_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            n = self._rows_locked()
            with open(self.vec_path, "ab") as vf:
                vf.truncate(n * self.dim * 2)  # drop any half-written batch past the last id
                vf.write(vec.tobytes())
            os.lseek(fd, n * 8, os.SEEK_SET)
            os.ftruncate(fd, n * 8)
            os.write(fd, np.asarray(rowids, dtype=np.int64).tobytes())
        finally:
            os.close(fd)
        self._cache = None

    def _rows_locked(self) -> int:
        ids = self.ids_path.stat().st_size // 8 if self.ids_path.exists() else 0
        vecs = self.vec_path.stat().st_size // (self.dim * 2) if self.vec_path.exists() else 0
        return min(ids, vecs)

    def load(self) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, matrix) of every complete row; memory-mapped, cached per size."""
        if not self.ids_path.exists() or not self.vec_path.exists():
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float16)
        ids_size, vec_size = self.ids_path.stat().st_size, self.vec_path.stat().st_size
        if ids_size % 8:
            raise VectorFileDamaged(f"{self.ids_path} has a partial row")
        n = min(ids_size // 8, vec_size // (self.dim * 2))
        if self._cache is not None and self._cache[0] == n:
            return self._cache[1], self._cache[2]
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float16)
        ids = np.memmap(self.ids_path, dtype=np.int64, mode="r", shape=(n,))
        mat = np.memmap(self.vec_path, dtype=np.float16, mode="r", shape=(n, self.dim))
        self._cache = (n, ids, mat)
        return ids, mat

    def scores(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, cosine with ``query``) for every complete row."""
        ids, mat = self.load()
        if len(ids) == 0:
            return ids, np.zeros(0, dtype=np.float32)
        # float16 has no BLAS kernel: the matrix is widened to float32 once per process and
        # kept (4 bytes a dimension: 100 MB at 100k x 256), so each query is one BLAS product.
        if self._wide is None or self._wide[0] != len(ids):
            old = self._wide[1] if self._wide is not None and self._wide[0] < len(ids) else None
            wide = np.empty((len(ids), self.dim), dtype=np.float32)
            have = 0 if old is None else len(old)
            if old is not None:
                wide[:have] = old
            wide[have:] = mat[have:]
            self._wide = (len(ids), wide)
        out = self._wide[1] @ np.asarray(query, dtype=np.float32)
        if not np.isfinite(out).all():
            raise VectorFileDamaged(f"{self.vec_path} holds non-numbers")
        return ids, out

    def rows(self, rowids) -> dict[int, np.ndarray]:
        """Stored vectors by document rowid (ids are ascending: they are appended in rowid order)."""
        ids, mat = self.load()
        want = np.asarray(sorted(set(int(r) for r in rowids)), dtype=np.int64)
        if len(ids) == 0 or len(want) == 0:
            return {}
        if self._sorted is None or self._sorted[0] != len(ids):
            order = None if len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1])) else np.argsort(ids, kind="stable")
            self._sorted = (len(ids), order)
        order = self._sorted[1]
        keys = ids if order is None else ids[order]
        pos = np.searchsorted(keys, want)
        ok = pos < len(keys)
        ok[ok] = keys[pos[ok]] == want[ok]
        if order is not None:
            pos = np.where(ok, order[np.minimum(pos, len(keys) - 1)], 0)
        return {int(r): np.asarray(mat[p], dtype=np.float32) for r, p, good in zip(want, pos, ok) if good}

    def search(self, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
        ids, scores = self.scores(query)
        if len(ids) == 0:
            return []
        k = min(limit, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(ids[i]), float(scores[i])) for i in top]

    def reset(self) -> None:
        for p in (self.vec_path, self.ids_path):
            p.unlink(missing_ok=True)
        self._cache = None
        self._wide = None
        self._sorted = None
