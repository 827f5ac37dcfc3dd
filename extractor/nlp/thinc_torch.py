"""Keep torch out of processes that do not use it.

spaCy's machine-learning library, thinc, imports torch eagerly whenever it is installed
(``thinc.compat``), which costs about 180 MB of memory and a second of start-up in every batch
worker, although the default claim pipeline never runs a neural model. This imports
``thinc.compat`` once with torch hidden, then un-hides it: the optional transformers component
still imports torch itself when it is built. ``NEWSCLAIMS_THINC_TORCH=1`` turns this off (for
spaCy pipelines that run thinc's own torch layers).
"""

from __future__ import annotations

import os
import sys


def import_thinc_without_torch() -> bool:
    """Import ``thinc.compat`` with torch hidden, unless torch or thinc is already loaded or the
    environment opts out; True when torch was hidden."""
    if os.environ.get("NEWSCLAIMS_THINC_TORCH") or "thinc" in sys.modules or "torch" in sys.modules:
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        import thinc.compat  # noqa: F401
    except ImportError:
        return False
    finally:
        del sys.modules["torch"]
    return True
