"""Shared pytest fixtures. Each section is self-contained; add new sections below."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Browser (headless Chromium) — used by tests marked ``browser``.
# ---------------------------------------------------------------------------------------------
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

# Property tests explore a fixed sequence of examples so CI runs are repeatable.
_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
_hypothesis_settings.load_profile("ci")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--virtual-time-budget=5000",
]


def _apt_install(*packages: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = f"apt-get update -qq && apt-get install -y -qq {' '.join(packages)}"
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=900, env=env)


def _has_cjk_font() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, ":lang=zh"], capture_output=True, text=True, timeout=60).stdout
    return bool(out.strip())


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, installed with apt-get when missing (root only); FAILS if it cannot be had."""
    if not Path(CHROMIUM).exists():
        if os.geteuid() != 0:
            pytest.fail(f"{CHROMIUM} is missing and we are not root: run `apt-get install -y chromium`")
        done = _apt_install("chromium")
        if done.returncode != 0 or not Path(CHROMIUM).exists():
            pytest.fail(f"could not install chromium with apt-get (exit {done.returncode}): "
                        f"{(done.stderr or done.stdout).strip()[-400:]}")
    if os.geteuid() == 0 and not _has_cjk_font():
        _apt_install("fonts-noto-cjk")  # only for legible Chinese in screenshots; DOM checks do not need it
    return CHROMIUM


@pytest.fixture(scope="session")
def run_chromium(chromium_path: str, tmp_path_factory) -> Callable[..., str]:
    """``run_chromium(url, *args)`` -> stdout of one headless run (e.g. ``--dump-dom``)."""

    def run(url: str, *args: str, timeout: float = 120) -> str:
        profile = tmp_path_factory.mktemp("chromium-profile")
        cmd = [chromium_path, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise AssertionError(f"chromium exited {done.returncode}: {done.stderr.strip()[-800:]}")
        return done.stdout

    return run
