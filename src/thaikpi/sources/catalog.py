"""KPI 6 from an agency's data catalog (CKAN with the thai-gdc extension).

Per dataset: which of the 14 mandatory metadata items are missing, whether a resource is in an
open format, whether the central GD Catalog has it. Then the two shares and, through the
engine's own result reading and scoring, the level the template's conditions give them.

The shares' denominator is every public, active dataset of the agency's catalog; a dataset
counts toward a share only when all 14 items are filled in (the template's condition: "a
dataset without the 14 items is not counted"), so a missing item lowers both shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any, Final

import yaml

from thaikpi.engine.findings import EngineError
from thaikpi.engine.model import Kpi, MeasureKind, Scorecard, Text
from thaikpi.engine.numbers import CONTEXT, HUNDRED, Rounding, RoundingMode, apply
from thaikpi.engine.results import read_result
from thaikpi.engine.scoring import KpiScore, score_kpi
from thaikpi.sources.ckan import Dataset

# Truncated, never rounded up: 99.996 % of datasets is not 100 %, and 100 is a level's threshold.
SHARE_ROUNDING: Final = Rounding(2, RoundingMode.TRUNCATE)
QUALITY_INPUT: Final = "quality_pct"
REGISTERED_INPUT: Final = "registered_pct"


@dataclass(frozen=True, slots=True)
class Item:
    """A mandatory metadata item of the thai-gdc dataset schema, named in Thai and English."""

    field: str
    th: str
    en: str


# The 14 mandatory items (DGA's mandatory metadata), as the thai-gdc schema names its fields.
MANDATORY: Final = (
    Item("data_type", "ประเภทชุดข้อมูล", "dataset type"),
    Item("title", "ชื่อชุดข้อมูล", "title"),
    Item("owner_org", "องค์กร (หน่วยงานเจ้าของข้อมูล)", "organisation"),
    Item("maintainer", "ชื่อผู้ติดต่อ", "contact name"),
    Item("maintainer_email", "อีเมลผู้ติดต่อ", "contact e-mail"),
    Item("tag_string", "คำสำคัญ (tags)", "keywords (tags)"),
    Item("notes", "รายละเอียด", "description"),
    Item("objective", "วัตถุประสงค์", "objective"),
    Item("update_frequency_unit", "ความถี่ในการปรับปรุงข้อมูล", "update frequency"),
    Item("geo_coverage", "ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่", "geographic coverage"),
    Item("data_source", "แหล่งที่มา", "data source"),
    Item("data_format", "รูปแบบการเก็บข้อมูล", "data format"),
    Item("data_category", "หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูล", "data category"),
    Item("license_id", "สัญญาอนุญาต", "licence"),
)

# Update-frequency units that repeat, and so need the interval ("every 3 months"); other units
# ("no update after collection", "other") stand alone.
PERIODIC_UNITS: Final = frozenset(
    {"วัน", "สัปดาห์", "เดือน", "ไตรมาส", "ครึ่งปี", "ปี", "day", "week", "month", "quarter", "year"}
)


class MatchRule(str, Enum):
    """How a dataset is known to be registered in the central GD Catalog."""

    NAME = "name"  # the same CKAN name (URL slug)
    URL = "url"  # the central entry's source URL, or a resource URL, is one of the agency's


class QualityRule(str, Enum):
    """When a dataset's resources meet the open-format standard."""

    ANY = "any"  # at least one resource in an open format (a PDF beside a CSV is fine)
    ALL = "all"  # every resource in an open format


@dataclass(frozen=True, slots=True)
class OpenFormats:
    """The open formats (upper case), other spellings of them, and where the list comes from."""

    formats: frozenset[str]
    aliases: Mapping[str, str]
    source: Text

    def normalise(self, fmt: str) -> str:
        """'.csv ' → 'CSV'; 'text/csv' → 'CSV'."""
        key = fmt.strip().lstrip(".").upper()
        return self.aliases.get(key, key)

    def is_open(self, fmt: str) -> bool:
        """True when the format is on the list."""
        return self.normalise(fmt) in self.formats


@cache
def shipped_open_formats() -> OpenFormats:
    """The open-format list shipped in sources/open_formats.yaml (see its source there)."""
    text = resources.files("thaikpi.sources").joinpath("open_formats.yaml").read_text("utf-8")
    return open_formats_from(yaml.safe_load(text))


