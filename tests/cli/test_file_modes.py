"""What the product writes is the operator's alone: the entry point sets an owner-only umask."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys
sys.argv = ["chronicler", "--env-file", "none.env", "--help"]
from chronicler.cli.main import main
try:
    main()
except SystemExit:
    pass
print(oct(os.umask(0o022)))
"""


def test_the_chronicler_command_runs_with_an_owner_only_umask(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0o77"
