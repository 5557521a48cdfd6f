"""Run the ``proceedings`` command from a checkout, without installing the package.

python scripts/proceedings.py validate
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from proceedings_site.cli import main

if __name__ == "__main__":
    sys.exit(main())
