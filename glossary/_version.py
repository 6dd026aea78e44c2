"""The package version: the single source read by the build backend and by ``glossary --version``."""

__version__ = "0.1.0"
