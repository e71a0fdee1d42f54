"""Read many content files at once: from the caches, else on every core.

Reading (front matter, validation, Markdown) is the bulk of a build and each
file is independent, so it runs in a process pool on all cores when there are
enough files, and results are cached by file content (see ``cache.py``) and,
in the preview, by file status (the session's memory). Slow texts share the
build's time budget (see ``limits.py``).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import multiprocessing
import os
import signal
from collections.abc import Sequence
from typing import Protocol

from .limits import SlowBudget
from .reader import ReadJob, ReadResult, read_one

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40


class Cache(Protocol):
    """A store of read results (see ``cache.py`` and the dev server's memory).

    ``shared``: any process may write it (a pool's workers store their own
    results); otherwise only the reading process fills it.
    """

    shared: bool

    def get(self, job: ReadJob) -> ReadResult | None: ...

    def put(self, job: ReadJob, result: ReadResult) -> None: ...


def read_all(
    jobs: Sequence[ReadJob],
    workers: int,
    caches: Sequence[Cache] = (),
    budget: SlowBudget | None = None,
) -> list[ReadResult]:
    """Read every job, from the first of ``caches`` that has it.

    Files in no cache are read on ``workers`` processes when there are enough
    of them to pay for starting a pool, then stored in every cache.
    ``budget`` is what the build may still spend on slow texts: shared out
    among the files to read, so that the time a dozen hostile files can
    cost is bounded, not ten seconds each. A file stopped by its time limit
    is not cached (with another share it might pass).
    """
    results: list[ReadResult | None] = []
    for job in jobs:
        found = None
        for index, cache in enumerate(caches):
            found = cache.get(job)
            if found is not None:
                for earlier in caches[:index]:
                    earlier.put(job, found)
                break
        results.append(found)
    missing = [index for index, result in enumerate(results) if result is None]
    if budget is not None and missing:
        share = budget.share(len(missing))
        jobs = list(jobs)
        for index in missing:
            jobs[index] = dataclasses.replace(jobs[index], extra_seconds=share)
    # Caches on disk are written by whoever read the file (a worker, in
    # parallel); this process's own memory is filled here.
    shared = tuple(cache for cache in caches if cache.shared)
    fresh = _read_uncached([jobs[index] for index in missing], workers, shared)
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
        if budget is not None:
            budget.pay(result.slow_seconds)
        for cache in caches:
            if cache not in shared and result.cacheable:
                cache.put(jobs[index], result)
    return results  # type: ignore[return-value]


def _read_and_store(job: ReadJob, caches: Sequence[Cache]) -> ReadResult:
    result = read_one(job)
    if result.cacheable:
        for cache in caches:
            cache.put(job, result)
    return result


def _read_uncached(
    jobs: Sequence[ReadJob], workers: int, caches: Sequence[Cache] = ()
) -> list[ReadResult]:
    read = functools.partial(_read_and_store, caches=caches)
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        return [read(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_leave_interrupts_to_parent
    ) as pool:
        return list(pool.map(read, jobs, chunksize=chunk))


def _leave_interrupts_to_parent() -> None:
    """Ctrl+C reaches the workers too; the build stops them, silently."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_workers() -> int:
    """Use every core the process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
