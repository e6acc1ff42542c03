"""policy-site: publish an organisation's policies from Markdown kept in git."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policy-site")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
