"""Supervising the product's processes: start them, show and log their output, restart the ones that die.

    supervisor = Supervisor([Child("api", chronicler_argv("api")), ...], log_dir=Path("data/logs"))
    supervisor.start()
    try:
        supervisor.wait()        # until stop() is called or a child keeps failing
    except KeyboardInterrupt:
        pass
    finally:
        supervisor.stop()        # SIGINT, then SIGTERM, then SIGKILL, each after its timeout

Each child runs in a session (and so a process group) of its own: the terminal's Ctrl-C reaches only
the supervisor, which then signals every child's group once, itself, and reaps every child it
started (on Linux the kernel interrupts the children too if the supervisor is killed outright).
A child that exits with an error is started again after a growing delay; one that fails
too often in a short time is given up on, which ends `wait()` with `failure` saying why. A child that
exits with status 0 has finished its work and is left alone.

Every line a child prints goes to its log file (`<log_dir>/<name>.log`) and, prefixed with its name,
to `echo`, unless the child is `quiet`: then only its warnings, errors and tracebacks are echoed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import IO

from chronicler.runtime.backoff import Backoff

Echo = Callable[[str], None]

# What a quiet child still shows: our log format's warning levels, tracebacks, click's "Error: ...".
_IMPORTANT = re.compile(
    r"^\d\d:\d\d:\d\d (WARNING|ERROR|CRITICAL) |^Traceback |^Error: |^[\w.]+(Error|Exception): "
)


def chronicler_argv(*args: str) -> list[str]:
    """The command line of `chronicler ARGS...` run by this same Python (quiet if stopped while importing)."""
    return [sys.executable, "-m", "chronicler", *args]


@dataclass(frozen=True)
class Child:
    """One process to keep running: a name (also its log file's), its command line, its environment."""

    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None  # None: this process's environment
    quiet: bool = False  # echo only warnings and errors; everything still goes to the log file


@dataclass(frozen=True)
class RestartPolicy:
    """How soon a failed child is started again, and when to give up on it."""

    first_delay: float = 1.0
    max_delay: float = 30.0
    max_restarts: int = 5  # ... within `window` seconds; one more failure gives up
    window: float = 120.0

    def delay(self, recent_failures: int) -> float:
        """Seconds to wait before the next start: doubling with each recent failure, capped."""
        # A restart always waits: with no failure on record yet, the first delay (Backoff would say 0).
        return Backoff(first=self.first_delay, maximum=self.max_delay).delay(max(recent_failures, 1))


@dataclass(frozen=True)
class StopTimeouts:
    """How long a stopping child gets after each signal before the next, harder one."""

    interrupt: float = 10.0  # after SIGINT: time to finish what it holds (the worker flushes chat)
    terminate: float = 5.0  # after SIGTERM
    kill: float = 5.0  # after SIGKILL: only for reaping


Launcher = Callable[[Child], "subprocess.Popen[str]"]


# On Linux a child must not outlive a supervisor killed outright (SIGKILL, the OOM killer): its own
# session keeps the terminal's signals away from it, so the kernel is asked to send it SIGINT when
# the thread that started it dies (PR_SET_PDEATHSIG, kept across exec). Done in a tiny Python that
# then execs the child, as preexec_fn is unsafe in a process with threads.
_ORPHAN_GUARD = """
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGINT)  # 1 = PR_SET_PDEATHSIG
if os.getppid() != int(sys.argv[1]):  # the supervisor died before we asked
    sys.exit(1)
os.execv(sys.argv[2], sys.argv[2:])
"""


def launch(child: Child) -> subprocess.Popen[str]:
    """Start `child` in a new session (its own process group), output piped back line by line."""
    env = dict(os.environ if child.env is None else child.env)
    env.setdefault("PYTHONUNBUFFERED", "1")  # lines as they happen, not when a pipe buffer fills
    program = shutil.which(child.argv[0])
    if program is None:  # found here, so that it is an OSError of ours rather than a failing child
        raise FileNotFoundError(errno.ENOENT, "no such program", child.argv[0])
    argv = [program, *child.argv[1:]]
    if sys.platform == "linux":
        argv = [sys.executable, "-c", _ORPHAN_GUARD, str(os.getpid()), *argv]
    return subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
        start_new_session=True,
    )


