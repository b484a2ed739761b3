"""``python -m linkedins_law`` runs the ``linkedins-law`` command."""

import sys

from .cli import main

sys.exit(main())
