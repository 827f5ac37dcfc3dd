"""``python -m extractor`` runs the CLI."""

import sys

from extractor.cli import main

sys.exit(main())
