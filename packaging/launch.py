"""Entry point of the standalone build: the ``journeymap`` command, frozen."""

from app.cli import main

raise SystemExit(main())
