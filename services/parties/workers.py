"""Batch matching in worker processes, so a large batch uses every core.

Workers are forked from the service right after an index is built: they share its memory
copy-on-write, so they cost no second build. Each snapshot gets its own pool; the previous
pool finishes the work it was given, then exits. Single searches stay in the service
process. A worker that dies breaks only its pool: the batch is finished in-process and the
next one gets fresh workers.
"""

import asyncio
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from services.parties.index import Snapshot
from services.parties.matches import matches_json
from services.parties.matching import Query

log = logging.getLogger("parties.workers")

CHUNK = 100  # names per task: small enough to balance the workers, large enough to batch
YOUNG_OBJECTS = 50_000  # new objects between two collections in a worker (Python's default: 700)

ChunkDone = Callable[[int, list[str]], Awaitable[None]]  # a chunk's first position, texts

_inherited: Snapshot | None = None  # set in the service just before the workers fork


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start_worker(parent: int) -> None:
    # The service's own handlers came along with the fork: a worker must die when its pool
    # terminates it, and leave Ctrl-C to the service, which stops the pool.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Matching makes short-lived objects without cycles by the thousand: collecting after
    # every 700 of them took about 6% of a worker's time.
    gc.set_threshold(YOUNG_OBJECTS, 20, 20)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _match_chunk(queries: list[Query], threshold: float, limit: int) -> list[str]:
    if _inherited is None:  # only a worker not forked by MatchWorkers.attach gets here
        raise RuntimeError("this worker has no snapshot")
    return [matches_json(_inherited, query, threshold, limit) for query in queries]


def _freeze_heap() -> None:
    """Collect once (about a second with every list loaded), then exempt what is left, above
    all the new index, from every later collection, here and in the workers forked after.
    Otherwise Python's full collections walk its 1.8 million objects now and then, taking a
    second with every search waiting, and in a worker they also copy every page of the
    inherited index. What an earlier call froze is thawed and collected here; a previous
    index still in use by a request at this moment waits for the next call."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _ready() -> bool:
    return _inherited is not None


class MatchWorkers:
    """The worker pool of the current snapshot; ``processes == 0`` keeps batches in-process."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._lock = threading.Lock()
        self._current: tuple[Snapshot, ProcessPoolExecutor] | None = None

    def attach(self, snapshot: Snapshot | None) -> None:
        """Fork workers holding ``snapshot`` and retire those of the previous one."""
        global _inherited
        if snapshot is None:
            return
        with self._lock:
            retired = self._current[1] if self._current is not None else None
            self._current = None
            _inherited = None
            _freeze_heap()
            if self.processes == 0:
                return
            _inherited = snapshot
            pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            pool.submit(_ready).result()  # the workers fork now, while _inherited is this one
            self._current = (snapshot, pool)
        if retired is not None:
            retired.shutdown(wait=False)
        log.info("match workers ready", extra={"fields": {"processes": self.processes}})

    def pool_for(self, snapshot: Snapshot) -> ProcessPoolExecutor | None:
        current = self._current
        return current[1] if current is not None and current[0] is snapshot else None

    async def match(
        self,
        snapshot: Snapshot,
        queries: Sequence[Query],
        threshold: float,
        limit: int,
        on_chunk: ChunkDone | None = None,
    ) -> list[str] | None:
        """Match JSON per query, computed by the workers; None when they cannot (none for
        this snapshot, or one died): the caller then computes in-process. ``on_chunk`` is
        awaited with each chunk's first position and texts as soon as that chunk is done."""
        pool = self.pool_for(snapshot)
        if pool is None:
            return None
        loop = asyncio.get_running_loop()

        async def chunk_done(start: int) -> list[str]:
            chunk = list(queries[start : start + CHUNK])
            texts: list[str] = await loop.run_in_executor(
                pool, _match_chunk, chunk, threshold, limit
            )
            if on_chunk is not None:
                await on_chunk(start, texts)
            return texts

        try:
            results = await asyncio.gather(*map(chunk_done, range(0, len(queries), CHUNK)))
        except (BrokenProcessPool, RuntimeError) as exc:
            # RuntimeError: the pool was retired for a newer snapshot after we took it
            log.warning("match workers unavailable; batch computed in-process: %s", exc)
            if isinstance(exc, BrokenProcessPool):
                await asyncio.to_thread(self._replace, pool)
            return None
        return [text for chunk in results for text in chunk]

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        current = self._current
        if current is not None and current[1] is broken:
            self.attach(current[0])

    def close(self) -> None:
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            current[1].shutdown(wait=False, cancel_futures=True)
