"""`python -m journeykit`."""

from journeykit.cli import main

if __name__ == "__main__":  # worker processes that are spawned, not forked, import this module again
    raise SystemExit(main())