def open_formats_from(data: Mapping[str, Any]) -> OpenFormats:
    """An OpenFormats from the YAML mapping (``open``, ``aliases``, ``source``)."""
    source = data.get("source") or {}
    return OpenFormats(
        frozenset(str(f).upper() for f in data.get("open") or ()),
        {str(k).upper(): str(v).upper() for k, v in (data.get("aliases") or {}).items()},
        Text(str(source.get("th", "")).strip(), str(source.get("en", "")).strip()),
    )


@dataclass(frozen=True, slots=True)
class Rules:
    """The stated rules of a check: matching, quality, and the open-format list."""

    match: MatchRule = MatchRule.NAME
    quality: QualityRule = QualityRule.ANY
    formats: OpenFormats | None = None

    @property
    def open_formats(self) -> OpenFormats:
        """The list in force: the one given, else the shipped one."""
        return self.formats or shipped_open_formats()


@dataclass(frozen=True, slots=True)
class DatasetCheck:
    """One dataset of the agency's catalog, checked."""

    name: str
    title: str
    line: int | None
    missing: tuple[Item, ...]
    formats: tuple[str, ...]  # each resource's format, normalised ('' when none is given)
    open: bool
    registered: bool

    @property
    def complete(self) -> bool:
        """All 14 mandatory items filled in."""
        return not self.missing

    @property
    def counted(self) -> bool:
        """Counted toward the shares (the template's 14-items condition)."""
        return self.complete

    def problems(self) -> list[tuple[str, str]]:
        """What to fix, as (English, Thai) sentences; empty when nothing is."""
        found: list[tuple[str, str]] = []
        if self.missing:
            found.append(
                (
                    "missing metadata: " + ", ".join(i.en for i in self.missing),
                    "คำอธิบายข้อมูลที่ยังขาด: " + ", ".join(i.th for i in self.missing),
                )
            )
        if not self.formats:
            found.append(("no resource (file or API)", "ไม่มีทรัพยากรข้อมูล (ไฟล์หรือ API)"))
        elif not self.open:
            shown = ", ".join(f or "?" for f in self.formats)
            found.append(
                (
                    f"not in an open format ({shown}): add CSV, JSON, XML or an API",
                    f"ไม่อยู่ในรูปแบบเปิด ({shown}): เพิ่มไฟล์ CSV, JSON, XML หรือ API",
                )
            )
        if not self.registered:
            found.append(
                (
                    "not registered in the GD Catalog",
                    "ยังไม่ได้ลงทะเบียนในระบบบัญชีข้อมูลภาครัฐ (GD Catalog)",
                )
            )
        return found


@dataclass(frozen=True, slots=True)
class CatalogCheck:
    """The agency's catalog checked: per dataset, the counts and the two exact shares."""

    datasets: tuple[DatasetCheck, ...]
    quality_exact: Decimal
    registered_exact: Decimal
    rules: Rules

    @property
    def total(self) -> int:
        """How many public datasets the agency's catalog has."""
        return len(self.datasets)

    @property
    def counted(self) -> int:
        """How many of them have all 14 mandatory items."""
        return sum(1 for d in self.datasets if d.counted)

    @property
    def quality_pct(self) -> Decimal:
        """The quality share at 2 places, truncated."""
        return apply(self.quality_exact, SHARE_ROUNDING)

    @property
    def registered_pct(self) -> Decimal:
        """The registered share at 2 places, truncated."""
        return apply(self.registered_exact, SHARE_ROUNDING)


def filled(value: object) -> bool:
    """True for a non-blank text, a non-empty list or mapping, a number; False for nothing."""
    if value is None or isinstance(value, bool):
        return value is True
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return any(filled(v) for v in value)
    if isinstance(value, dict):
        return bool(value)
    return True


def _has(data: Mapping[str, Any], item: Item) -> bool:
    field = item.field
    if field == "tag_string":
        tags = data.get("tags") or []
        return filled(data.get("tag_string")) or any(filled(t.get("name")) for t in tags)
    if field == "owner_org":
        org = data.get("organization")
        return filled(data.get("owner_org")) or (isinstance(org, dict) and filled(org.get("name")))
    if field == "update_frequency_unit":
        unit = data.get("update_frequency_unit")
        if not filled(unit):
            return False
        return str(unit).strip().lower() not in PERIODIC_UNITS or _positive(
            data.get("update_frequency_interval")
        )
    return filled(data.get(field))


