"""Reading articles: formats, encodings, metadata, boilerplate, references, bad input."""

from __future__ import annotations

import builtins
import html
import json
import logging
import os
import re
from pathlib import Path

import pytest
from _shared import SHARED

from extractor.documents.normalize import fold, normalize
from extractor.documents.reader import iter_documents, read_file

SEEDS = SHARED / "corpora/seeds"
DEV = SHARED / "corpora/dev"
GOLD = SHARED / "eval/gold"
FIX = Path(__file__).parent / "fixtures/documents"
SAMPLES = Path(__file__).resolve().parents[1] / "corpora/samples"


def _key(s: str) -> str:
    """Compare content, not markup, entities or spacing (gold spans quote the raw file)."""
    return re.sub(r"[\s*#]+", "", fold(html.unescape(s)))


@pytest.fixture(scope="module")
def seeds():
    return {d.doc_id[:3]: d for d in iter_documents([str(SEEDS)])}


# --- normalize -------------------------------------------------------------------------

def test_normalize_folds_fullwidth_and_keeps_offsets():
    raw = "涨幅２．５％，收于１２３点。\r\n\r\n\r\nA  \t b"
    text, offs = normalize(raw)
    assert text == "涨幅2.5%,收于123点。\n\nA b"
    assert len(offs) == len(text)
    assert all(fold(raw[o]) in (c, "") or c in " \n" for c, o in zip(text, offs, strict=True))
    assert raw[offs[text.index("。")]] == "。"


# --- seeds -----------------------------------------------------------------------------

def test_seeds_language_title_dates(seeds):
    assert {d.lang for d in seeds.values()} == {"zh"}
    assert all(d.ok for d in seeds.values())
    assert seeds["000"].title == "AI驱动科技股抛售潮下,对冲基金遭遇近一年来最惨淡交易日"
    assert seeds["001"].title == fold("市场突然转向了！对冲基金结束5周抛售，开始大举买入美国科技股……")
    assert seeds["002"].title == "AI支出担忧加剧,投资者从大型科技股转向小盘股"
    assert seeds["003"].title.startswith("大摩量化警告:动量崩塌")
    assert seeds["001"].published == "2025-02-10T15:35:00" and not seeds["001"].published_inferred
    assert seeds["003"].published == "2026-02-05T13:13:43Z"
    assert seeds["003"].url == "https://longbridge.com/zh-CN/news/274979800.md"
    assert seeds["000"].published == "2026-02-04" and seeds["000"].published_inferred
    assert seeds["001"].outlet == "FX168财经"


def test_seed_002_references(seeds):
    doc = seeds["002"]
    refs = doc.references
    assert [r.n for r in refs] == list(range(8))
    assert refs[1].publisher == "路透社" and refs[1].date == "2026-02-08"
    assert refs[1].url.startswith("https://www.reuters.com/legal/")
    assert refs[1].title == "避险情绪冲击科技板块,投资者竞相买入估值更低的中小盘股"
    for r in refs[1:]:
        assert r.publisher and (r.url or r.n == 2) and (r.date or r.n == 2)
    assert doc.body_end is not None and doc.text[doc.body_end:].startswith("[0] Ginlix InfoFlow")
    assert "[7] RBC财富管理" in doc.text[doc.body_end:]
    assert "比特币一度跌至60017美元" in doc.text[: doc.body_end]


def test_seed_004_unnumbered_reference(seeds):
    doc = seeds["004"]
    assert doc.references[0].publisher == "Financial Times"
    assert doc.text[doc.body_end:].startswith("参考资料")


BOILERPLATE = ["解锁更多功能", "登录后即可使用", "关于我们", "相关个股", "数据基于历史", "风险提示及免责条款",
               "免责声明", "欢迎转载", "Related Stocks", "Related News", "Capital Group Names",
               "所有内容仅供参考"]


def test_seed_boilerplate_removed(seeds):
    for doc in seeds.values():
        for junk in BOILERPLATE:
            assert junk not in doc.text, (doc.doc_id, junk)
        assert "](http" not in doc.text and "**" not in doc.text and "![" not in doc.text


def _gold_sentences(name: str):
    for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("sentence"):
            yield r["doc_id"], r["sentence"], r.get("text", "")


@pytest.mark.parametrize("gold,base", [("seeds.jsonl", SEEDS), ("dev_en.jsonl", DEV), ("dev_zh1.jsonl", DEV),
                                       ("dev_zh2.jsonl", DEV)])
