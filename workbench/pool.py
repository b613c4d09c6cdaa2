"""A warm pool: worker processes that import CadQuery once and stay alive between sweeps.

Starting a Python process and importing CadQuery takes seconds; building a bracket takes tens of
milliseconds. `warm_pool()` keeps one pool per process (shut down at exit), so the second sweep of a
session starts at once. Workers are started with ``forkserver`` where the platform has it (a clean
process, forked cheaply, never forking a parent's threads) and ``spawn`` elsewhere.

    from workbench.pool import warm_pool
    pool = warm_pool(2)          # a concurrent.futures.Executor
    pool.warm()                  # optional: wait until every worker has imported CadQuery
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from threading import Lock
from typing import Any, Callable, Iterable

PRELOAD = ("cadquery", "workbench.evaluate", "workbench.sweep.worker")
"""Modules every worker imports when it starts (the slow imports, done once per worker)."""

DEFAULT_WORKERS = 2


def default_workers() -> int:
    """Worker processes when none are asked for: the cores this process may use, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or DEFAULT_WORKERS
    return max(1, min(8, cores))


def _start_method() -> str:
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


PARENT_POLL_S = 1.0
"""How often a worker looks for its parent where the kernel cannot tell it (no pidfd)."""
_PR_SET_PDEATHSIG = 1
"""prctl option: the signal a process gets when its parent ends (linux/prctl.h)."""


def _init_worker(modules: tuple[str, ...], parent: int | None = None) -> None:
    """Make a worker: Ctrl-C is the parent's to handle (no traceback per worker), the worker ends
    with the process that made the pool, then the slow imports."""
    import importlib
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _end_with(parent)
    for name in modules:
        importlib.import_module(name)


def _end_with(parent: int) -> None:
    """Kill this process when `parent` ends: SIGKILL on the death of the direct parent (prctl
    PR_SET_PDEATHSIG; with forkserver that is the fork server) and a watcher thread on the
    process that made the pool (a pidfd, which becomes readable when it exits)."""
    import ctypes
    import select
    import signal
    import threading

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass

    def gone() -> bool:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def watch() -> None:
        try:
            fd = os.pidfd_open(parent)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])
        else:
            while not gone():
                threading.Event().wait(PARENT_POLL_S)
        os.kill(os.getpid(), signal.SIGKILL)

    if gone():
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=watch, name="workbench-parent-watch", daemon=True).start()


def _start_helpers() -> None:
    """Start the fork server and resource tracker with Ctrl-C (SIGINT) ignored.

    An ignored signal stays ignored through exec, and Python then keeps it so: the helpers, and
    every worker the fork server forks, never act on the SIGINT the terminal sends to the whole
    process group (which, mid-start-up, made each print a traceback or a "Fatal Python error").
    The process that made the pool gets it, stops the sweep and prints one line. (A blocked
    signal mask would not do: the subprocess machinery resets it in the child.)
    """
    import signal
    import threading

    if _start_method() != "forkserver" or threading.current_thread() is not threading.main_thread():
        return
    from multiprocessing import forkserver, resource_tracker

    # Blocked meanwhile: on Linux a blocked signal stays pending even while ignored, so a Ctrl-C
    # in this instant reaches the handler when it is restored.
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        resource_tracker.ensure_running()
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, old)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _pid() -> int:
    return os.getpid()


class WarmPool(Executor):
    """A `concurrent.futures.Executor` of `workers` processes that have imported CadQuery.

    When a worker dies (a crash in the CAD kernel), the pool is broken; `restart()` replaces it
    with a fresh one. `pids()` gives the worker processes (for memory sampling).
    """

    def __init__(self, workers: int | None = None, *, preload: tuple[str, ...] = PRELOAD) -> None:
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise ValueError(f"workers {self.workers} must be at least 1")
        self.preload = preload
        self._lock = Lock()
        _start_helpers()
        self._pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context(_start_method())
        return ProcessPoolExecutor(
            self.workers, mp_context=ctx, initializer=_init_worker,
            initargs=(self.preload, os.getpid()),
        )

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        with self._lock:
            return self._pool.submit(fn, *args, **kwargs)

    def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], timeout: float | None = None,
            chunksize: int = 1) -> Any:
        return self._pool.map(fn, *iterables, timeout=timeout, chunksize=chunksize)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def restart(self) -> None:
        """Replace the processes (after one died); pending work of the old pool is cancelled."""
        with self._lock:
            old, self._pool = self._pool, self._new()
        old.shutdown(wait=False, cancel_futures=True)

    @property
    def broken(self) -> bool:
        return bool(getattr(self._pool, "_broken", False))

    def warm(self) -> "WarmPool":
        """Start every worker and wait until each has imported CadQuery."""
        futures = [self.submit(_pid) for _ in range(self.workers * 2)]
        for f in futures:
            f.result()
        return self

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        procs = getattr(self._pool, "_processes", None) or {}
        return [p.pid for p in procs.values() if p.is_alive() and p.pid is not None]


_POOL: WarmPool | None = None
_POOL_LOCK = Lock()


def warm_pool(workers: int | None = None) -> WarmPool:
    """The process's warm pool of `workers` processes (the default: `default_workers()`).

    The same pool is returned while its size fits; asking for another size replaces it.
    """
    global _POOL
    wanted = workers or default_workers()
    with _POOL_LOCK:
        if _POOL is not None and (_POOL.workers != wanted or _POOL.broken):
            _POOL.shutdown(wait=False, cancel_futures=True)
            _POOL = None
        if _POOL is None:
            _POOL = WarmPool(wanted)
        return _POOL


def shutdown() -> None:
    """Stop the warm pool (it is started again on the next `warm_pool()`)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=True, cancel_futures=True)
            _POOL = None


atexit.register(shutdown)
