from __future__ import annotations

import os

HOME = os.environ.get('HOME')
