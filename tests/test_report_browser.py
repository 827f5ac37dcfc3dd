"""The HTML report in a real browser: highlights render, a chart draws, a screenshot is saved.

``report_inputs`` builds the report's input frames; override it (e.g. with the frames from a
run over the real seeds) to test the report on other data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from _shared import SHARED
from test_output_samples import sample_claims, sample_documents, sample_prices

from extractor.output.report import build_report

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"




@pytest.fixture(scope="module")
def report_inputs() -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """(claims, documents, prices) of the real seeds, extracted and checked by the tool."""
    import extractor
    from extractor.checking.prices import load_prices

    seeds = SHARED / "corpora" / "seeds"
    prices = load_prices(SHARED / "data" / "prices")
    claims = extractor.check(extractor.extract([seeds]), prices=prices)
    documents = extractor.read_documents([seeds])
    assert {"supported", "contradicted"} <= set(claims["verdict"].dropna())
    return claims, documents, prices


def test_sample_frames_render(tmp_path, run_chromium):
    """The hand-made frames (every verdict kind, overlapping claims) render too."""
    path = build_report(sample_claims(), sample_documents(), sample_prices(), tmp_path / "s.html")
    dom = run_chromium(path.as_uri(), "--dump-dom")
    assert {"supported", "contradicted", "unverifiable"} <= set(re.findall(r'<mark class="claim v-(\w+)', dom))


@pytest.fixture(scope="module")
def report_file(report_inputs, tmp_path_factory) -> Path:
    claims, documents, prices = report_inputs
    return build_report(claims, documents, prices, tmp_path_factory.mktemp("report") / "report.html")


def test_dom_has_highlights_and_chart(report_file, report_inputs, run_chromium):
    dom = run_chromium(report_file.as_uri(), "--dump-dom")
    marks = re.findall(r'<mark class="claim v-(\w+)[^"]*"', dom)
    claims = report_inputs[0]
    present = {v if isinstance(v, str) else "unchecked" for v in claims["verdict"]}
    assert present <= set(marks), f"missing highlight classes: {present - set(marks)}"
    assert 'class="main-svg"' in dom, "plotly did not render a chart for the first checked claim"
    assert re.search(r'<tr [^>]*class="selected"', dom), "no claim selected on load"
    assert re.search(r'id="detail-body"(?![^>]*hidden)', dom), "detail panel stayed hidden"


def test_hash_selects_claim(report_file, report_inputs, run_chromium):
    claims = report_inputs[0]
    target = claims[claims["verdict"] == "contradicted"].iloc[0]
    dom = run_chromium(f"{report_file.as_uri()}#claim={target.claim_id}", "--dump-dom")
    assert re.search(rf'<tr data-id="{target.claim_id}"[^>]*class="selected"', dom)
    assert re.search(r'id="d-verdict" class="badge v-contradicted">contradicted<', dom)
    assert 'class="main-svg"' in dom
    if isinstance(target.explanation, str):
        assert target.explanation in dom


def test_document_text_is_escaped(tmp_path, run_chromium):
    """Markup inside an article stays text (uses the sample frames whatever the inputs are)."""
    path = build_report(sample_claims(), sample_documents(), None, tmp_path / "r.html")
    dom = run_chromium(path.as_uri(), "--dump-dom")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom
    assert 'class="main-svg"' not in dom and "No price series to chart" in dom


def test_screenshot(report_file, run_chromium):
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "report.png"
    png.unlink(missing_ok=True)
    run_chromium(report_file.as_uri(), f"--screenshot={png}", "--window-size=1400,1000")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
