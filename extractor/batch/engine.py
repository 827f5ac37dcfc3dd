"""The unit of batch work: a chunk of files in, small picklable per-document results out.

Both engines (local processes, Dask) run :func:`process_chunk` on chunks of the input file
list and hand the results back in input order, so the output never depends on the engine or
the number of workers. Results carry plain dicts (claim rows, document rows), never spaCy
objects or ``Document`` instances, to keep inter-process payloads small.
"""

from __future__ import annotations

import logging
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractor.batch.heap import Trimmer

FileTask = tuple[str, str | None]  # (file path, input folder doc_ids are relative to, None = file given directly)


@dataclass
class DocResult:
    """What one document contributes: its row, its claim rows, or a note that it was skipped."""

    path_key: str
    doc_id: str
    content_hash: str | None
    doc_row: dict[str, Any] | None = None
    claim_rows: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False
    n_chars: int = 0


def discover(paths: Iterable[str | os.PathLike], include: Sequence[str] | None = None,
             exclude: Sequence[str] | None = None) -> list[FileTask]:
    """The files :func:`extractor.documents.reader.iter_documents` would read, in the same order.

    Only paths are listed (cheap, even for 100k files); reading happens in the workers.
    A missing input path raises ``FileNotFoundError``.
    """
    from extractor.documents.reader import iter_files

    paths = list(paths)
    for arg in paths:
        if not Path(arg).exists():
            raise FileNotFoundError(f"{arg}: no such file or folder")
    return TaskList(iter_files(paths, include, exclude))


class TaskList(Sequence[FileTask]):
    """The discovered files, compactly: paths UTF-8-encoded in one buffer, input folders stored
    once. 100,000 files take about 8 MB instead of about 25 MB as a list of string tuples, and the
    list is the one thing the parent process holds for the whole run."""

    def __init__(self, tasks: Iterable[FileTask]) -> None:
        self._roots: list[str | None] = []
        root_ids: dict[str | None, int] = {}
        self._root_of = array("i")
        self._ends = array("q")
        buf = bytearray()
        for path, root in tasks:
            if root not in root_ids:
                root_ids[root] = len(self._roots)
                self._roots.append(root)
            self._root_of.append(root_ids[root])
            buf += os.fsencode(path)
            self._ends.append(len(buf))
        self._buf = bytes(buf)

    def __len__(self) -> int:
        return len(self._ends)

    def _item(self, i: int) -> FileTask:
        start = self._ends[i - 1] if i > 0 else 0
        return os.fsdecode(self._buf[start:self._ends[i]]), self._roots[self._root_of[i]]

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("task index out of range")
        return self._item(i)


def path_key(path: str, index: int) -> str:
    """The database key of one document (absolute path + ``#`` + record index)."""
    from extractor.output.database import make_path_key

    return make_path_key(path, index)


# Per-process state: the known (path_key -> content_hash) map of an incremental run, and why
# the worker could not start (reported with the first chunk instead of a dead pool).
_KNOWN: dict[str, str] = {}
_INIT_ERROR: str | None = None
_TRIMMER = Trimmer()  # freed heap pages go back to the OS every few hundred documents


def init_worker(known: dict[str, str] | None = None, warm: bool = True) -> None:
    """Process initializer: remember known hashes and load the NLP pipelines once per worker."""
    global _KNOWN, _INIT_ERROR
    _KNOWN = dict(known or {})
    quiet_reader_log()
    if warm:
        try:
            warm_up()
        except Exception as exc:  # noqa: BLE001 - surfaces as one readable line in the parent
            _INIT_ERROR = f"worker start-up failed: {type(exc).__name__}: {exc}"


def quiet_reader_log() -> None:
    """Bad files are reported once, in order, by the runner; the reader's own warnings would repeat them."""
    logging.getLogger("newsclaims").disabled = True


def warm_up() -> None:
    try:
        from extractor.claims.extract import warm_up as _warm
    except ImportError:
        return
    _warm()


def _read(path: str, root: str) -> list:
    from extractor.documents.reader import read_file

    return read_file(path, root)


