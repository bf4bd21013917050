"""staticfeed: turn a folder of documents into Atom 1.0 and RSS 2.0 feeds."""

__version__ = "0.1.0"
"""The one place the version is written: pyproject.toml reads it from here. Asking the
installed package's metadata (importlib.metadata) instead costs every command 35 ms, a sixth
of a build with nothing to do."""


class Terminated(BaseException):
    """SIGTERM (`kill`, a CI job's timeout, systemd stopping serve), raised where the program
    is by the handler staticfeed.__main__ installs, so that a build takes away the temporary
    files it was writing, as after Ctrl-C: the default action ended it at once, leaving `.tmp`
    files in feeds/ for an upload to carry. Here, as `python -m staticfeed` runs __main__
    under another name, and serve raises it too."""

    received = False
    """Whether SIGTERM came: watchfiles turns what a signal handler raises into
    KeyboardInterrupt, which serve takes for Ctrl-C."""
