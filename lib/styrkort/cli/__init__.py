"""The ``styrkort`` command: every subcommand a thin adapter over the package."""

from styrkort.cli.main import main

__all__ = ["main"]