def test_every_gold_sentence_survives(gold, base):
    texts: dict[str, str] = {}
    missing = []
    for doc_id, sentence, claim in _gold_sentences(gold):
        if doc_id not in texts:
            path = base / doc_id if base == SEEDS else base / doc_id[:2] / doc_id
            (doc,) = read_file(str(path))
            assert doc.ok
            texts[doc_id] = _key(doc.text)
        raw_markup = "<" in claim  # a few dev gold spans quote raw HTML
        if _key(sentence) not in texts[doc_id] or (not raw_markup and _key(claim) not in texts[doc_id]):
            missing.append((doc_id, sentence[:60]))
    assert not missing


def test_seed_claim_text_is_verbatim_in_normalized_text(seeds):
    by_prefix = {k: v.text for k, v in seeds.items()}
    for doc_id, _sentence, claim in _gold_sentences("seeds.jsonl"):
        if doc_id[:3] in ("000", "002"):  # plain text seeds: gold spans are NFKC-folded raw text
            assert claim in by_prefix[doc_id[:3]]


def test_offset_map_points_into_raw_file(seeds):
    doc = seeds["003"]
    raw = (SEEDS / "003_92aea948efe8a932.txt").read_text(encoding="utf-8")
    i = doc.text.index("MSZZMOMO 单日下跌约 7.7%")
    assert doc.original == raw
    assert doc.original_span(i, i + 20) == raw[doc.offset_map[i]: doc.offset_map[i + 19] + 1]
    assert doc.original_span(i, i + 8) == "MSZZMOMO"


# --- dev corpus ------------------------------------------------------------------------

def test_bloomberg_html_body_without_chrome():
    (doc,) = read_file(str(DEV / "en/en_042.html"))
    assert doc.format == "html" and doc.lang == "en"
    assert doc.title == "U.S. Stocks Rise to Records, Bonds Gain on ECB Stimulus Optimism"
    assert doc.published == "2016-12-06T23:22:22Z"
    assert doc.url.startswith("https://www.bloomberg.com/news/articles/2016-12-06/")
    assert "The S&P 500 Index rose 0.9 percent to 2,232.05" in doc.text
    assert "Spot gold was little changed at $1,173.72 an ounce." in doc.text
    for junk in ("Get our markets daily newsletter", "function(", "Sign In", "Terms of Service",
                 "Before it's here"):
        assert junk not in doc.text


def test_reuters_raw_file_without_extension_header():
    (doc,) = read_file(str(DEV / "en/en_003.txt"))
    assert doc.lang == "en" and doc.outlet == "Reuters"
    assert doc.title == "Blue chips dip despite deals" and doc.published == "2006-11-20"
    assert "  " not in doc.text


def test_zacks_promo_removed_and_markdown_html_stripped():
    (zacks,) = read_file(str(DEV / "en/en_055.txt"))
    assert "Stocks Set to Double" not in zacks.text and "Free Stock Analysis Report" not in zacks.text
    assert zacks.text.rstrip().endswith("respectively.")
    (md,) = read_file(str(DEV / "en/en_038.md"))
    assert "<p>" not in md.text and "[ad_1]" not in md.text and md.published == "2016-01-26T10:10:08"
    (it,) = read_file(str(DEV / "zh/zh_047.md"))
    assert "data-vmark" not in it.text and it.published == "2022-04-28T00:09:46Z"


# --- fixtures: formats and encodings ---------------------------------------------------

def test_html_fixture_meta_and_chrome():
    (doc,) = read_file(str(FIX / "en_page.html"))
    assert doc.title == "Stocks climb as tech rebounds"
    assert doc.published == "2025-03-04T21:05:00Z" and doc.outlet == "Reuters"
    assert "The S&P 500 rose 1.2% to 5,842.10" in doc.text
    for junk in ("99%", "Subscribe", "Advertisement", "Oil slides", "All rights reserved", "Home"):
        assert junk not in doc.text


@pytest.mark.parametrize("name,encoding", [("zh_gb18030.txt", "gb18030"), ("zh_utf16.txt", "utf-16-le"),
                                           ("zh_big5.txt", "big5")])
def test_encodings_detected(name, encoding):
    (doc,) = read_file(str(FIX / name))
    assert doc.ok and doc.lang == "zh" and doc.encoding == encoding
    assert "1.35%" in doc.text and "," in doc.text and doc.title.startswith("美")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["The S&P 500 fell 0.6% to 6,882.71 on Wednesday.\n" * 3,
                                  "纳斯达克综合指数下跌1.35%。收于22904.58点。The Dow rose.\n"])
def test_utf16_without_bom(tmp_path, codec, text):
    """ASCII text in BOM-less UTF-16 is also valid UTF-8 (with NULs): the NUL parity decides first."""
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    (doc,) = read_file(str(path))
    assert doc.ok and doc.encoding == codec and "\x00" not in doc.text
    assert doc.text.strip() == text.strip()


