"""The catalog YAML files and their loader: coverage of the gold annotations and matching rules."""

from __future__ import annotations

import json

import pytest
from _shared import SHARED

from extractor.claims.catalog import KINDS, Catalog, _entry, display_name, get_catalog, resolve

GOLD = sorted((SHARED / "eval" / "gold").glob("*.jsonl"))
SEED = SHARED / "corpora" / "seeds" / "000_0091997cf9910f11.txt"
MOVE_KINDS = {"index_move": "index", "sector_move": "sector", "asset_move": "asset"}

# Gold surface forms that only name their subject in context (anaphora, a city for its bourse,
# "oil" meaning Brent in one article and WTI in others); no catalog alias can carry them.
CONTEXTUAL = {
    ("asset", "MSFT", "The software company"),
    ("asset", "NDAQ", "Nasdaq"),
    ("asset", "brent crude", "oil"),
    ("asset", "brent crude", "prices"),
    ("asset", "usd/jpy", "the dollar"),
    ("index", "000001.SS", "Chinese shares"),
    ("index", "000001.SS", "mainland Chinese shares"),
    ("index", "^DJI", "The 30-member blue-chip index"),
    ("index", "^FCHI", "Paris"),
    ("index", "^FTSE", "London"),
    ("index", "^FTSE", "benchmarks in Britain"),
    ("index", "^GDAXI", "Frankfurt"),
    ("index", "^GSPC", "The benchmark index"),
    ("index", "^KS11", "benchmarks in South Korea"),
    ("index", "ftseurofirst 300", "The index"),
    ("index", "^AXJO", "澳洲股市"),
    ("institution", "Citigroup", "the largest U.S. bank by assets"),
    ("institution", "McDonald's", "该公司"),
    ("institution", "Citi", "他们"),
}
# Gold asset subjects that are ad-hoc groups of tickers rather than one catalog thing.
AD_HOC_GROUPS = {"faang stocks (fb, aapl, amzn, nflx, googl)", "megacap tech group (msft, aapl, amzn, googl)"}


def _gold() -> list[dict]:
    records = []
    for path in GOLD:
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    return records


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return get_catalog()


def _known(cat: Catalog, kind: str) -> set[str]:
    return {x for e in cat.entries(kind) for x in (e.id, *e.equivalent)}


def _resolves_to(cat: Catalog, text: str, lang: str, kind: str, want: str) -> bool:
    got = cat.resolve(text, lang, kind)
    if got is None:
        m = cat.longest_alias_in(text, lang, kind)
        got = (m.kind, m.id) if m else None
    return got is not None and cat.same_subject(want, got[1], kind)


# ---------------------------------------------------------------------------- the data files
def test_every_entry_is_well_formed(cat: Catalog) -> None:
    for kind in KINDS:
        entries = cat.entries(kind)
        ids = [e.id for e in entries]
        assert len(ids) == len(set(ids)), f"duplicate ids in {kind}"
        for e in entries:
            assert e.en and e.zh, f"{kind} {e.id} needs names in both languages"
            assert "F" not in e.en, "a bare 'F' would match everywhere"
    assert len(cat.entries("index")) >= 60
    assert len(cat.entries("asset")) >= 150
    assert len(cat.entries("institution")) >= 120


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_alias_names_two_things_of_one_kind(cat: Catalog, lang: str) -> None:
    seen: dict[tuple[str, str], str] = {}
    for alias, kind, id_ in cat.aliases(lang):
        key = alias if cat.is_case_sensitive(alias, lang) else alias.casefold()
        key = "".join(key.split()) if lang == "zh" else key
        assert seen.setdefault((kind, key), id_) == id_, f"{alias!r} is both {seen[(kind, key)]} and {id_}"


