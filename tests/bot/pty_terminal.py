"""A pseudo-terminal for the console's tests: keys typed into it, all it was sent kept to read back.

It answers cursor-position requests as a terminal would (prompt_toolkit asks before it draws).
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import termios
import threading
import time
from typing import TextIO

_CPR_REQUEST = b"\x1b[6n"
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78])")


class PtyTerminal:
    """The terminal side (what the test types and reads) of a pty; `slave` is the program's side."""

    def __init__(self, rows: int = 30, columns: int = 120) -> None:
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._output = bytearray()
        self._answered = 0  # cursor-position requests answered so far
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    def streams(self) -> tuple[TextIO, TextIO]:
        """Text streams on the program's side, as its stdin and stdout (the caller closes them)."""
        stdin = open(os.dup(self.slave), encoding="utf-8")
        stdout = open(os.dup(self.slave), "w", encoding="utf-8")
        return stdin, stdout

    def type(self, keys: str) -> None:
        """Keys as typed (a carriage return is Enter, \\x03 Ctrl-C, \\x04 Ctrl-D)."""
        os.write(self.master, keys.encode())

    @property
    def raw(self) -> str:
        """All the program has sent, escape sequences included."""
        with self._changed:
            return self._output.decode("utf-8", errors="replace")

    @property
    def text(self) -> str:
        """All the program has sent, without escape sequences or carriage returns."""
        return _ESCAPES.sub("", self.raw).replace("\r", "")

    def until(
        self,
        pattern: str,
        *,
        after: int = 0,
        timeout: float = 15.0,
        process: subprocess.Popen[bytes] | None = None,
    ) -> int:
        """Wait until `pattern` (a regular expression) is in `text` from `after` on; where it ends.

        Given the `process` on the other side, it fails as soon as that has exited instead.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = re.compile(pattern).search(self.text, after)
                if found:
                    return found.end()
                left = deadline - time.monotonic()
                if process is not None and process.poll() is not None:
                    raise AssertionError(
                        f"exited ({process.returncode}) before {pattern!r}:\n{self.text[after:]}"
                    )
                if left <= 0:
                    raise AssertionError(f"no {pattern!r} within {timeout} s in:\n{self.text[after:]}")
                self._changed.wait(min(left, 0.5))

    def close(self) -> None:
        """Close both sides (the reader ends with them)."""
        for fd in (self.slave, self.master):
            try:
                os.close(fd)
            except OSError:
                pass
        self._reader.join(timeout=5)

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # closed
                chunk = b""
            if not chunk:
                with self._changed:
                    self._changed.notify_all()
                return
            with self._changed:
                self._output += chunk
                requests = self._output.count(_CPR_REQUEST)
                self._changed.notify_all()
            for _ in range(requests - self._answered):
                os.write(self.master, b"\x1b[1;1R")
            self._answered = requests
