"""Entry point of ``python -m stadtdialog.sortition``."""

import sys

from .cli import main

sys.exit(main())