def _extract(doc) -> list:
    from extractor.claims.extract import extract_document

    return extract_document(doc)


def process_file(task: FileTask, known: dict[str, str] | None = None) -> list[DocResult]:
    """Read one file and extract every document in it; unchanged documents are skipped."""
    path, root = task
    known = _KNOWN if known is None else known
    try:
        docs = _read(path, root)
    except Exception as exc:  # noqa: BLE001 - a bad file must not stop the batch
        from extractor.documents.record import Document

        rel = Path(os.path.relpath(path, root)).as_posix() if root else Path(path).name
        row = Document(doc_id=rel, path=path, error=f"{type(exc).__name__}: {exc}").to_row()
        row["path_key"] = path_key(path, 0)
        return [DocResult(path_key=row["path_key"], doc_id=rel, content_hash=None, doc_row=row,
                          error=row["error"])]
    out: list[DocResult] = []
    for i, doc in enumerate(docs):
        key = path_key(path, i)
        if doc.error is None and doc.content_hash is not None and known.get(key) == doc.content_hash:
            out.append(DocResult(key, doc.doc_id, doc.content_hash, skipped=True, n_chars=doc.n_chars))
            continue
        row = doc.to_row()
        row["path_key"] = key
        res = DocResult(key, doc.doc_id, doc.content_hash, doc_row=row, error=doc.error,
                        n_chars=doc.n_chars)
        if doc.error is None:
            try:
                claims = _extract(doc)
            except Exception as exc:  # noqa: BLE001
                res.error = f"extraction failed: {type(exc).__name__}: {exc}"
                row["error"] = res.error
                claims = []
            for c in claims:
                crow = c.to_row()
                crow["path_key"] = key
                res.claim_rows.append(crow)
        out.append(res)
    return out


def process_chunk(tasks: Sequence[FileTask], known: dict[str, str] | None = None) -> list[DocResult]:
    """Process a chunk of files in order (the task one worker receives)."""
    if _INIT_ERROR:
        raise RuntimeError(_INIT_ERROR)
    out: list[DocResult] = []
    for t in tasks:
        out.extend(process_file(t, known))
    _TRIMMER.add(len(out))
    return out


def chunks(items: Sequence[FileTask], size: int) -> Iterator[list[FileTask]]:
    """Consecutive slices of ``items``, made as the engine asks for them (not all up front)."""
    size = max(1, size)
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def auto_chunk_size(n_files: int, workers: int) -> int:
    """Small enough to balance load and keep results small, big enough to amortize IPC."""
    if workers <= 1:
        return 1  # in-process: no IPC to amortize, and results stream out file by file
    return max(1, min(32, n_files // (workers * 8) or 1))


class Engine(Protocol):
    """Runs chunks and yields their results in submission order (lazily, bounded in flight)."""

    def map(self, chunk_list: Sequence[Sequence[FileTask]]) -> Iterator[list[DocResult]]: ...

    def close(self) -> None: ...


class InlineEngine:
    """No extra processes: the reference behaviour every other engine must reproduce."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = dict(known or {})
        self._warm = False

    def map(self, chunk_list: Sequence[Sequence[FileTask]]) -> Iterator[list[DocResult]]:
        if not self._warm:
            warm_up()
            self._warm = True
        log = logging.getLogger("newsclaims")
        was = log.disabled
        try:
            for c in chunk_list:
                log.disabled = True
                out = process_chunk(c, self.known)
                log.disabled = was
                yield out
        finally:
            log.disabled = was

    def close(self) -> None:
        return None


def make_engine(kind: str = "local", workers: int | None = None, scheduler: str | None = None,
                known: dict[str, str] | None = None) -> Engine:
    """The engine for ``--engine``/``--workers``/``--scheduler``."""
    workers = workers or os.cpu_count() or 1
    if kind == "dask":
        from extractor.batch.dask_engine import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler, known=known)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r} (use local or dask)")
    if workers <= 1:
        return InlineEngine(known)
    from extractor.batch.local import LocalEngine

    return LocalEngine(workers=workers, known=known)
