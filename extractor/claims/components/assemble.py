"""Component ``newsclaims_claims``: turn figures, subjects, dates and sources into claims.

Per sentence, each quantity gets a role from the cue words before and after it (a move,
a level, a points change, a starting level, or a plain statistic), is attached to the
subject it is about (a catalog hit in its own clause, else the subject the sentence is
already talking about), and figures about one subject are grouped into ONE move claim
("fell 52.31 points, or 2.30 percent, to 2,220.50"). Both languages share this code;
only the data under ``models/lang/<lang>/`` differs.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor.claims.catalog import get_catalog
from extractor.claims.components.dates import parse_anchor
from extractor.claims.lexicon import Lexicon, lexicon
from extractor.claims.record import Claim
from extractor.claims.session import LEAD_CHARS, clamp_to_publication, session_date
from extractor.nlp.gated import compile_gated
from extractor.nlp.pipeline import sentences_of, text_of
from extractor.numbers import BP, MONEY, PERCENT, PERCENTILE, POINTS, PP, parse_number
from extractor.resources import lang_data

KIND_OF = {"index": "index_move", "sector": "sector_move", "asset": "asset_move"}
HEADING_RE = re.compile(r"^[^\n]{1,40}[:：][ \t]*$", re.M)  # a short line ending in a colon
HEADING_REACH = 600
LEAD_WORDS = re.compile(r"[^\d$€£¥]*")  # the qualifier words a figure's text starts with ("above $940")
MOVE_KINDS = frozenset(KIND_OF.values())
TRAILING_REACH = 40  # characters an attribution may stand from the sentence end to cover what precedes it
PRONOUN_REACH = 1200  # characters back to look for what "the index" / "its shares" refers to
REF_RE = re.compile(r"\[(\d{1,3})\]")
NEXT_REF_RE = re.compile(r"\s*\[(\d{1,3})\]")
NEWLINE_RE = re.compile("\n")
GAP_REACH = 60  # characters between a move figure and a bare percent that shares its verb
PRICE_LEVEL_MAX = 1e8  # a money figure this large ("高达7000亿美元") is an amount, never a price to close at


@dataclass(frozen=True)
class Clauses:
    delimiters: re.Pattern
    list_joiners: re.Pattern
    respectively: re.Pattern
    continuation: re.Pattern
    counters: re.Pattern
    distributive: re.Pattern
    threshold_after: re.Pattern
    currency_first: re.Pattern
    implicit_money: dict | None
    refs_gap: re.Pattern
    windows: tuple[tuple[re.Pattern, str], ...]
    gapped: re.Pattern | None  # the joiner before a figure that shares the previous figure's verb


@cache
def clauses(lang: str) -> Clauses:
    data = lang_data(lang, "clauses")
    flags = re.IGNORECASE if lang == "en" else 0
    windows = tuple((compile_gated(w["pattern"], flags), w["window"]) for w in lang_data(lang, "periods")["windows"])
    return Clauses(
        compile_gated(data["delimiters"], flags), compile_gated(data["list_joiners"], flags),
        compile_gated(data["respectively"], flags), compile_gated(data["continuation"] + r"$", flags),
        compile_gated(data["counters"], flags),
        compile_gated(data.get("distributive", "(?!x)x"), flags),
        compile_gated(data.get("threshold_after", "(?!x)x"), flags),
        compile_gated(data.get("currency_first", "(?!x)x"), flags),
        ({"scale": compile_gated(data["implicit_money"]["scale"]), "context": compile_gated(
            data["implicit_money"]["context"], flags), "currency": data["implicit_money"]["currency"]}
         if data.get("implicit_money") else None),
        compile_gated(data["refs_gap"]), windows,
        compile_gated(data["gapped"], flags) if data.get("gapped") else None,
    )


@dataclass
class Subject:
    kind: str  # index, sector, asset
    id: str
    text: str
    start: int
    end: int


@dataclass
class Figure:
    """A quantity with the role the words around it give it."""

    q: object
    role: str  # pct, level, abs, from, percentile, money, percent, none
    sign: int
    cue_start: int
    cue_text: str = ""
    subjects: list[Subject] = field(default_factory=list)
    subject_hint: Subject | None = None


@dataclass
class Group:
    subject: Subject
    figures: list[Figure] = field(default_factory=list)
    slots: dict = field(default_factory=dict)


def restated_sources(claims: list[Claim]) -> None:
    """A move stated again without attribution ("Russell 2000指数大涨3.5%" in a closing summary)
    keeps the source it had where the article first reported it: same subject, same figures."""
    first: dict[tuple, Claim] = {}
    for c in claims:
        if c.kind not in MOVE_KINDS or not c.subject:
            continue
        key = (c.kind, c.subject, c.change_pct, c.change_pct_low, c.change_pct_high, c.level, c.change_abs, c.period)
        if key[2:7] == (None,) * 5:
            continue
        earlier = first.setdefault(key, c)
        if earlier is not c and c.source is None and earlier.source is not None:
            c.source, c.source_text = earlier.source, earlier.source_text


class Assembler:
    """Builds the claims of one document. One instance per ``Doc``."""

    def __init__(self, doc: Doc, lang: str):
        self.doc = doc
        self.text = text_of(doc)
        self.lang = lang
        self.lx: Lexicon = lexicon(lang)
        self.cl = clauses(lang)
        self.meta = doc._.meta or {}
        self.mentions = doc._.mentions or []
        self.promoted = self._traded_institutions()
        self.subject_mentions = sorted([m for m in self.mentions if m.kind in KIND_OF] + list(self.promoted.values()),
                                       key=lambda m: (m.start, -m.end))
        self.dual = self._dual_mentions()
        self.sub_starts = [m.start for m in self.subject_mentions]
        ref = self.lx.dates.get("reference_before")
        self.dates = [d for d in (doc._.dates or []) if d.date and not (
            ref is not None and ref.search(self.text, max(0, d.start - 30), d.start))]
        self.headings = [(m.start(), m.end()) for m in HEADING_RE.finditer(self.text)]
        self.date_starts = [d.start for d in self.dates]
        self.sources = doc._.sources or []
        self.references = {r["n"] if isinstance(r, dict) else r.n: r for r in self.meta.get("references") or []}
        body_end = self.meta.get("body_end")
        self.body_end = body_end if body_end is not None else len(self.text)
        self.anchor = parse_anchor(self.meta.get("published"))
        self.newlines = [m.start() for m in NEWLINE_RE.finditer(self.text)]
        delims = [m.span() for m in self.cl.delimiters.finditer(self.text)]  # clause edges, found once
        self.delim_starts = [a for a, _ in delims]
        self.delim_ends = [b for _, b in delims]
        self._session_cache: dict = {}
        self._period_cache: dict[tuple[int, int], tuple[str, int | None]] = {}
        self._sentence_periods: dict[tuple[int, int], bool] = {}
        self.carried: tuple[str, str, int] | None = None  # (id, text, paragraph)
        self.carry_policy: dict = (lang_data(lang, "attribution") or {}).get("carry_policy") or {}
        self.doc_market = self._document_market()

    def _traded_institutions(self) -> dict:
        """"Shares of Citigroup", "JPMorgan shares": an institution named as a stock is an asset."""
        out = {}
        before, after = self.lx.topics.get("stock_of_before"), self.lx.topics.get("stock_after")
        if before is None and after is None:
            return out
        cat = get_catalog()
        for m in self.mentions:
            if m.kind != "institution":
                continue
            if (before is not None and before.search(self.text, max(0, m.start - 20), m.start)) or (
                    after is not None and after.match(self.text[m.end:m.end + 30])):
                hit = cat.resolve(m.text, self.lang, kind="asset")
                out[m] = Subject("asset", hit[1] if hit else m.id, m.text, m.start, m.end)
        return out

    def _dual_mentions(self) -> list:
        """Institutions that are also listed assets ("Schroders"): subjects inside a list."""
        out = []
        cat = get_catalog()
        for m in self.mentions:
            if m.kind == "institution" and m not in self.promoted:
                hit = cat.resolve(m.text, self.lang, kind="asset")
                if hit is not None:
                    out.append(Subject("asset", hit[1], m.text, m.start, m.end))
        return out

    def _document_market(self) -> str | None:
        """The market most index mentions belong to: sector boards are read in its terms."""
        counts: dict[str, int] = {}
        cat = get_catalog()
        for m in self.subject_mentions:
            if m.kind == "index":
                entry = cat.entry(m.id, "index")
                if entry is not None and entry.market:
                    counts[entry.market] = counts.get(entry.market, 0) + 1
        return max(sorted(counts), key=counts.get) if counts else None

    # ---- small text helpers -------------------------------------------------
    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos)

    def clause_start(self, sent_start: int, pos: int) -> int:
        """Where the clause holding ``pos`` begins: after the last delimiter before it."""
        i = bisect.bisect_right(self.delim_ends, pos) - 1
        return self.delim_ends[i] if i >= 0 and self.delim_starts[i] >= sent_start else sent_start

    def clause_end(self, pos: int, sent_end: int) -> int:
        """Where the clause holding ``pos`` ends: at the next delimiter, else the sentence end."""
        i = bisect.bisect_left(self.delim_starts, pos)
        if i < len(self.delim_starts) and self.delim_ends[i] <= sent_end:
            return self.delim_starts[i]
        return sent_end

    def has_topic(self, name: str, a: int, b: int) -> bool:
        pat = self.lx.topics.get(name)
        return bool(pat and a < b and pat.search(self.text, a, b))

    # ---- roles ---------------------------------------------------------------
    def cue(self, window_start: int, q) -> tuple[str, int, int, str]:
        """(kind, sign, cue_start, cue text) of the words just before ``q``."""
        window = self.text[window_start:q.start]
        lx = self.lx
        for kind, pat, sign in (("from", lx.from_before, 0), ("up", lx.up_before, 1),
                                ("down", lx.down_before, -1), ("neutral", lx.neutral_before, 0),
                                ("level", lx.level_before, 0)):
            m = pat.search(window)
            if m:
                return kind, sign, window_start + m.start(), m.group(0)
        return "", 0, q.start, ""

    def after_sign(self, q) -> int:
        tail = self.text[q.end:q.end + 16]
        if self.lx.up_after.search(tail):
            return 1
        if self.lx.down_after.search(tail):
            return -1
        return 0

    def role_of(self, q, prev_end: int) -> Figure:
        kind, sign, cue_start, cue_text = self.cue(prev_end, q)
        unit = q.unit
        if unit == PERCENTILE:
            return Figure(q, "percentile", 0, q.start)
        if unit in (PERCENT, PP, BP):
            if not sign:
                sign = self.after_sign(q)
            if not sign and kind == "" and unit in (PP, BP):
                window = self.text[prev_end:q.start]
                if self.lx.comparative_down.search(window):
                    sign = -1
                elif self.lx.comparative_up.search(window):
                    sign = 1
            moved = kind in ("up", "down", "neutral") or sign != 0 or q.sign != 0
            role = "pct" if unit == PERCENT and moved else "percent"
            if self.cl.threshold_after.match(self.text, q.end) or any(
                    self.cl.threshold_after.match(q.text, i) for i in range(1, len(q.text))):
                role = "percent"
            if kind == "level" or kind == "from":
                role = "percent"
            return Figure(q, role, sign, cue_start, cue_text)
        if unit == MONEY:
            too_big = q.value is not None and abs(q.value) >= PRICE_LEVEL_MAX
            if not too_big and (kind == "level" or (
                    not kind and q.bound and self.lx.level_before.search(LEAD_WORDS.match(q.text).group(0)))):
                # "to $34.18", "a high of $30"; "above $940" carries its cue inside the figure
                return Figure(q, "money_level", 0, cue_start, cue_text)
            if kind in ("up", "down"):
                return Figure(q, "money_abs", sign, cue_start, cue_text)
            return Figure(q, "money", 0, q.start)
        if unit is None and self.cl.counters.match(self.text, q.end):
            return Figure(q, "none", 0, q.start)
        if unit == POINTS or unit is None:
            if kind == "from":
                return Figure(q, "from", 0, cue_start, cue_text)
            if kind == "level":
                return Figure(q, "level", 0, cue_start, cue_text)
            if kind in ("up", "down") and unit == POINTS:
                return Figure(q, "abs", sign, cue_start, cue_text)
            if kind in ("up", "down") and unit is None and self.points_word(q):
                return Figure(q, "abs", sign, cue_start, cue_text)
            if unit == POINTS:
                return Figure(q, "level", 0, q.start)
        return Figure(q, "none", 0, q.start)

    def points_word(self, q) -> bool:
        return bool(re.match(r"\s*(?:points?|pts?)\b", self.text[q.end:q.end + 8], re.I))

    # ---- subjects ------------------------------------------------------------
    def mentions_in(self, a: int, b: int):
        i = bisect.bisect_left(self.sub_starts, a)
        out = []
        while i < len(self.subject_mentions) and self.subject_mentions[i].start < b:
            m = self.subject_mentions[i]
            if m.end <= b:
                out.append(m)
            i += 1
        return out

    def local_subjects(self, lp_start: int, lp_end: int, floor: int | None = None) -> list[Subject]:
        """The last mention in ``[lp_start, lp_end)`` plus the names listed right before it
        ("谷歌和Meta", "A, B and C"); the list may reach back to ``floor`` across clause
        delimiters, since a list's commas are not clause breaks."""
        found = self.mentions_in(lp_start if floor is None else min(floor, lp_start), lp_end)
        if not found or found[-1].start < lp_start:
            return []
        chain = [found[-1]]
        for m in reversed(found[:-1]):
            if m.end > chain[0].start:
                continue
            bridged = self.list_gap(m.end, chain[0].start)
            if bridged is None or m.kind != chain[0].kind:
                break
            if any(c.id == m.id for c in chain):  # "道琼工业指数 .DJI": one thing named twice
                chain[0] = m if len(m.text) > len(chain[0].text) else chain[0]
                continue
            chain[0:0] = [m, *bridged]
        return [Subject(m.kind, m.id, m.text, m.start, m.end) for m in chain]

    def list_gap(self, a: int, b: int) -> list | None:
        """None unless ``text[a:b]`` only joins list items; else the listed institutions that
        are also catalog assets standing in it ("M&S, Schroders, Polar Capital")."""
        if b - a > 60:
            return None
        if self.cl.list_joiners.match(self.text[a:b]):
            return []
        inner = [d for d in self.dual if a <= d.start and d.end <= b]
        if not inner:
            return None
        edges = [a, *[x for d in inner for x in (d.start, d.end)], b]
        if all(self.cl.list_joiners.match(self.text[edges[i]:edges[i + 1]]) for i in range(0, len(edges), 2)):
            return inner
        return None

    def unknown_subject(self, lp_start: int, lp_end: int) -> Subject | None:
        """A named thing the catalog lacks: treated as an asset when it looks like one."""
        phrase = self.text[lp_start:lp_end].strip(" \t\"'“”「」()（）,，:")
        if not phrase or len(phrase) > (40 if self.lang == "en" else 16):
            return None
        if self.lx.topics.get("pronoun") and self.lx.topics["pronoun"].search(phrase):
            return None
        if self.has_topic("percent_topic", lp_start, lp_end) or self.has_topic("not_a_name", lp_start, lp_end):
            return None
        kind = "asset"
        if self.has_topic("index_marker", lp_start, lp_end):
            kind = "index"
        elif self.has_topic("sector_marker", lp_start, lp_end) and not self.has_topic("asset_marker", lp_start, lp_end):
            kind = "sector"
        looks_named = self.has_topic("asset_marker", lp_start, lp_end) or (
            self.lang == "zh" and 2 <= len(phrase) <= 8) or (
            self.lang == "en" and bool(re.search(r"\b[A-Z][\w&.'-]+", phrase)))
        if not looks_named:
            return None
        ident = phrase.lower() if self.lang == "en" else phrase
        start = lp_start + self.text[lp_start:lp_end].find(phrase)
        return Subject(kind, ident, phrase, start, start + len(phrase))

    # ---- the sentence loop -----------------------------------------------------
    def run(self) -> list[Claim]:
        claims: list[Claim] = []
        # numbers inside names ("标普500", "Russell 2000") are part of the name, not figures
        m_starts = [m.start for m in self.mentions]

        def inside_name(q) -> bool:
            i = bisect.bisect_right(m_starts, q.start) - 1
            return any(self.mentions[j].end >= q.end for j in range(max(0, i - 2), i + 1))

        quantities = [q for q in (self.doc._.quantities or []) if q.start < self.body_end and not inside_name(q)]
        starts = [q.start for q in quantities]
        for s, e in sentences_of(self.doc):
            if s >= self.body_end:
                break
            i, j = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            claims.extend(self.sentence(s, min(e, self.body_end), quantities[i:j]))
        restated_sources(claims)
        return claims

    def sentence(self, s: int, e: int, qs) -> list[Claim]:
        figures: list[Figure] = []
        prev_end = s
        qs = self.shared_units(qs)
        for q in qs:
            figures.append(self.role_of(q, max(prev_end, self.clause_start(s, q.start))))
            prev_end = q.end
        last_subject: Subject | None = None
        prev_fig_end = s
        groups: list[Group] = []
        open_groups: dict[str, Group] = {}
        respectively_queue: list[Subject] = []
        plain: list[Figure] = []
        prev_fig: Figure | None = None
        prev_move: Figure | None = None  # the last move figure; counts ("in five sessions") do not end its reach
        for f in figures:
            subjects: list[Subject] = []
            if f.role == "percent":
                # "fell 52.31 points, or 2.30 percent": a bare percent right after a move figure;
                # "分别下跌5.3%和8.98%": the next name of a "respectively" list
                lead = prev_fig if prev_fig is not None and prev_fig.role != "none" else prev_move
                if lead is not None and lead.subjects and f.q.unit == PERCENT:
                    between = (lead.q.end, f.q.start)
                    if respectively_queue and self.cl.list_joiners.match(self.text[between[0]:between[1]]):
                        f.role, f.sign = "pct", lead.sign
                        subjects = [respectively_queue.pop(0)]
                    elif self.cl.continuation.match(self.text, *between):
                        f.role, f.sign = "pct", f.sign or lead.sign
                        subjects = lead.subjects[-1:]
                    else:
                        subjects = self.gapped_subject(lead, f)
                        if subjects:
                            f.role, f.sign = "pct", f.sign or lead.sign
            elif f.role == "level" and not f.cue_text and f.q.unit == POINTS and prev_fig is not None \
                    and prev_fig.role == "pct" and prev_fig.subjects \
                    and self.cl.continuation.match(self.text, prev_fig.q.end, f.q.start):
                # "slid 0.2%, or 98.60 points": the points restate the change, not a level
                f.role, f.sign = "abs", prev_fig.sign
                subjects = prev_fig.subjects[-1:]
            elif f.role in ("pct", "level", "abs", "from", "money_level", "money_abs"):
                lp_start = max(self.clause_start(s, f.cue_start), prev_fig_end, s)
                subjects = self.local_subjects(lp_start, f.cue_start, floor=max(prev_fig_end, s))
                if not subjects and respectively_queue and f.role == "pct":
                    subjects = [respectively_queue.pop(0)]
                elif len(subjects) > 1 and f.role == "pct" and self.cl.respectively.search(
                        self.text, f.q.end, min(e, max(self.clause_end(f.q.end, e) + 12, f.q.end + 40))):
                    respectively_queue = subjects[1:]
                    subjects = subjects[:1]
                if f.role == "pct" and self.has_topic("count_statement", self.clause_start(s, f.cue_start), f.cue_start):
                    subjects, f.role = [], "percent"
                if not subjects and f.role != "percent" and not self.has_topic("percent_topic", lp_start, f.cue_start):
                    subjects = self.fallback_subject(f, s, lp_start, last_subject)
            if subjects and f.role in ("pct", "level") and self.is_yield(subjects[-1]):
                f.role = "percent"
                f.subject_hint = subjects[-1]
                subjects = []
            if subjects and f.role in ("money_level", "money_abs") and subjects[-1].kind != "asset":
                subjects = []
            if subjects and f.role != "percent" and self.has_topic(
                    "percent_topic", max(subjects[-1].end, self.clause_start(s, f.cue_start)), f.cue_start):
                subjects = []
            prev_fig_end = f.q.end
            prev_fig = f
            if f.role == "pct" and subjects:
                prev_move = f
            if subjects:
                f.subjects = subjects
                last_subject = subjects[-1]
                for subj in subjects:
                    self.add_to_group(subj, f, groups, open_groups)
            elif f.role in ("pct", "percent", "money_level", "money_abs", "money", "percentile"):
                plain.append(f)
            elif f.role in ("none", "level") and f.q.unit is None and self.implicit_money(f, s):
                # "总成交额达6874亿": no subject takes the figure as a level, so it is an amount
                f.role = "money"
                plain.append(f)
        out: list[Claim] = []
        for g in groups:
            claim = self.move_claim(g, s, e)
            if claim is not None:
                out.append(claim)
        out.extend(self.record_claims(s, e, groups))
        for f in plain:
            claim = self.plain_claim(f, s, e)
            if claim is not None:
                out.append(claim)
        self.update_carry(s, e, moved=any(c.kind in MOVE_KINDS for c in out))
        out.sort(key=lambda c: (c.start, c.end))
        return out

    def fallback_subject(self, f: Figure, s: int, lp_start: int, last: Subject | None) -> list[Subject]:
        """No subject in the figure's own clause: the one the sentence talks about, else a
        named thing the catalog lacks."""
        if f.role in ("level", "from") and not f.cue_text:
            return []
        if f.cue_text and self.lx.statistic_cues.match(f.cue_text.strip()):
            return []
        near = self.mentions_in(s, f.cue_start)
        # "Shares of GM were the biggest weight on the Dow, falling 3.4%": not the Dow
        near = [m for m in near if not self.is_oblique(s, m)] or near
        pronoun = self.pronoun_subject(lp_start, f.cue_start)
        if pronoun is not None:  # "…on Microsoft, sending the company's shares up 1.7%"
            return [pronoun]
        if self.has_topic("index_pronoun", lp_start, f.cue_start):
            # "该指数" with no catalog index before it: the index named earlier in the sentence, never a sector
            named = self.index_named_before(s, lp_start)
            return [named] if named else []
        if not near and last is None:
            last = self.pronoun_subject(s, f.cue_start)
        if near and (last is None or near[-1].start >= last.start):
            m = near[-1]
            if self.cl.distributive.search(self.text, self.clause_start(s, f.cue_start), f.q.start):
                chain = self.local_subjects(self.clause_start(s, m.start), m.end)
                if len(chain) > 1:
                    return chain
            last = Subject(m.kind, m.id, m.text, m.start, m.end)
        if last is not None and not self.has_topic(
                "percent_topic", max(last.end, self.clause_start(s, f.cue_start)), f.q.start):
            return [last]
        if f.role == "pct":
            unknown = self.unknown_subject(lp_start, f.cue_start)
            return [unknown] if unknown else []
        return []

    def gapped_subject(self, lead: Figure, f: Figure) -> list[Subject]:
        """The verb of ``lead`` left out before a bare percent: "rose 5.70%, the Nasdaq 7.29% and the
        Dow 4.95%" (a name of its own right before the figure), "gained 5.35% in five sessions and
        14.52% so far this year" (the same subject, joined by "and")."""
        gap = self.text[lead.q.end:f.q.start]
        if len(gap) > GAP_REACH or self.cl.gapped is None:
            return []
        own = [m for m in self.mentions_in(lead.q.end, f.q.start) if m.kind in KIND_OF]
        if own:
            m = own[-1]
            if self.text[m.end:f.q.start].strip() or not self.cl.gapped.search(self.text, lead.q.end, m.start):
                return []
            return [Subject(m.kind, m.id, m.text, m.start, m.end)]
        return lead.subjects[-1:] if self.cl.gapped.search(gap) else []

    def index_named_before(self, s: int, pos: int) -> Subject | None:
        """The last index the catalog lacks named in ``[s, pos)`` ("中国稀土价格指数")."""
        pat = self.lx.topics.get("index_name")
        last = None
        for m in pat.finditer(self.text, s, pos) if pat else ():
            last = m
        if last is None:
            return None
        ident = last.group().lower() if self.lang == "en" else last.group()
        return Subject("index", ident, last.group(), last.start(), last.end())

    def is_oblique(self, s: int, m) -> bool:
        """A name after a preposition or inside a relative clause is not what the clause is about."""
        pat = self.lx.topics.get("oblique")
        return bool(pat and pat.search(self.text[self.clause_start(s, m.start):m.start]))

    def pronoun_subject(self, s: int, cue_start: int) -> Subject | None:
        """"The index, which slumped 45%", "Its shares plunged": the thing of that kind named last
        before the clause or sentence starting at ``s``."""
        head = self.text[s:cue_start]
        for kind in ("index", "sector", "asset"):
            pat = self.lx.topics.get(f"{kind}_pronoun")
            if pat is None or not pat.search(head):
                continue
            i = bisect.bisect_left(self.sub_starts, s) - 1
            while i >= 0 and s - self.subject_mentions[i].start < PRONOUN_REACH:
                m = self.subject_mentions[i]
                if m.kind == kind:
                    return Subject(m.kind, m.id, m.text, m.start, m.end)
                i -= 1
            return None
        return None

    def shared_units(self, qs: list) -> list:
        """"fell 2.4 and 2.5 percent": a bare number listed before a percent shares its unit."""
        out = list(qs)
        for i in range(len(out) - 2, -1, -1):
            q, nxt = out[i], out[i + 1]
            gap = self.text[q.end:nxt.start]
            if q.unit is None and q.value is not None and nxt.unit in (PERCENT, PP, BP) and gap.strip() \
                    and len(gap) < 8 and self.cl.list_joiners.match(gap):
                out[i] = dataclasses.replace(q, unit=nxt.unit)
        return out

    def is_yield(self, subj: Subject) -> bool:
        entry = get_catalog().entry(subj.id, subj.kind) if subj.kind == "asset" else None
        return entry is not None and entry.type == "yield"

    def implicit_money(self, f: Figure, s: int) -> bool:
        """"成交额达6874亿", "社融增量为3.67万亿,预期为2.89万亿": a scaled amount in a sentence about
        money, currency left unsaid."""
        implicit = self.cl.implicit_money
        if implicit is None or f.q.value is None or abs(f.q.value) < 1e4:
            return False
        if not implicit["scale"].search(f.q.text):
            return False
        return bool(implicit["context"].search(self.text, s, f.q.start))

    def add_to_group(self, subj: Subject, f: Figure, groups: list[Group], open_groups: dict) -> None:
        slot = {"pct": "pct", "level": "level", "money_level": "level", "abs": "abs",
                "money_abs": "abs", "from": "from"}[f.role]
        key = f"{subj.kind}:{subj.id}"
        g = open_groups.get(key)
        if g is None or slot in g.slots or (slot == "from" and g.slots):
            g = Group(subj)
            groups.append(g)
            open_groups[key] = g
        g.slots[slot] = f
        g.figures.append(f)

    # ---- claim building --------------------------------------------------------
    def names_period(self, s: int, e: int) -> bool:
        """Whether the sentence ``[s, e)`` holds any period cue (the windows inside it can only
        find one then)."""
        if (s, e) not in self._sentence_periods:
            self._sentence_periods[(s, e)] = bool(self.lx.any_period.search(self.text, s, e))
        return self._sentence_periods[(s, e)]

    def period_of(self, a: int, b: int) -> tuple[str, int | None]:
        """The period a clause states (``"1d"`` when none); figures of one clause ask alike."""
        found = self._period_cache.get((a, b))
        if found is None:
            found = self._period_cache[(a, b)] = self._period_of(a, b)
        return found

    def _period_of(self, a: int, b: int) -> tuple[str, int | None]:
        if not self.lx.any_period.search(self.text, a, b):
            return "1d", None
        for pat, period in self.lx.periods:
            m = pat.search(self.text, a, b)
            if m:
                if period == "year":  # "in 2008": the move of that calendar year
                    return "ytd", int(m.group(1))
                if period == "Nd":
                    n = parse_number(m.group(1)) if m.groups() else None
                    if n:
                        return f"{int(n)}d", None
                    continue
                return period, None
        return "1d", None

    def refs_after(self, pos: int, sent_end: int) -> list[int]:
        """The first run of citation markers after ``pos`` in the sentence ("[3][4]" → [3, 4])."""
        refs: list[int] = []
        m = REF_RE.search(self.text, pos, sent_end)
        while m:
            refs.append(int(m.group(1)))
            m = NEXT_REF_RE.match(self.text, m.end(), sent_end)
        return refs

    def source_for(self, pos: int, s: int, e: int, refs: list[int], move: bool) -> tuple[str | None, str | None]:
        hits = [h for h in self.sources if h.sent_start == s]
        if hits:
            before = [h for h in hits if h.start <= pos]
            if before:
                return before[-1].id, before[-1].text
            # a figure before the attribution takes it only when the attribution closes the sentence
            # ("…, Goldman said."), not "A rose 8% after La Stampa reported …"
            if not self.carry_policy.get("trailing_only") or e - hits[0].end <= TRAILING_REACH:
                return hits[0].id, hits[0].text
        for n in refs:
            ref = self.references.get(n)
            if ref is not None:
                pub = ref.get("publisher") if isinstance(ref, dict) else ref.publisher
                if pub:
                    hit = get_catalog().resolve(pub, self.lang, kind="institution")
                    return (hit[1] if hit else pub), pub
        if self.carried is not None:
            cid, ctext, para = self.carried
            if not move or (para == self.paragraph(s) and (
                    not self.carry_policy.get("moves_need_cue") or self.lx.carry.search(self.text[s:s + 12]))):
                return cid, ctext
        return None, None

    def update_carry(self, s: int, e: int, moved: bool = False) -> None:
        hits = [h for h in self.sources if h.sent_start == s]
        para = self.paragraph(s)
        cue = self.carried is not None and self.lx.carry.search(self.text[s:s + 12])
        if hits:
            self.carried = (hits[-1].id, hits[-1].text, para)
        elif self.carried is not None and not cue and (
                (moved and self.carry_policy.get("ends_on_move"))
                or (para != self.carried[2] and not self.carry_policy.get("across_paragraphs", True))):
            # market talk without attribution, or a new paragraph, ends the attribution
            self.carried = None
        elif self.carried is not None and para != self.carried[2] and not cue:
            # a new paragraph keeps the attribution only for non-move figures (see source_for)
            self.carried = (self.carried[0], self.carried[1], -1)

    def date_for(self, pos: int, s: int, e: int, market: str | None, session: bool) -> str | None:
        return clamp_to_publication(self._date_for(pos, s, e, market, session), self.meta.get("published"),
                                    market or self.doc_market)

    def last_in_paragraph(self, pos: int, wanted) -> str | None:
        """The date of the last mention before ``pos`` in its paragraph whose kind is ``wanted``."""
        i = bisect.bisect_left(self.date_starts, pos) - 1
        para = self.paragraph(pos)
        while i >= 0 and self.paragraph(self.dates[i].start) == para:
            if wanted(self.dates[i].kind):
                return self.dates[i].date
            i -= 1
        return None

    def _date_for(self, pos: int, s: int, e: int, market: str | None, session: bool) -> str | None:
        i = bisect.bisect_left(self.date_starts, s)
        in_sentence = []
        while i < len(self.dates) and self.dates[i].start < e:
            # a reporting period ("6月", "一季度") dates growth statistics ("同比增长8.6%"), not moves
            if self.dates[i].kind != "period" or (not session and self.has_topic("period_statistics", s, e)):
                in_sentence.append(self.dates[i])
            i += 1
        if in_sentence:
            before = [d for d in in_sentence if d.start <= pos]
            if before:
                return before[-1].date
            # a date after the figure dates it only from inside its clause: not "跌0.3%,周四曾触及…"
            if in_sentence[0].start < self.clause_end(pos, e):
                return in_sentence[0].date
        if not session:
            # statistics take the last "as of" date stated before them in their paragraph ("截至12月29日")
            return self.last_in_paragraph(pos, lambda kind: kind == "as_of")
        if self.meta.get("published_inferred") or not (self.meta.get("published") or self.meta.get("anchor")):
            # with nothing but the text to place the article in time (no publication date in its
            # metadata or a manifest), a date fixes only its own paragraph: the last one stated
            # before the figure there, or the lead's
            own = self.last_in_paragraph(pos, lambda kind: kind not in ("period", "as_of"))
            if own is not None:
                return own
            lead = next((d for d in self.dates if d.start < LEAD_CHARS), None)
            if lead is None or self.paragraph(lead.start) != self.paragraph(pos):
                return None
        key = market or ""
        if key not in self._session_cache:
            self._session_cache[key] = session_date(self.meta, self.lang, self.dates, market)
        return self._session_cache[key]

    def market_of(self, subj: Subject) -> str | None:
        entry = get_catalog().entry(subj.id, subj.kind)
        if entry is not None and entry.market:
            return entry.market
        return self.doc_market

    def move_claim(self, g: Group, s: int, e: int) -> Claim | None:
        slots = g.slots
        if not any(k in slots for k in ("pct", "level", "abs")):
            return None
        subj = g.subject
        kind = KIND_OF[subj.kind]
        if "pct" not in slots and "abs" not in slots and subj.kind == "sector":
            return None
        figs = sorted(g.figures, key=lambda f: f.q.start)
        first = min([f.cue_start for f in figs] + [subj.start if s <= subj.start < figs[0].q.start else figs[0].cue_start])
        end = figs[-1].q.end
        claim = Claim(doc_id=self.meta.get("doc_id", ""), lang=self.lang, kind=kind, text=self.text[first:end],
                      start=first, end=end, sentence=self.text[s:e].strip(), subject=subj.id,
                      subject_text=subj.text, doc_hash=self.meta.get("content_hash"))
        direction = 0
        for f in figs:
            if f.sign:
                direction = f.sign
        ctx_start = self.clause_start(s, first)
        ctx_end = self.clause_end(end, e)
        main = slots.get("pct") or figs[0]
        period, year = "1d", None
        if self.names_period(s, e):  # most sentences name no period: one search answers all windows
            # the figure's own clause speaks first ("年初以来下跌1.45%,5个交易日内下跌3.99%")
            period, year = self.period_of(self.clause_start(s, main.cue_start), self.clause_end(main.q.end, e))
            if period == "1d":
                period, year = self.period_of(ctx_start, ctx_end)
            if period == "1d":
                period, year = self.period_of(max(s, subj.start), ctx_end)
            if period == "1d":
                wide, _ = self.period_of(s, ctx_end)
                if wide in ("ytd", "qtd", "mtd", "wtd"):
                    period = wide
        if period == "1d":
            # "For the week:" above a list of moves
            i = bisect.bisect_right(self.headings, (s, s)) - 1
            if i >= 0 and s - self.headings[i][1] < HEADING_REACH:
                wide, _ = self.period_of(*self.headings[i])
                if wide in ("ytd", "qtd", "mtd", "wtd"):
                    period = wide
        claim.period = period
        claim.record_high = bool(self.lx.record_high.search(self.text, ctx_start, ctx_end))
        pct = slots.get("pct")
        if pct is not None:
            q = pct.q
            sign = pct.sign or direction or (q.sign if q.sign else 0)
            if not sign:
                sign = -1 if period == "from_peak" else 1
            if q.is_range:
                lo, hi = sorted((sign * abs(q.low), sign * abs(q.high)))
                claim.change_pct_low, claim.change_pct_high = lo, hi
            else:
                claim.change_pct = sign * abs(q.value) if q.sign == 0 or pct.sign else q.value
            claim.bound = q.bound
        lvl = slots.get("level")
        if lvl is not None and lvl.q.value is not None:
            claim.level = lvl.q.value
            if claim.bound is None and pct is None:
                claim.bound = lvl.q.bound
        ab = slots.get("abs")
        if ab is not None and ab.q.value is not None:
            sign = ab.sign or direction or 1
            claim.change_abs = sign * abs(ab.q.value)
        fr = slots.get("from")
        if fr is not None and fr.q.value is not None:
            claim.from_level = fr.q.value
        claim.approx = any(f.q.approx for f in figs)
        claim.refs = self.refs_after(end, e)
        claim.source, claim.source_text = self.source_for(first, s, e, claim.refs, move=True)
        claim.market = self.market_of(subj)
        claim.date = self.date_for(first, s, e, claim.market, session=True)
        if year is not None and self.anchor is not None and year < self.anchor.year:
            claim.date = f"{year}-12-31"  # "slumped 45 percent in 2008": that year's last session
        return claim

    def record_claims(self, s: int, e: int, groups: list[Group]) -> list[Claim]:
        out = []
        have = {(g.subject.kind, g.subject.id) for g in groups}
        for rec in self.lx.record_high.finditer(self.text, s, e):
            before = [m for m in self.mentions_in(self.clause_start(s, rec.start()), rec.start()) if m.kind == "index"]
            if not before:
                continue
            m = before[-1]
            if (m.kind, m.id) in have:
                continue
            have.add((m.kind, m.id))
            claim = Claim(doc_id=self.meta.get("doc_id", ""), lang=self.lang, kind=KIND_OF[m.kind],
                          text=self.text[m.start:rec.end()], start=m.start, end=rec.end(),
                          sentence=self.text[s:e].strip(), subject=m.id, subject_text=m.text,
                          doc_hash=self.meta.get("content_hash"), period="1d", record_high=True)
            claim.refs = self.refs_after(rec.end(), e)
            claim.source, claim.source_text = self.source_for(m.start, s, e, claim.refs, move=True)
            claim.date = self.date_for(m.start, s, e, self.market_of(Subject(m.kind, m.id, m.text, m.start, m.end)),
                                       session=True)
            out.append(claim)
        return out

    def plain_claim(self, f: Figure, s: int, e: int) -> Claim | None:
        q = f.q
        role = f.role
        if role in ("money_level", "money_abs"):
            role = "money"
        if role in ("pct", "percent"):
            kind = "percent"
        elif role in ("money", "percentile"):
            kind = role
        else:
            return None
        lp_start = self.clause_start(s, f.cue_start)
        start = min(f.cue_start, q.start)
        claim = Claim(doc_id=self.meta.get("doc_id", ""), lang=self.lang, kind=kind, text=self.text[start:q.end],
                      start=start, end=q.end, sentence=self.text[s:e].strip(),
                      doc_hash=self.meta.get("content_hash"), approx=q.approx, bound=q.bound)
        phrase = self.text[lp_start:start].strip(" ,，:：")
        claim.subject_text = phrase or None
        claim.subject = (phrase.lower()[:60] or None) if phrase else None
        if f.subject_hint is not None:
            claim.subject, claim.subject_text = f.subject_hint.id, f.subject_hint.text
        if kind == "percent":
            sign = f.sign or q.sign or 0
            if q.is_range:
                lo, hi = sorted(((sign or 1) * abs(q.low), (sign or 1) * abs(q.high)))
                claim.percent_low, claim.percent_high = lo, hi
            else:
                claim.percent = (sign * abs(q.value)) if sign else q.value
            claim.unit = q.unit
        elif kind == "money":
            claim.amount = q.value
            if q.is_range:
                claim.amount_low, claim.amount_high = sorted((q.low, q.high))
            claim.currency = q.currency
            if q.unit != MONEY:  # "成交额达6874亿": the currency the language leaves unsaid
                claim.currency = (self.cl.implicit_money or {}).get("currency")
            if q.unit == MONEY and not re.search(r"\d", q.text) and self.cl.currency_first.match(q.text):
                return None  # "人民币一改…": a currency word then a stray numeral, not an amount
        else:
            claim.percentile = q.value
            claim.window = self.window_of(lp_start, q.start)
        claim.refs = self.refs_after(q.end, e)
        claim.source, claim.source_text = self.source_for(start, s, e, claim.refs, move=False)
        market_figure = kind == "percent" and self.has_topic("market_percent", lp_start, q.end)
        claim.date = self.date_for(start, s, e, None, session=market_figure)
        return claim

    def window_of(self, a: int, b: int) -> str | None:
        best = None
        for pat, window in self.cl.windows:
            for m in pat.finditer(self.text, a, b):
                if best is None or m.start() > best[0]:
                    n = m.group(1) if m.groups() else None
                    value = parse_number(n) if n else None
                    w = window.replace("{n}", str(int(value))) if value else window
                    best = (m.start(), w)
        return best[1] if best else None


@Language.factory("newsclaims_claims")
def make_assembler(nlp: Language, name: str):
    lang = nlp.lang

    def assemble(doc: Doc) -> Doc:
        doc._.claims = Assembler(doc, lang).run()
        return doc

    return assemble
