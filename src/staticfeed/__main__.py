"""`python -m staticfeed`, and the `staticfeed` command's entry point."""

import os
import signal
import sys
from typing import NoReturn


def main() -> None:
    """Run the command line. Ctrl-C while its modules load (the first tenth of a second) says
    "Aborted!", as for one pressed later, rather than print a traceback of the import it
    interrupted."""
    try:
        from staticfeed.cli import INTERRUPTED
        from staticfeed.cli import main as run_command_line
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        _end_interrupted()
    try:
        run_command_line()
    except SystemExit as done:
        if done.code == INTERRUPTED:
            _end_interrupted()
        raise


def _end_interrupted() -> NoReturn:
    """End as a program that Ctrl-C stops: by SIGINT, as Python does after a KeyboardInterrupt
    nothing caught. A shell script running staticfeed then stops too; after a command that
    exited, whatever its status, bash goes on to the next line."""
    if os.name == "posix":
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    sys.exit(128 + signal.SIGINT)


if __name__ == "__main__":
    main()
