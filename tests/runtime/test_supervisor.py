"""The supervisor with tiny `python -c` children: starting, output, restarts, giving up, stopping cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chronicler.runtime.supervisor import Child, RestartPolicy, StopTimeouts, Supervisor
from tests.waiting import wait_for

FAST = RestartPolicy(first_delay=0.05, max_delay=0.2, max_restarts=2, window=30.0)
SHORT = StopTimeouts(interrupt=2.0, terminate=1.0, kill=2.0)
IMPATIENT = StopTimeouts(interrupt=0.3, terminate=0.3, kill=2.0)


def python(code: str) -> list[str]:
    """A child running `code` in this Python."""
    return [sys.executable, "-c", textwrap.dedent(code)]


SLEEPER = python("""
    import time
    print("ready", flush=True)
    time.sleep(60)
""")


def alive(pid: int) -> bool:
    """True while `pid` is a process that has not exited (a zombie waiting for its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


class Lines:
    """What the supervisor echoed, safe to read while it writes."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self._lock:
            self._lines.append(line)

    @property
    def all(self) -> list[str]:
        with self._lock:
            return list(self._lines)

    def count(self, text: str) -> int:
        return sum(text in line for line in self.all)


@pytest.fixture
def supervise(tmp_path: Path) -> Iterator[Callable[..., tuple[Supervisor, Lines]]]:
    """Build and start supervisors that are always stopped at the end of the test."""
    made: list[Supervisor] = []

    def make(*children: Child, **options) -> tuple[Supervisor, Lines]:
        lines = Lines()
        options = {"restart": FAST, "timeouts": SHORT, "log_dir": tmp_path / "logs", **options}
        supervisor = Supervisor(children, echo=lines, **options)
        made.append(supervisor)
        supervisor.start()
        return supervisor, lines

    yield make
    for supervisor in made:
        supervisor.stop()


def test_starts_children_prefixes_their_output_and_stops_them(supervise, tmp_path):
    supervisor, lines = supervise(Child("api", SLEEPER), Child("worker", SLEEPER))
    wait_for(lambda: lines.count("| ready") == 2)
    assert "api    | ready" in lines.all and "worker | ready" in lines.all
    pids = supervisor.pids()
    assert set(pids) == {"api", "worker"} and all(alive(pid) for pid in pids.values())

    supervisor.stop()

    assert not any(alive(pid) for pid in pids.values())
    assert supervisor.pids() == {} and supervisor.wait(0) and supervisor.failure is None
    assert lines.count("stopped (") == 2
    log = (tmp_path / "logs" / "api.log").read_text()
    assert "ready" in log and "supervisor: started (pid" in log and "supervisor: stopped" in log


def test_children_run_in_their_own_process_groups(supervise):
    supervisor, lines = supervise(Child("api", SLEEPER))
    wait_for(lambda: lines.count("ready") == 1)
    pid = supervisor.pids()["api"]
    # So the terminal's Ctrl-C (sent to the foreground group) reaches only the supervisor.
    assert os.getpgid(pid) == pid != os.getpgid(0)


def test_a_quiet_child_shows_only_its_warnings_but_logs_everything(supervise, tmp_path):
    chatty = python("""
        import time
        print("12:00:01 INFO    twitch.worker: chronicling #streamer (session 1)")
        print("12:00:02 WARNING twitch.worker: lost the session listener; reconnecting", flush=True)
        time.sleep(60)
    """)
    supervisor, lines = supervise(Child("worker", chatty, quiet=True))
    wait_for(lambda: lines.count("lost the session listener") == 1)
    assert lines.count("chronicling #streamer") == 0
    wait_for(lambda: "chronicling #streamer" in (tmp_path / "logs" / "worker.log").read_text())


def test_a_crashed_child_is_started_again(supervise, tmp_path):
    marker = tmp_path / "crashed-once"
    crash_once = python(f"""
        import pathlib, sys, time
        marker = pathlib.Path({str(marker)!r})
        if not marker.exists():
            marker.touch()
            sys.exit("boom")
        print("ready", flush=True)
        time.sleep(60)
    """)
    supervisor, lines = supervise(Child("worker", crash_once))
    wait_for(lambda: lines.count("ready") == 1)
    assert lines.count("boom") == 1
    assert lines.count("exited unexpectedly (exit status 1); starting it again in 0.05 s") == 1
    assert lines.count("started (pid") == 2
    assert supervisor.failure is None and not supervisor.wait(0)


def test_a_child_that_keeps_failing_is_given_up_on(supervise, tmp_path):
    failures: list[str] = []
    supervisor, lines = supervise(
        Child("api", python("import sys; sys.exit(3)")), Child("worker", SLEEPER), on_failure=failures.append
    )
    assert supervisor.wait(timeout=10)
    assert lines.count("api    | started") == 3  # the first start and two restarts
    assert supervisor.failure == f"api keeps failing (exit status 3) (see {tmp_path / 'logs' / 'api.log'})"
    assert failures == [supervisor.failure]
    # The others keep running until the owner decides; stop() then ends them.
    worker = supervisor.pids()["worker"]
    supervisor.stop()
    assert not alive(worker)


def test_backoff_doubles_up_to_its_cap():
    policy = RestartPolicy(first_delay=1.0, max_delay=30.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]


def test_a_child_that_finishes_is_not_started_again(supervise):
    supervisor, lines = supervise(Child("once", python("print('done')")))
    wait_for(lambda: lines.count("once | finished") == 1)
    wait_for(lambda: not any(t.name == "keep-once" and t.is_alive() for t in threading.enumerate()))
    assert lines.count("started (pid") == 1 and supervisor.failure is None and not supervisor.wait(0)


def test_a_command_that_cannot_start_is_given_up_at_once(supervise, tmp_path):
    supervisor, lines = supervise(Child("ghost", [str(tmp_path / "no-such-program")]))
    assert supervisor.wait(timeout=10)
    assert supervisor.failure is not None and supervisor.failure.startswith("ghost could not start:")


def test_a_child_ignoring_sigint_gets_sigterm(supervise):
    stubborn = python("""
        import signal, time
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("ready", flush=True)
        time.sleep(60)
    """)
    supervisor, lines = supervise(Child("stubborn", stubborn), timeouts=IMPATIENT)
    wait_for(lambda: lines.count("ready") == 1)
    pid = supervisor.pids()["stubborn"]
    supervisor.stop()
    assert not alive(pid)
    assert lines.count("stopped (killed by SIGTERM)") == 1


def test_a_child_ignoring_sigint_and_sigterm_gets_sigkill_and_so_does_its_own_child(supervise, tmp_path):
    grandchild_pid = tmp_path / "grandchild.pid"
    deaf = python(f"""
        import pathlib, signal, subprocess, sys, time
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                      start_new_session=False)
        pathlib.Path({str(grandchild_pid)!r}).write_text(str(grandchild.pid))
        print("ready", flush=True)
        time.sleep(60)
    """)
    supervisor, lines = supervise(Child("deaf", deaf), timeouts=IMPATIENT)
    wait_for(lambda: lines.count("ready") == 1)
    pids = [supervisor.pids()["deaf"], int(grandchild_pid.read_text())]
    supervisor.stop()
    assert lines.count("stopped (killed by SIGKILL)") == 1
    wait_for(lambda: not any(alive(pid) for pid in pids))


def test_stop_cuts_a_restart_delay_short_and_starts_nothing(supervise):
    patient = RestartPolicy(first_delay=60.0, max_delay=60.0, max_restarts=5)
    supervisor, lines = supervise(Child("flaky", python("import sys; sys.exit(1)")), restart=patient)
    wait_for(lambda: lines.count("starting it again in 60 s") == 1)
    supervisor.stop()
    # The keeper woke from its delay at once (stop() waits for it only briefly) and started nothing.
    assert not any(thread.name == "keep-flaky" and thread.is_alive() for thread in threading.enumerate())
    assert lines.count("started (pid") == 1


def test_names_must_differ():
    with pytest.raises(ValueError, match="child names must differ"):
        Supervisor([Child("api", SLEEPER), Child("api", SLEEPER)])


# -- the supervisor as a process, signalled the way a terminal or a service manager does -------------

SUPERVISOR_SCRIPT = """
import sys, threading, time
from chronicler.runtime.supervisor import Child, StopTimeouts, Supervisor, interrupt_on_termination

