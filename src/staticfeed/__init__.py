"""staticfeed: turn a folder of documents into Atom 1.0 and RSS 2.0 feeds."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("staticfeed")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
