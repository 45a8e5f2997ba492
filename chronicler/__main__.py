"""`python -m chronicler`: the `chronicler` command as `chronicler run` starts its parts.

The supervisor stops a part with SIGINT, which may come while the part is still importing (that
takes seconds on a small machine): then nothing has started, so it leaves without a traceback.
"""

import sys

try:
    from chronicler.cli.main import main
except KeyboardInterrupt:
    sys.exit(130)

main()