def test_spec_indices_and_gics_sectors_are_present(cat: Catalog) -> None:
    spec = ["^GSPC", "^IXIC", "^NDX", "^DJI", "^RUT", "^VIX", "^SOX", "000001.SS", "399001.SZ", "399006.SZ",
            "000300.SS", "000688.SS", "^HSI", "HSTECH.HK", "^N225", "^FTSE", "^GDAXI", "^FCHI", "^STOXX50E",
            "^KS11", "^TWII", "^BSESN", "^AXJO", "^HSCE", "^HXC", "^STI", "^NZ50", "^KLSE", "^BVSP", "^MXX",
            "^GSPTSE", "^STOXX", "000016.SS", "000905.SS", "000852.SS"]
    assert not set(spec) - _known(cat, "index")
    gics = {"information technology", "health care", "financials", "consumer discretionary", "consumer staples",
            "industrials", "energy", "materials", "real estate", "utilities", "communication services"}
    proxies = {e.id: e.proxy for e in cat.entries("sector") if e.id in gics}
    assert set(proxies) == gics and all(p and p.startswith("XL") for p in proxies.values())


def test_every_gold_subject_and_source_is_in_the_catalog(cat: Catalog) -> None:
    missing = set()
    known = {k: _known(cat, k) for k in KINDS}
    for r in _gold():
        kind = MOVE_KINDS.get(r["kind"])
        if kind and r.get("subject") and r["subject"] not in known[kind] | AD_HOC_GROUPS:
            missing.add((kind, r["subject"]))
        if r.get("source") and r["source"] not in known["institution"]:
            missing.add(("institution", r["source"]))
    assert not missing


def test_gold_surface_forms_resolve_to_the_gold_subject(cat: Catalog) -> None:
    checked, wrong = 0, []
    known = {k: _known(cat, k) for k in KINDS}
    for r in _gold():
        pairs = []
        kind = MOVE_KINDS.get(r["kind"])
        if kind and r.get("subject") in known[kind]:
            pairs.append((kind, r["subject"], r.get("subject_text")))
        if r.get("source") in known["institution"]:
            pairs.append(("institution", r["source"], r.get("source_text")))
        for k, want, text in pairs:
            if not text or (k, want, text) in CONTEXTUAL:
                continue
            checked += 1
            if not _resolves_to(cat, text, r["lang"], k, want):
                wrong.append((r["lang"], k, want, text))
    assert checked > 450
    assert not wrong


def test_contextual_exemptions_are_still_needed(cat: Catalog) -> None:
    """An exemption that starts resolving should leave the list (keeps the list honest)."""
    for kind, want, text in CONTEXTUAL:
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
        assert not _resolves_to(cat, text, lang, kind, want), (kind, want, text)


# ---------------------------------------------------------------------------- matching rules
def test_resolve_exact_forms() -> None:
    assert resolve("S&P 500", "en") == ("index", "^GSPC")
    assert resolve("The Dow", "en", "index") == ("index", "^DJI")
    assert resolve("the nasdaq composite", "en") == ("index", "^IXIC")
    assert resolve("Standard & Poor\u2019s 500 Index", "en") == ("index", "^GSPC")
    assert resolve("标普500指数", "zh") == ("index", "^GSPC")
    assert resolve("科创 50", "zh") == ("index", "000688.SS")
    assert resolve("券商", "zh") == ("sector", "brokerage")
    assert resolve("chipmakers", "en") == ("sector", "semiconductors")
    assert resolve("美元指数", "zh") == ("asset", "us dollar index")
    assert resolve("Brent", "en") == ("asset", "brent crude")
    assert resolve("高盛", "zh", "institution") == ("institution", "Goldman Sachs")
    assert resolve("高盛", "zh", "asset") == ("asset", "GS")
    assert resolve("央行", "zh") == ("institution", "People's Bank of China")
    assert resolve("Wall Street", "en") is None
    assert resolve("", "zh") is None


