"""``python -m app``: the journeymap command."""

from app.cli import main

raise SystemExit(main())