def _positive(value: object) -> bool:
    """An interval such as 1 or "3" (a whole number above 0)."""
    text = str(value).strip() if value is not None else ""
    return text.isdigit() and int(text) > 0


def missing_items(data: Mapping[str, Any]) -> tuple[Item, ...]:
    """The mandatory items a dataset leaves missing or empty, in the schema's order."""
    return tuple(item for item in MANDATORY if not _has(data, item))


def public(datasets: Iterable[Dataset]) -> list[Dataset]:
    """The datasets that are published: not private, not deleted, not a draft."""
    return [
        d
        for d in datasets
        if d.data.get("private") is not True and d.data.get("state", "active") == "active"
    ]


def _urls(data: Mapping[str, Any]) -> set[str]:
    found = {data.get("url")} | {r.get("url") for r in data.get("resources") or ()}
    return {_url_key(u) for u in found if isinstance(u, str) and u.strip()}


def _url_key(url: str) -> str:
    """A URL compared loosely: no scheme, lower-case host, no trailing slash."""
    bare = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE).rstrip("/")
    host, _, path = bare.partition("/")
    return f"{host.lower()}/{path}"


def _central_index(central: Iterable[Dataset], rule: MatchRule) -> set[str]:
    if rule is MatchRule.NAME:
        return {d.name.strip().lower() for d in central}
    return {u for d in central for u in _urls(d.data)}


def _registered(data: Mapping[str, Any], index: set[str], rule: MatchRule) -> bool:
    if rule is MatchRule.NAME:
        return str(data.get("name", "")).strip().lower() in index
    return bool(_urls(data) & index)


def _is_open(formats: Sequence[str], rules: Rules) -> bool:
    if not formats:
        return False
    verdicts = [rules.open_formats.is_open(f) for f in formats]
    return all(verdicts) if rules.quality is QualityRule.ALL else any(verdicts)


def check_dataset(dataset: Dataset, index: set[str], rules: Rules) -> DatasetCheck:
    """One dataset's missing items, formats, openness and registration."""
    data = dataset.data
    formats = tuple(
        rules.open_formats.normalise(str(r.get("format") or ""))
        for r in data.get("resources") or ()
    )
    return DatasetCheck(
        name=dataset.name,
        title=str(data.get("title") or ""),
        line=dataset.line,
        missing=missing_items(data),
        formats=formats,
        open=_is_open(formats, rules),
        registered=_registered(data, index, rules.match),
    )


def _share(part: int, whole: int) -> Decimal:
    return CONTEXT.divide(CONTEXT.multiply(Decimal(part), HUNDRED), Decimal(whole))


def check_catalog(
    agency: Iterable[Dataset], central: Iterable[Dataset], rules: Rules | None = None
) -> CatalogCheck:
    """Check the agency's public datasets against the central catalog; EngineError if none."""
    rules = rules or Rules()
    mine = public(agency)
    if not mine:
        raise EngineError.single(
            "the agency's catalog has no public dataset to count",
            "บัญชีข้อมูลของหน่วยงานไม่มีชุดข้อมูลสาธารณะให้นับ",
        )
    index = _central_index(public(central), rules.match)
    checks = tuple(check_dataset(d, index, rules) for d in mine)
    quality = sum(1 for c in checks if c.counted and c.open)
    registered = sum(1 for c in checks if c.counted and c.registered)
    return CatalogCheck(
        checks, _share(quality, len(checks)), _share(registered, len(checks)), rules
    )


@dataclass(frozen=True, slots=True)
class Group:
    """A dataset-count group the template names ('กลุ่มที่ 1: 1 ถึง 25 ชุดข้อมูล')."""

    number: int
    low: int
    high: int | None  # None: "or more"


@dataclass(frozen=True, slots=True)
class CatalogScore:
    """The catalog check scored: the inputs fed to the engine, its score, the count group."""

    check: CatalogCheck
    kpi_id: str
    round_no: int
    inputs: Mapping[str, Decimal]
    score: KpiScore
    groups: tuple[Group, ...]
    group: Group | None

    @property
    def level(self) -> Decimal:
        """The level reached (0, 50, 75 or 100)."""
        return self.score.level or Decimal(0)


_GROUP = re.compile(
    r"(?:กลุ่มที่|group)\s*(\d+)\s*:?\s*(\d[\d,]*)\s*(?:(?:ถึง|to|-|–)\s*(\d[\d,]*)|(ขึ้นไป|or more))?",
    re.IGNORECASE,
)