def test_short_all_caps_aliases_are_case_sensitive(cat: Catalog) -> None:
    assert resolve("GM", "en") == ("asset", "GM")
    assert resolve("gm", "en") is None
    assert resolve("AMD", "en") == ("asset", "AMD")
    assert resolve("amd", "en") is None
    assert resolve("Ford", "en") == ("asset", "F")
    assert resolve("F", "en") is None
    assert resolve("meta", "en") is None and resolve("Meta", "en") == ("asset", "META")
    assert resolve("nasdaq", "en") == ("index", "^IXIC")
    assert cat.is_case_sensitive("DAX", "en") and not cat.is_case_sensitive("Nasdaq", "en")
    assert ("GM", "asset", "GM") in set(cat.aliases("en", case_sensitive=True))
    assert ("GM", "asset", "GM") not in set(cat.aliases("en", case_sensitive=False))


def test_find_is_leftmost_longest_with_original_offsets(cat: Catalog) -> None:
    text = "The Nasdaq Composite Index rose while GM gained; gm and the ICE price index were flat."
    found = cat.find(text, "en")
    assert [(m.text, m.id) for m in found] == [("Nasdaq Composite Index", "^IXIC"), ("GM", "GM"), ("ICE", "ICE")]
    for m in found:
        assert text[m.start:m.end] == m.text
    zh = "标准普尔 500 指数涨1%，MSCI明晟亚太地区（除日本）指数跌，高盛Goldman Prime指出"
    got = [(m.text, m.id) for m in cat.find(zh, "zh")]
    assert got == [("标准普尔 500 指数", "^GSPC"), ("MSCI明晟亚太地区（除日本）指数", "msci asia pacific ex japan"),
                   ("高盛Goldman Prime", "Goldman Sachs Prime")]
    assert [m.kind for m in cat.find("高盛", "zh", kind=("institution", "asset"))] == ["institution"]


def test_find_on_a_seed_article(cat: Catalog) -> None:
    text = SEED.read_text(encoding="utf-8")
    ids = {(m.kind, m.id) for m in cat.find(text, "zh")}
    assert {("index", "^IXIC"), ("index", "^DJI"), ("index", "^GSPC"), ("index", "^RUT")} <= ids
    assert {("institution", "Reuters"), ("institution", "Goldman Sachs"), ("institution", "Morningstar")} <= ids
    assert ("sector", "software") in ids


def test_display_name_and_equivalents(cat: Catalog) -> None:
    assert display_name("^IXIC") == "Nasdaq Composite"
    assert display_name("Reuters") == "Reuters"
    assert display_name("not-a-thing") == "not-a-thing"
    assert cat.same_subject("eur/usd", "EURUSD=X")
    assert not cat.same_subject("^GSPC", "^IXIC")


def test_bad_entries_and_arguments_fail_clearly(cat: Catalog) -> None:
    with pytest.raises(ValueError, match="indices.yaml entry 3: each entry needs an 'id'"):
        _entry("index", {"en": ["x"]}, "models/catalog/indices.yaml entry 3")
    with pytest.raises(ValueError, match="'zh' must be a list"):
        _entry("index", {"id": "x", "en": ["x"], "zh": "x"}, "models/catalog/indices.yaml entry 0")
    with pytest.raises(ValueError, match="unknown catalog kind"):
        cat.resolve("x", "en", "stock")
    with pytest.raises(ValueError, match="unsupported language"):
        cat.resolve("x", "fr")


def _normalize_char_by_char(text: str, lang: str) -> tuple[str, list[int]]:
    """The definition catalog._normalize implements run-wise: fold every character alone."""
    import unicodedata

    from extractor.claims.catalog import _APOSTROPHES

    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_APOSTROPHES):
            if c.isspace():
                if lang == "zh" or not out or out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            origin.append(i)
    return "".join(out), origin


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_run_wise_folding_equals_per_character_folding(lang: str) -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from extractor.claims.catalog import _normalize

    alphabet = st.sampled_from(list("ab Z9.,'’ \n\t\u3000（）％ＡＢ１２纳指涨跌ｆ\u00a0ﬁ-"))

    @given(st.text(alphabet, max_size=40))
    def check(text: str) -> None:
        assert _normalize(text, lang) == _normalize_char_by_char(text, lang)

    check()
    seed = SEED.read_text(encoding="utf-8")
    assert _normalize(seed, lang) == _normalize_char_by_char(seed, lang)
