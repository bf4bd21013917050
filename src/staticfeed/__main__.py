"""`python -m staticfeed`, and the `staticfeed` command's entry point."""

import sys


def main() -> None:
    """Run the command line. Ctrl-C while its modules load (the first tenth of a second) says
    "Aborted!" and exits 1, as click does for one pressed later, rather than print a
    traceback of the import it interrupted."""
    try:
        from staticfeed.cli import main as run_command_line
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    run_command_line()


if __name__ == "__main__":
    main()