@dataclass
class _Running:
    """A child's current process and the threads looking after it."""

    child: Child
    keeper: threading.Thread | None = None
    process: subprocess.Popen[str] | None = None
    log: IO[str] | None = None
    failures: deque[float] = field(default_factory=deque)


class Supervisor:
    """Keeps a set of child processes running until stopped."""

    def __init__(
        self,
        children: Sequence[Child],
        *,
        launcher: Launcher = launch,
        echo: Echo = print,
        log_dir: Path | None = None,
        restart: RestartPolicy = RestartPolicy(),
        timeouts: StopTimeouts = StopTimeouts(),
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        names = [child.name for child in children]
        if len(set(names)) != len(names):
            raise ValueError(f"child names must differ: {names}")
        self._children = {child.name: _Running(child) for child in children}
        self._launcher = launcher
        self._echo = echo
        self._log_dir = log_dir
        self._restart = restart
        self._timeouts = timeouts
        self._on_failure = on_failure
        self._width = max((len(name) for name in names), default=0)
        self._lock = threading.Lock()  # guards launching against stopping, and the echo
        self._stopping = threading.Event()
        self._done = threading.Event()
        self._started = False
        self.failure: str | None = None  # why the supervisor gave up, when it did

    # -- the public face ---------------------------------------------------------------------

    def start(self) -> None:
        """Start every child (each looked after by a thread of its own)."""
        if self._started:
            raise RuntimeError("the supervisor has been started already")
        self._started = True
        if self._log_dir is not None:
            self._log_dir.mkdir(parents=True, exist_ok=True)
        for name, running in self._children.items():
            if self._log_dir is not None:
                # Kept open across restarts and closed by stop(): no `with` block spans that.
                running.log = open(self._log_dir / f"{name}.log", "a", encoding="utf-8", buffering=1)
            running.keeper = threading.Thread(
                target=self._keep, args=(running,), name=f"keep-{name}", daemon=True
            )
            running.keeper.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until `stop()` or a child has failed too often; False when `timeout` passed first."""
        return self._done.wait(timeout)

    def pids(self) -> dict[str, int]:
        """The process ids of the children running now, by name."""
        with self._lock:
            return {
                name: r.process.pid
                for name, r in self._children.items()
                if r.process is not None and r.process.returncode is None
            }

    def prefix(self, name: str) -> str:
        """'api       | ': how lines of `name` start, aligned with the children's."""
        return f"{name:<{max(self._width, len(name))}} | "

    def stop(self) -> None:
        """Stop every child: SIGINT, then SIGTERM, then SIGKILL to its group; reap them all. Idempotent."""
        with self._lock:
            self._stopping.set()  # no keeper starts anything after this
            processes = [r.process for r in self._children.values() if r.process is not None]
        try:
            self._signal_until_gone(processes)
        except KeyboardInterrupt:  # a second Ctrl-C while stopping: stop waiting
            self._kill(processes)
        for running in self._children.values():
            if running.keeper is not None:
                running.keeper.join(timeout=self._timeouts.kill)
        with self._lock:  # a pump still draining a grandchild's output must not write to a closed file
            for running in self._children.values():
                if running.log is not None:
                    running.log.close()
                    running.log = None
        self._done.set()

    # -- one child ---------------------------------------------------------------------------

    def _keep(self, running: _Running) -> None:
        """Run the child; after an unexpected exit, start it again (with backoff) or give up."""
        child = running.child
        while True:
            try:
                process = self._launch(running)
            except OSError as exc:  # nothing to retry: the command itself cannot start
                self._give_up(running, f"{child.name} could not start: {exc}")
                return
            if process is None:
                return
            self._say(running, f"started (pid {process.pid})")
            pump = threading.Thread(
                target=self._pump, args=(running, process), name=f"pump-{child.name}", daemon=True
            )
            pump.start()
            code = process.wait()
            pump.join(timeout=1.0)  # a grandchild may still hold the pipe open; don't wait for it
            if self._stopping.is_set():
                self._say(running, f"stopped ({_describe(code)})")
                return
            if code == 0:
                self._say(running, "finished")
                return
            delay = self._failed(running)
            if delay is None:
                where = f" (see {self._log_dir / (child.name + '.log')})" if self._log_dir is not None else ""
                self._give_up(running, f"{child.name} keeps failing ({_describe(code)}){where}")
                return
            self._say(running, f"exited unexpectedly ({_describe(code)}); starting it again in {delay:g} s")
            if self._stopping.wait(delay):
                return

    def _launch(self, running: _Running) -> subprocess.Popen[str] | None:
        """Start the child's next process; None when stopping (nothing starts after `stop()`)."""
        with self._lock:
            if self._stopping.is_set():
                return None
            running.process = self._launcher(running.child)
            return running.process

    def _failed(self, running: _Running) -> float | None:
        """Record a failure; the delay before the next start, or None when it failed too often."""
        now = time.monotonic()
        running.failures.append(now)
        while running.failures and running.failures[0] < now - self._restart.window:
            running.failures.popleft()
        if len(running.failures) > self._restart.max_restarts:
            return None
        return self._restart.delay(len(running.failures))

    def _give_up(self, running: _Running, reason: str) -> None:
        """Mark the supervisor as failed (the first reason is kept) and wake `wait()`."""
        self._say(running, f"giving up: {reason}")
        with self._lock:
            first = self.failure is None
            if first:
                self.failure = reason
        if first and self._on_failure is not None:
            self._on_failure(reason)
        self._done.set()

    # -- output ------------------------------------------------------------------------------

    def _pump(self, running: _Running, process: subprocess.Popen[str]) -> None:
        """Copy the child's output to its log and, unless quiet, to the terminal."""
        assert process.stdout is not None
        with contextlib.closing(process.stdout):
            for line in process.stdout:
                line = line.rstrip("\n")
                with self._lock:
                    if running.log is not None:
                        running.log.write(line + "\n")
                    if not running.child.quiet or _IMPORTANT.search(line):
                        self._echo(self.prefix(running.child.name) + line)

    def _say(self, running: _Running, text: str) -> None:
        """The supervisor's own line about a child: always echoed, and logged."""
        with self._lock:
            if running.log is not None:
                running.log.write(f"=== {datetime.now():%Y-%m-%d %H:%M:%S} supervisor: {text}\n")
            self._echo(self.prefix(running.child.name) + text)

    # -- stopping ----------------------------------------------------------------------------

    def _signal_until_gone(self, processes: list[subprocess.Popen[str]]) -> None:
        steps = (
            (signal.SIGINT, self._timeouts.interrupt),
            (signal.SIGTERM, self._timeouts.terminate),
            (signal.SIGKILL, self._timeouts.kill),
        )
        for sig, grace in steps:
            alive = [p for p in processes if p.poll() is None]
            if not alive:
                return
            for process in alive:
                _signal_group(process, sig)
            _wait_all(alive, grace)

    def _kill(self, processes: list[subprocess.Popen[str]]) -> None:
        for process in processes:
            if process.poll() is None:
                _signal_group(process, signal.SIGKILL)
        _wait_all(processes, self._timeouts.kill)


def _signal_group(process: subprocess.Popen[str], sig: signal.Signals) -> None:
    """Signal the child's process group (it and anything it started), or the child alone if it has none."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:  # exited meanwhile, or not a group leader (a launcher without a session)
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
    except PermissionError:  # reaped meanwhile and the id reused by another user's process: not ours
        pass


def _wait_all(processes: list[subprocess.Popen[str]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.monotonic(), 0))


def _describe(code: int) -> str:
    """'exit status 1' or 'killed by SIGKILL'."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


@contextlib.contextmanager
def interrupt_on_termination() -> Iterator[None]:
    """Within the block SIGTERM and SIGHUP raise KeyboardInterrupt, as Ctrl-C does: one path stops all."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
