"""staticfeed: turn a folder of documents into Atom 1.0 and RSS 2.0 feeds."""

__version__ = "0.1.0"
"""The one place the version is written: pyproject.toml reads it from here. Asking the
installed package's metadata (importlib.metadata) instead costs every command 35 ms, a sixth
of a build with nothing to do."""
