"""`python -m journeykit`."""

from journeykit.cli import main

raise SystemExit(main())
