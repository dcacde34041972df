"""The ``orgkit`` console script: the command line of the Rust core
(``orgkit --help``), run from the package's native extension."""

from __future__ import annotations

import sys

from . import _native


def main() -> None:
    """Runs ``orgkit`` with this process's arguments and exits with its code."""
    sys.exit(_native.run_cli(["orgkit", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