def test_jsonl_and_json_records(caplog):
    with caplog.at_level(logging.WARNING, logger="newsclaims"):
        docs = list(iter_documents([str(FIX / "records.jsonl"), str(FIX / "records.json")]))
    ids = [d.doc_id for d in docs]
    assert ids == ["records.jsonl#1", "records.jsonl#2", "records.jsonl#3", "records.jsonl#4",
                   "records.json#1", "records.json#2"]
    a, b, bad_line, no_body, oil, yen = docs
    assert a.ok and a.title == "Dow gains" and a.published == "2025-01-10" and a.outlet == "Associated Press"
    assert b.lang == "zh" and b.published == "2025-01-10T16:10:00"
    assert "invalid JSON" in bad_line.error and "no body" in no_body.error
    assert oil.text == "Brent crude fell 2% to $74 a barrel." and oil.outlet == "Example Wire"
    assert oil.published == "2025-02-03T10:00:00+08:00" and yen.lang == "en"
    assert sum("records.jsonl" in r.getMessage() for r in caplog.records) == 2


def test_invalid_front_matter_is_a_warning_not_an_error():
    (doc,) = read_file(str(FIX / "bad_frontmatter.md"))
    assert doc.ok and doc.warnings and "front matter" in doc.warnings[0]
    assert "The Dow fell 0.3% on Monday." in doc.text


def test_broken_html_reads_what_it_can():
    (doc,) = read_file(str(FIX / "broken.html"))
    assert doc.ok and "Gold rose 0.5% to $2,950 an ounce." in doc.text and "Silver fell 1.1%" in doc.text


# --- bad input -------------------------------------------------------------------------

def _one(path: Path, caplog, **kw):
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsclaims"):
        docs = read_file(str(path), **kw)
    assert len(docs) == 1 and docs[0].error and docs[0].text == ""
    msgs = [r.getMessage() for r in caplog.records]
    assert len(msgs) == 1 and msgs[0].startswith(str(path)) and docs[0].error in msgs[0]
    return docs[0]


def test_bad_files_each_give_one_error(tmp_path, caplog):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _one(tmp_path / "empty.txt", caplog).error == "empty file"
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "PNG" in _one(tmp_path / "img.txt", caplog).error
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x01\x02\x00\xff" * 50)
    assert "binary" in _one(tmp_path / "nul.txt", caplog).error
    (tmp_path / "junk.txt").write_bytes(bytes(range(128, 256)) * 20)
    assert "undecodable" in _one(tmp_path / "junk.txt", caplog).error
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert "file too large" in _one(big, caplog).error
    assert "file too large" in _one(FIX / "en_page.html", caplog, max_bytes=100).error
    (tmp_path / "dir.txt").mkdir()
    assert _one(tmp_path / "dir.txt", caplog).error


def test_unreadable_file(tmp_path, caplog, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text("The Dow rose 1%.", encoding="utf-8")
    real_open = builtins.open

    def fake_open(file, *a, **kw):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", fake_open)
    assert "Permission denied" in _one(p, caplog).error


def test_folder_walk_order_globs_and_symlink_loop(tmp_path, caplog):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("The Dow rose 1% on Monday.", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("# Title\n\nThe S&P 500 fell 2% on Tuesday.", encoding="utf-8")
    (tmp_path / "b" / "skip.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling.txt")
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.doc_id for d in docs] == ["a.txt", "b/c.md", "b/empty.txt", "dangling.txt"]
    assert [d.ok for d in docs] == [True, True, False, False]
    assert docs[1].title == "Title"
    only_md = list(iter_documents([str(tmp_path)], include=["*.md"]))
    assert [d.doc_id for d in only_md] == ["b/c.md"]
    no_b = list(iter_documents([str(tmp_path)], exclude=["b/*", "dangling.txt"]))
    assert [d.doc_id for d in no_b] == ["a.txt"]
    again = list(iter_documents([str(tmp_path)]))
    assert [d.to_row() for d in again] == [d.to_row() for d in docs]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="corpora/samples not written yet")
def test_project_samples_read_cleanly():
    docs = list(iter_documents([str(SAMPLES)]))
    assert docs
    for d in docs:
        assert d.ok, (d.doc_id, d.error)
        assert d.lang in ("zh", "en") and d.title, d.doc_id
        expected = "zh" if "zh" in d.doc_id.lower() else ("en" if "en" in d.doc_id.lower() else d.lang)
        assert d.lang == expected, d.doc_id