lock = threading.Lock()
def say(line):  # one line at a time: the children's lines come from other threads
    with lock:
        print(line, flush=True)

count_sigints = '''
import pathlib, signal, sys, time
interrupted = []
signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(time.monotonic()))
print("ready", flush=True)
while not interrupted or time.monotonic() - interrupted[0] < 0.5:  # linger: a second SIGINT would count
    time.sleep(0.05)
pathlib.Path(sys.argv[1]).write_text("I" * len(interrupted))
'''
children = [Child(f"c{i}", [sys.executable, "-c", count_sigints, sys.argv[1] + f".{i}"]) for i in range(2)]
supervisor = Supervisor(children, timeouts=StopTimeouts(interrupt=3, terminate=1, kill=2), echo=say)
with interrupt_on_termination():
    supervisor.start()
    try:
        while len(supervisor.pids()) < 2:
            time.sleep(0.02)
        say("pids " + " ".join(str(pid) for pid in supervisor.pids().values()))
        supervisor.wait()
    except KeyboardInterrupt:
        say("stopping")
    finally:
        supervisor.stop()
say("stopped")
"""


@pytest.fixture
def supervisor_process(tmp_path) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """SUPERVISOR_SCRIPT running in a process group of its own.

    With its two children's pids once both listen.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR_SCRIPT, str(tmp_path / "sigints")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        pids: list[int] = []
        ready = 0
        while not (pids and ready == 2):  # both children started and listening for SIGINT
            line = process.stdout.readline()
            assert line, "the supervisor ended before starting its children"
            if line.startswith("pids"):
                pids = [int(pid) for pid in line.split()[1:]]
            ready += line.rstrip().endswith("| ready")
        yield process, pids
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in pids:  # whatever the test found, leave nothing running
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        assert process.stdout is not None
        process.stdout.close()


def sigints_seen(tmp_path: Path) -> list[str]:
    return [(tmp_path / f"sigints.{i}").read_text() for i in range(2)]


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_every_child_once_and_exits_0(supervisor_process, tmp_path, how):
    process, pids = supervisor_process
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # what the terminal does: the whole foreground group
    else:
        process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=10)
    assert process.returncode == 0, out
    assert "stopping" in out and out.rstrip().endswith("stopped")
    assert not any(alive(pid) for pid in pids)
    # Each child saw exactly one SIGINT: the supervisor's, never the terminal's as well.
    assert sigints_seen(tmp_path) == ["I", "I"]


@pytest.mark.skipif(sys.platform != "linux", reason="the orphan guard is Linux's PR_SET_PDEATHSIG")
def test_children_of_a_supervisor_killed_outright_are_interrupted_too(supervisor_process, tmp_path):
    process, pids = supervisor_process
    process.kill()  # SIGKILL: no chance to stop anything itself
    process.wait()
    wait_for(lambda: not any(alive(pid) for pid in pids))
    # At least one each: the kernel signals again as the dead supervisor's threads are gone through.
    assert all(seen.startswith("I") and set(seen) == {"I"} for seen in sigints_seen(tmp_path))
