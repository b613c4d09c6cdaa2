"""Running jobs on any `concurrent.futures.Executor`: in this process, on the warm pool, or on Dask.

Jobs go out in chunks with a bounded number in flight, so a worker that dies (a crash in the CAD
kernel) costs only the chunks it held: those are run again one job at a time on a restarted pool
and the culprit becomes a row with its error. A progress bar (tqdm.auto: a widget in notebooks,
text in a terminal) counts variants.
"""

from __future__ import annotations

import atexit
import logging
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from enum import Enum
from threading import Lock
from typing import Any, Callable, Iterator, Sequence

from workbench.errors import WorkbenchError
from workbench.sweep.worker import Job, Row, run_chunk

DIED = ("the worker process died while evaluating this variant (a crash in the CAD kernel?); "
        "the sweep went on without it")
LOCAL_HOST = "127.0.0.1"
"""A Dask LocalCluster listens on loopback only."""


class ExecutorKind(str, Enum):
    """Where a sweep runs."""

    SERIAL = "serial"
    POOL = "pool"
    DASK = "dask"

    @classmethod
    def parse(cls, text: str) -> "ExecutorKind":
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise WorkbenchError(
                f"unknown executor '{text}'; allowed: {', '.join(k.value for k in cls)}") from None


class SerialExecutor(Executor):
    """Runs each task at once in this process (for small sweeps, debugging and tests)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        f: Future = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, like any executor
            f.set_exception(exc)
        return f


# -- Dask -------------------------------------------------------------------------------------------
_DASK: dict[str, Any] = {}
_DASK_LOCK = Lock()


def dask_client(scheduler: str | None = None, workers: int = 2) -> Any:
    """A `dask.distributed.Client`: to `scheduler` (an address) or to a LocalCluster of `workers`
    processes, everything bound to 127.0.0.1 (its HTTP endpoint on a free loopback port), kept
    running for later sweeps of this process."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise WorkbenchError(
            "--executor dask needs dask.distributed: pip install 'cosmo-workbench[cluster]'") from None
    key = scheduler or f"local:{workers}"
    with _DASK_LOCK:
        client = _DASK.get(key)
        if client is not None and client.status == "running":
            return client
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except OSError as exc:
                raise WorkbenchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host=LOCAL_HOST,
                dashboard_address=f"{LOCAL_HOST}:0", silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        _DASK[key] = client
        return client


def close_dask() -> None:
    """Close the Dask clients (and local clusters) this process opened."""
    with _DASK_LOCK:
        for client in _DASK.values():
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
        _DASK.clear()


atexit.register(close_dask)


@contextmanager
def executor_for(kind: ExecutorKind | str = ExecutorKind.POOL, *, workers: int | None = None,
                 scheduler: str | None = None) -> Iterator[Executor]:
    """The executor of `kind`. The warm pool and Dask clusters stay up for the next sweep."""
    kind = ExecutorKind.parse(kind) if isinstance(kind, str) else kind
    if scheduler and kind is not ExecutorKind.DASK:
        raise WorkbenchError("--scheduler needs --executor dask")
    if kind is ExecutorKind.SERIAL:
        yield SerialExecutor()
    elif kind is ExecutorKind.POOL:
        from workbench.pool import warm_pool

        yield warm_pool(workers)
    else:
        client = dask_client(scheduler, workers or 2)
        yield client.get_executor(pure=False)


def _workers_of(executor: Executor) -> int:
    n = getattr(executor, "workers", None) or getattr(executor, "_max_workers", None)
    client = getattr(executor, "_client", None)
    if n is None and client is not None:
        try:
            n = sum(client.nthreads().values())
        except Exception:  # a scheduler that does not answer: assume a small cluster
            n = None
    return int(n or 1)


def _restartable(executor: Executor) -> bool:
    return callable(getattr(executor, "restart", None))


def run_jobs(jobs: Sequence[Job], executor: Executor, *, progress: bool | None = True,
             desc: str = "sweep", chunk: int | None = None) -> list[Row]:
    """Evaluate `jobs` on `executor`; one row per job, in job order, whatever fails.

    `progress`: True draws a bar, False none, None a bar only where one can be seen (stderr is a
    terminal, or a notebook: tqdm's ``disable=None``)."""
    from tqdm.auto import tqdm

    n = len(jobs)
    workers = _workers_of(executor)
    size = chunk or max(1, min(8, n // (workers * 6) or 1))
    pending = deque(tuple(jobs[i:i + size]) for i in range(0, n, size))
    window = workers * 3
    rows: dict[int, Row] = {}
    in_flight: dict[Future, tuple[Job, ...]] = {}
    suspects: list[Job] = []
    with tqdm(total=n, disable=None if progress is None else not progress, desc=desc, unit="variant", leave=True) as bar:
        while pending or in_flight:
            while pending and len(in_flight) < window and not suspects:
                c = pending.popleft()
                try:
                    in_flight[executor.submit(run_chunk, c)] = c
                except (BrokenProcessPool, RuntimeError):
                    suspects.extend(c)  # the pool broke: see below
            if in_flight:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for f in done:
                    c = in_flight.pop(f)
                    got = _outcome(f, c, suspects)
                    for r in got:
                        rows[r.index] = r
                    bar.update(len(got))
            if suspects and not in_flight:
                for r in _isolate(suspects, executor):
                    rows[r.index] = r
                    bar.update(1)
                suspects = []
                if not _restartable(executor) and pending:  # a broken executor cannot go on
                    for c in pending:
                        for j in c:
                            rows[j.index] = Row(j.index, "error", error="the executor broke: " + DIED)
                            bar.update(1)
                    pending.clear()
    return [rows[j.index] for j in jobs]


def _outcome(f: Future, chunk: tuple[Job, ...], suspects: list[Job]) -> list[Row]:
    """Rows of a finished chunk; a dead worker's chunk is set aside to run again alone."""
    try:
        return list(f.result())
    except BrokenProcessPool:
        suspects.extend(chunk)
        return []
    except Exception as exc:  # e.g. Dask's KilledWorker after retries, or a pickling error
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        err = f"the worker failed: {type(exc).__name__}" + (f": {text}" if text else "")
        return [Row(j.index, "error", error=err) for j in chunk]


def _isolate(jobs: list[Job], executor: Executor) -> list[Row]:
    """Run each job alone on a restarted pool: the one that kills its worker gets the error."""
    out: list[Row] = []
    for job in jobs:
        if not _restartable(executor):
            out.append(Row(job.index, "error", error=DIED))
            continue
        if getattr(executor, "broken", True):
            executor.restart()  # type: ignore[attr-defined]
        try:
            out.extend(executor.submit(run_chunk, (job,)).result())
        except BrokenProcessPool:
            out.append(Row(job.index, "error", error=DIED))
    if _restartable(executor) and getattr(executor, "broken", False):
        executor.restart()  # type: ignore[attr-defined]
    return out