def groups_of(text: Text | None) -> tuple[Group, ...]:
    """The dataset-count groups a round's ``groups`` text states (Thai first, else English)."""
    found: list[Group] = []
    for source in (text.th, text.en) if text else ():
        for m in _GROUP.finditer(source):
            high = None if m.group(4) or not m.group(3) else int(m.group(3).replace(",", ""))
            found.append(Group(int(m.group(1)), int(m.group(2).replace(",", "")), high))
        if found:
            break
    return tuple(found)


def group_for(count: int, groups: Sequence[Group]) -> Group | None:
    """The group whose range holds ``count``, if any."""
    return next((g for g in groups if g.low <= count and (g.high is None or count <= g.high)), None)


def conditions_round(kpi: Kpi, round_no: int | None = None) -> int:
    """The round to score: the one given, else the last round the KPI's conditions assess."""
    assessed = [
        n
        for n, r in sorted(kpi.rounds.items())
        if r.assessed and r.measure.kind is MeasureKind.CONDITIONS
    ]
    if round_no is not None:
        return round_no
    if not assessed:
        raise EngineError.single(
            f"KPI {kpi.id} is not measured by conditions on {QUALITY_INPUT} and "
            f"{REGISTERED_INPUT} in any round",
            f"ตัวชี้วัด {kpi.id} ไม่ได้วัดด้วยเงื่อนไขของ {QUALITY_INPUT} และ {REGISTERED_INPUT} ในรอบใด",
            kpi=kpi.id,
        )
    return assessed[-1]


def inputs_of(check: CatalogCheck) -> dict[str, Decimal]:
    """The raw result the engine reads for the KPI: the two shares."""
    return {QUALITY_INPUT: check.quality_pct, REGISTERED_INPUT: check.registered_pct}


def score_catalog(
    scorecard: Scorecard, kpi_id: str, check: CatalogCheck, round_no: int | None = None
) -> CatalogScore:
    """Feed the two shares to the engine's normal result reading and scoring for the KPI."""
    kpi = scorecard.kpi(kpi_id)
    if kpi is None:
        raise EngineError.single(
            f"the template has no KPI {kpi_id}", f"แม่แบบไม่มีตัวชี้วัด {kpi_id}", kpi=kpi_id
        )
    number = conditions_round(kpi, round_no)
    inputs = inputs_of(check)
    result = read_result(kpi, number, inputs)
    score = score_kpi(kpi, number, result, scorecard.scoring)
    kpi_round = kpi.round(number)
    groups = groups_of(kpi_round.groups if kpi_round else None)
    return CatalogScore(
        check, kpi_id, number, inputs, score, groups, group_for(check.total, groups)
    )


def as_dict(scored: CatalogScore) -> dict[str, Any]:
    """The stable JSON shape of ``thaikpi catalog --json`` (see docs/sources.md)."""
    check = scored.check
    group = scored.group
    return {
        "kpi": scored.kpi_id,
        "round": scored.round_no,
        "datasets": [
            {
                "name": d.name,
                "title": d.title,
                "line": d.line,
                "missing": [i.field for i in d.missing],
                "formats": list(d.formats),
                "open": d.open,
                "registered": d.registered,
                "counted": d.counted,
                "problems": [{"en": en, "th": th} for en, th in d.problems()],
            }
            for d in check.datasets
        ],
        "total": check.total,
        "counted": check.counted,
        "quality_pct": str(check.quality_pct),
        "registered_pct": str(check.registered_pct),
        "level": str(scored.level),
        "score": str(scored.score.score),
        "explanation": scored.score.explanation,
        "explanation_th": scored.score.explanation_th,
        "group": None
        if group is None
        else {"number": group.number, "low": group.low, "high": group.high},
        "rules": {
            "match": check.rules.match.value,
            "quality": check.rules.quality.value,
            "open_formats": sorted(check.rules.open_formats.formats),
        },
    }


def compute(
    scorecard: Scorecard,
    kpi_id: str,
    agency: Iterable[Dataset],
    central: Iterable[Dataset],
    rules: Rules | None = None,
    round_no: int | None = None,
) -> CatalogScore:
    """Check the agency's catalog against the central one and score the KPI from it."""
    return score_catalog(scorecard, kpi_id, check_catalog(agency, central, rules), round_no)
