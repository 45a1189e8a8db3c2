"""A pool of worker processes that apply one function to many items and give the results back in order.

Each worker builds its state once (`start`, which returns the function it applies) and takes
chunks of items in order; the results come back in the items' order. Workers ignore Ctrl-C:
the main process stops them on any interruption or error and waits for them, so none is left
behind; a worker that dies (killed, out of memory) stops the run with an error instead of a hang.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

_apply: Callable[[Any], Any] | None = None
"""In a worker: the function that `start` returned."""


class WorkerCrashed(RuntimeError):
    """A worker process ended without returning its results: a bug or an outside kill, never bad input."""


POOL_MIN_FILES = 64
"""Directories with more files than this are checked in a pool of processes (with `jobs` above 1)."""


def pool_workers(files: int, jobs: int | None, on_disk: bool) -> int:
    """How many worker processes handle `files` files: `jobs` (0: one per CPU), but 1, this process, for
    a few files (starting workers would cost more than they save) or when one is not on disk (stdin)."""
    workers = min(jobs or available_cpus(), files)
    return workers if workers > 1 and files > POOL_MIN_FILES and on_disk else 1


def chunk_size(items: int, workers: int) -> int:
    """Items per task: small enough that the workers finish together, large enough to send few tasks."""
    return max(1, min(16, items // (workers * 8)))


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system says, else all of them)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def in_pool(
    start: Callable[[], Callable[[Item], Outcome]], items: Sequence[Item], jobs: int, chunk: int
) -> Iterator[Outcome]:
    """`start()` runs once in each of `jobs` workers; its function is applied there to every item.

    `start` must be picklable where processes are spawned rather than forked (a module-level
    function or a `functools.partial` of one).
    """
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start, initargs=(start,))
    try:
        futures: list[Future[list[Outcome]]] = [
            executor.submit(_apply_all, items[begin : begin + chunk]) for begin in range(0, len(items), chunk)
        ]
        for future in futures:
            yield from future.result()
    except BrokenProcessPool as error:
        _stop(executor)
        raise WorkerCrashed(
            "a worker process stopped before returning its results (run with --jobs 1 to check in one process)"
        ) from error
    except BaseException:
        _stop(executor)  # Ctrl-C, an error in a worker, or the caller stopping early
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _start(start: Callable[[], Callable[[Any], Any]]) -> None:
    # Ctrl-C reaches the whole process group; the main process decides, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    global _apply
    _apply = start()


def _apply_all(items: Sequence[Any]) -> list[Any]:
    assert _apply is not None, "the worker was not started"
    return [_apply(item) for item in items]


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now, without waiting for the chunks they are on."""
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _die_with_parent() -> None:
    """On Linux, have the kernel stop this worker if the main process is killed outright."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        pass
