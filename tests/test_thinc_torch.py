"""The default pipeline runs without loading torch, and torch stays importable afterwards."""

import subprocess
import sys

import pytest

CODE = """
import sys
import extractor
from pathlib import Path
frame = extractor.extract([str(Path(extractor.__file__).parents[1] / "corpora" / "samples")])
assert len(frame) > 100
print("torch" in sys.modules)
import thinc.compat
print(thinc.compat.has_torch)
try:
    import torch
    print(hasattr(torch, "tensor"))
except ImportError:
    print("absent")
"""


def _run(env_extra: dict[str, str] | None = None) -> list[str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "NEWSCLAIMS_THINC_TORCH"}
    env.update(env_extra or {})
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True)
    return out.stdout.split()


def test_pipeline_does_not_import_torch():
    loaded, thinc_torch, torch_after = _run()
    assert loaded == "False"
    assert thinc_torch == "False"
    assert torch_after in ("True", "absent")  # still importable when installed


def test_opt_out_keeps_thincs_torch():
    pytest.importorskip("torch")
    loaded, thinc_torch, _ = _run({"NEWSCLAIMS_THINC_TORCH": "1"})
    assert loaded == "True" and thinc_torch == "True"
