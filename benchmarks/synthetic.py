"""Synthetic report folders in the real raw format, for benchmarks only.

`write_reports(raw_dir, years, municipalities)` writes one folder `arsredovisning-<year>`
per year, laid out like the real 2012 report: the same tables, table ids and line ids,
numbers in Swedish format. Every figure comes from one deterministic model of the
federation's year (`YearModel`), so each report's comparison column equals the previous
report's figures and every total, note, carried-over balance and text figure adds up:
the reconciliations, dbt tests and Great Expectations suites accept them.

The first ten municipalities are the real ones of dbt/seeds/municipalities.csv; more are
synthetic (`Syntetisk kommun 9010` ...) and need the seed extension written by
`write_seed_extension`, which the benchmarks hand to dbt through SJUHARAD_DBT_SEEDS.
Never point this at raw/: the generator refuses a folder that holds real reports.
"""

import csv
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dagster_project import paths
from dagster_project.raw_format.specs import VISIT_CATEGORIES

SYNTHETIC_CODE_START = 9000
SEEDS_VARIABLE = "SJUHARAD_DBT_SEEDS"
# Inside the dbt project (dbt writes compiled seed tests under the seed folder's relative
# path) and inside target/, which git ignores.
SEED_EXTENSION = Path("target") / "benchmark_seeds"
MC_OUTCOMES = (
    "Ny tjänst samma kommun",
    "Ny tjänst annan kommun",
    "Ny tjänst externt",
    "Studier",
    "Arbete + studier",
    "Starta eget",
    "Arbete + starta eget",
)
MC_COLUMNS = 6
MEMBER_RATE_KR = 70
ADJOINED_RATE_KR = 11
STATEMENT_HEADER = "line_id;label;line_kind;part_of;note;amount_current;amount_prior"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county_name: str
    membership: str

    @property
    def line_id(self) -> str:
        return "kommun_" + self.code


def real_municipalities() -> list[Municipality]:
    with open(paths.dbt_project_dir() / "seeds" / "municipalities.csv", encoding="utf-8", newline="") as file:
        return [
            Municipality(
                row["municipality_code"],
                row["name_in_report"],
                row["county_code"],
                row["county_name"],
                row["membership"],
            )
            for row in csv.DictReader(file)
        ]


def municipalities(count: int) -> list[Municipality]:
    """The real municipalities first, then synthetic members with codes 9010, 9011, ..."""
    real = real_municipalities()
    if count < len(real):
        raise ValueError(f"at least {len(real)} municipalities: the 2012 inference seed names real ones")
    synthetic = [
        Municipality(
            str(SYNTHETIC_CODE_START + number),
            f"Syntetisk kommun {SYNTHETIC_CODE_START + number}",
            "14",
            "Västra Götalands län",
            "member",
        )
        for number in range(len(real), count)
    ]
    return real + synthetic


def swedish(value: float | int | None) -> str:
    """A number as the report prints it: 15 861, -63 300, 10,7."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", " ")


class YearModel:
    """Every figure of one year; report Y prints YearModel(Y) and, for comparison, YearModel(Y - 1)."""

    def __init__(self, year: int, members: list[Municipality]):
        self.year = year
        self.members = members

    def fee(self, fee_type: str, index: int) -> int:
        y = self.year
        if fee_type == "forbundsbidrag":
            return 300 + (index * 37) % 900 + (y * 7 + index * 3) % 11
        if fee_type == "navet":
            return 100 + (index * 13) % 400 + (y + index) % 5
        return 50 + (index * 11) % 200 + (y + 2 * index) % 4

    def fee_total(self, fee_type: str) -> int:
        return sum(self.fee(fee_type, index) for index in range(len(self.members)))

    @cached_property
    def income(self) -> dict[str, int]:
        y = self.year
        return {
            "statsbidrag": 15000 + (y % 7) * 100,
            "bidrag_fran_regionen": 14000 + (y % 5) * 50,
            "eu_bidrag": 1000 + (y % 3) * 10,
            "forsaljning_mm": 8000 + (y % 4) * 20,
        }

    @cached_property
    def financial_income(self) -> dict[str, int]:
        return {"ranta_pa_bankkonton": 600 + (self.year % 5) * 10, "aktieutdelning": (self.year % 3) * 100}

    @cached_property
    def financial_costs(self) -> dict[str, int]:
        return {"ovrigt": 10 + self.year % 4}

    def fixed_assets(self) -> int:
        return 900 + 50 * (self.year % 4)

    investments = 400

    @property
    def depreciation(self) -> int:
        return self.fixed_assets() - YearModel(self.year - 1, self.members).fixed_assets() - self.investments

    def equity(self) -> int:
        return 6000 + 700 * (self.year % 2)

    @property
    def result(self) -> int:
        return self.equity() - YearModel(self.year - 1, self.members).equity()

    @cached_property
    def costs(self) -> dict[str, int]:
        """Material och tjänster is what makes the year's result come out as modelled."""
        y = self.year
        known = {"bidrag_till_projekt_verksamheter": 21000 + (y % 6) * 100, "personalkostnader": 23000 + (y % 5) * 70}
        revenue = (
            sum(self.income.values())
            + self.depreciation
            + sum(self.fee_total(t) for t in ("forbundsbidrag", "navet", "mc"))
            + sum(self.financial_income.values())
            - sum(self.financial_costs.values())
        )
        return {**known, "material_och_tjanster": revenue - self.result - sum(known.values())}

    @cached_property
    def receivables(self) -> dict[str, int]:
        y = self.year
        return {
            "kundfordringar": 2500 + (y % 5) * 50,
            "momsfordran": 700 + (y % 3) * 20,
            "interimsfordringar": 9000 + (y % 4) * 100,
        }

    @cached_property
    def short_term_debts(self) -> dict[str, int]:
        y = self.year
        return {
            "semesterloneskuld": 1300 + (y % 3) * 10,
            "interimsskulder": 14000 + (y % 5) * 100,
            "beslutade_projekt": 18000 + (y % 7) * 100,
            "pensioner_individuell_del": 1200,
            "leverantorsskulder": 6000 + (y % 4) * 100,
            "preliminar_skatt": 400,
            "arbetsgivaravgift": 430,
            "ovrigt": 600,
        }

    pension_provision_base = 4000
    long_term_debt = 246
    securities = 512

    def pension_provision(self) -> int:
        return self.pension_provision_base + (self.year % 6) * 100

    def equity_and_liabilities(self) -> int:
        return self.equity() + self.pension_provision() + self.long_term_debt + sum(self.short_term_debts.values())

    def cash(self) -> int:
        return self.equity_and_liabilities() - self.fixed_assets() - self.securities - sum(self.receivables.values())

    def cash_in_hand(self) -> int:
        return 20 + self.year % 3

    def visits(self, index: int) -> dict[str, int]:
        y = self.year
        return {
            category: (37 * index + 11 * y + 5 * number) % 300 + 10 for number, category in enumerate(VISIT_CATEGORIES)
        }

    def other_visits(self) -> dict[str, int]:
        return {category: 2000 + (self.year * 3 + number * 7) % 500 for number, category in enumerate(VISIT_CATEGORIES)}

    def visit_rows(self) -> list[tuple[str, dict[str, int]]]:
        return [(m.name, self.visits(index)) for index, m in enumerate(self.members)] + [
            ("Övriga", self.other_visits())
        ]

    def visit_totals(self) -> dict[str, int]:
        return {category: sum(row[category] for _, row in self.visit_rows()) for category in VISIT_CATEGORIES}

    def mc_counts(self) -> dict[str, list[int]]:
        return {
            outcome: [(self.year + number * 3 + column * 5) % 9 for column in range(MC_COLUMNS)]
            for number, outcome in enumerate(MC_OUTCOMES)
        }


def _statement(lines: list[tuple]) -> str:
    rows = [STATEMENT_HEADER]
    for line_id, label, kind, part_of, note, current, prior in lines:
        rows.append(";".join([line_id, label, kind, part_of or "", str(note or ""), swedish(current), swedish(prior)]))
    return "\n".join(rows) + "\n"


def _items_with_total(current: dict[str, int], prior: dict[str, int], labels: dict[str, str] | None = None) -> str:
    labels = labels or {}
    lines = [
        (key, labels.get(key, key.replace("_", " ").capitalize()), "item", "summa", None, value, prior[key])
        for key, value in current.items()
    ]
    lines.append(("summa", "Summa", "total", None, None, sum(current.values()), sum(prior.values())))
    return _statement(lines)


def _fee_note(now: YearModel, before: YearModel, fee_type: str) -> str:
    lines = [
        (m.line_id, m.name, "item", "summa", None, now.fee(fee_type, i), before.fee(fee_type, i))
        for i, m in enumerate(now.members)
    ]
    lines.append(("summa", "Summa", "total", None, None, now.fee_total(fee_type), before.fee_total(fee_type)))
    return _statement(lines)


def _income_statement(now: YearModel, before: YearModel) -> str:
    def figures(model: YearModel) -> dict[str, int]:
        income, costs = sum(model.income.values()), sum(model.costs.values())
        net = income - costs + model.depreciation
        return {
            "verksamhetens_intakter": income,
            "verksamhetens_kostnader": -costs,
            "avskrivningar": model.depreciation,
            "verksamhetens_nettokostnader": net,
            "forbundsbidrag_kansli": model.fee_total("forbundsbidrag"),
            "medlemsavgifter_navet": model.fee_total("navet"),
            "medlemsavgifter_medarbetarcentrum": model.fee_total("mc"),
            "finansiella_intakter": sum(model.financial_income.values()),
            "finansiella_kostnader": -sum(model.financial_costs.values()),
            "resultat_fore_extraordinara_poster": model.result,
            "extraordinara_intakter": 0,
            "extraordinara_kostnader": 0,
            "arets_resultat": model.result,
        }

    layout = [
        ("verksamhetens_intakter", "Verksamhetens intäkter", "item", "verksamhetens_nettokostnader", 1),
        ("verksamhetens_kostnader", "Verksamhetens kostnader", "item", "verksamhetens_nettokostnader", 2),
        ("avskrivningar", "Avskrivningar", "item", "verksamhetens_nettokostnader", None),
        (
            "verksamhetens_nettokostnader",
            "Verksamhetens nettokostnader",
            "total",
            "resultat_fore_extraordinara_poster",
            None,
        ),
        ("forbundsbidrag_kansli", "Förbundsbidrag, Kansli", "item", "resultat_fore_extraordinara_poster", 3),
        ("medlemsavgifter_navet", "Medlemsavgifter, Navet", "item", "resultat_fore_extraordinara_poster", 4),
        (
            "medlemsavgifter_medarbetarcentrum",
            "Medlemsavgifter, Medarbetarcentrum",
            "item",
            "resultat_fore_extraordinara_poster",
            5,
        ),
        ("finansiella_intakter", "Finansiella intäkter", "item", "resultat_fore_extraordinara_poster", 6),
        ("finansiella_kostnader", "Finansiella kostnader", "item", "resultat_fore_extraordinara_poster", 7),
        ("resultat_fore_extraordinara_poster", "Resultat före extraordinära poster", "total", "arets_resultat", None),
        ("extraordinara_intakter", "Extraordinära intäkter", "item", "arets_resultat", None),
        ("extraordinara_kostnader", "Extraordinära kostnader", "item", "arets_resultat", None),
        ("arets_resultat", "Årets resultat", "total", None, None),
    ]
    current, prior = figures(now), figures(before)
    return _statement(
        [(key, label, kind, part_of, note, current[key], prior[key]) for key, label, kind, part_of, note in layout]
    )


def _balance_sheet(now: YearModel, before: YearModel) -> str:
    def figures(model: YearModel) -> dict[str, int | None]:
        fixed = model.fixed_assets() + model.securities
        current_assets = sum(model.receivables.values()) + model.cash()
        debts = model.long_term_debt + sum(model.short_term_debts.values())
        return {
            "anlaggningstillgangar": fixed,
            "maskiner_och_inventarier": model.fixed_assets(),
            "vardepapper": model.securities,
            "omsattningstillgangar": current_assets,
            "fordringar": sum(model.receivables.values()),
            "kassa_och_bank": model.cash(),
            "summa_tillgangar": fixed + current_assets,
            "eget_kapital": model.equity(),
            "darav_arets_resultat": model.result,
            "avsattningar": None,
            "avsattningar_for_pensioner": model.pension_provision(),
            "skulder": debts,
            "langfristiga_skulder": model.long_term_debt,
            "kortfristiga_skulder": sum(model.short_term_debts.values()),
            "summa_eget_kapital_avsattningar_och_skulder": model.equity_and_liabilities(),
        }

    total = "summa_eget_kapital_avsattningar_och_skulder"
    layout = [
        ("anlaggningstillgangar", "Anläggningstillgångar", "total", "summa_tillgangar", None),
        ("maskiner_och_inventarier", "Maskiner och inventarier", "item", "anlaggningstillgangar", 8),
        ("vardepapper", "Värdepapper", "item", "anlaggningstillgangar", 9),
        ("omsattningstillgangar", "Omsättningstillgångar", "total", "summa_tillgangar", None),
        ("fordringar", "Fordringar", "item", "omsattningstillgangar", 10),
        ("kassa_och_bank", "Kassa och bank", "item", "omsattningstillgangar", 11),
        ("summa_tillgangar", "Summa tillgångar", "total", None, None),
        ("eget_kapital", "Eget kapital", "item", total, 12),
        ("darav_arets_resultat", "Därav årets resultat", "memo", None, None),
        ("avsattningar", "Avsättningar", "heading", None, None),
        ("avsattningar_for_pensioner", "Avsättningar för pensioner", "item", total, 13),
        ("skulder", "Skulder", "total", total, None),
        ("langfristiga_skulder", "Långfristiga skulder", "item", "skulder", 14),
        ("kortfristiga_skulder", "Kortfristiga skulder", "item", "skulder", 15),
        (total, "Summa eget kapital, avsättningar och skulder", "total", None, None),
    ]
    current, prior = figures(now), figures(before)
    return _statement(
        [(key, label, kind, part_of, note, current[key], prior[key]) for key, label, kind, part_of, note in layout]
    )


def _notes(now: YearModel, before: YearModel) -> dict[str, tuple[int, str, str]]:
    """table_id -> (note number, title, CSV text)."""

    def cash(model: YearModel) -> dict[str, int]:
        return {"bankkonton": model.cash() - model.cash_in_hand(), "kontantkassa": model.cash_in_hand()}

    costs_lines = [
        (key, key.replace("_", " ").capitalize(), "item", "summa", None, value, before.costs[key])
        for key, value in now.costs.items()
    ]
    costs_lines.insert(
        2,
        (
            "varav_avgangsvederlag",
            "(varav avgångsvederlag)",
            "memo",
            None,
            None,
            now.year % 2 * 100,
            before.year % 2 * 100,
        ),
    )
    costs_lines.append(("summa", "Summa", "total", None, None, sum(now.costs.values()), sum(before.costs.values())))
    machines = [
        (
            "ingaende_balans",
            "Ingående balans",
            "item",
            "utgaende_balans",
            None,
            YearModel(now.year - 1, now.members).fixed_assets(),
            YearModel(before.year - 1, now.members).fixed_assets(),
        ),
        ("investeringar", "Investeringar", "item", "utgaende_balans", None, now.investments, before.investments),
        ("avskrivningar", "Avskrivningar", "item", "utgaende_balans", None, now.depreciation, before.depreciation),
        ("utgaende_balans", "Utgående balans", "total", None, None, now.fixed_assets(), before.fixed_assets()),
    ]
    equity = [
        (
            "ingaende_eget_kapital",
            "Ingående eget kapital",
            "item",
            "utgaende_eget_kapital",
            None,
            YearModel(now.year - 1, now.members).equity(),
            YearModel(before.year - 1, now.members).equity(),
        ),
        ("arets_resultat", "Årets resultat", "item", "utgaende_eget_kapital", None, now.result, before.result),
        ("utgaende_eget_kapital", "Utgående eget kapital", "total", None, None, now.equity(), before.equity()),
    ]

    def single(line_id: str, label: str, current: int, prior: int) -> str:
        return _statement([(line_id, label, "item", None, None, current, prior)])

    return {
        "not_verksamhetens_intakter": (1, "Verksamhetens intäkter", _items_with_total(now.income, before.income)),
        "not_verksamhetens_kostnader": (2, "Verksamhetens kostnader", _statement(costs_lines)),
        "not_forbundsbidrag_kansli": (3, "Förbundsbidrag, kansli", _fee_note(now, before, "forbundsbidrag")),
        "not_medlemsavgifter_navet": (4, "Medlemsavgifter, Navet", _fee_note(now, before, "navet")),
        "not_medlemsavgifter_medarbetarcentrum": (
            5,
            "Medlemsavgifter, Medarbetarcentrum",
            _fee_note(now, before, "mc"),
        ),
        "not_finansiella_intakter": (
            6,
            "Finansiella intäkter",
            _items_with_total(now.financial_income, before.financial_income),
        ),
        "not_finansiella_kostnader": (
            7,
            "Finansiella kostnader",
            _items_with_total(now.financial_costs, before.financial_costs),
        ),
        "not_maskiner_och_inventarier": (8, "Maskiner och inventarier", _statement(machines)),
        "not_vardepapper": (9, "Värdepapper", single("aktier", "Aktier", now.securities, before.securities)),
        "not_fordringar": (10, "Fordringar", _items_with_total(now.receivables, before.receivables)),
        "not_kassa_och_bank": (11, "Kassa och bank", _items_with_total(cash(now), cash(before))),
        "not_eget_kapital": (12, "Eget kapital", _statement(equity)),
        "not_avsattningar_for_pensioner": (
            13,
            "Avsättningar för pensioner",
            single(
                "pension_inkl_loneskatt", "Pension inkl löneskatt", now.pension_provision(), before.pension_provision()
            ),
        ),
        "not_langfristiga_skulder": (
            14,
            "Långfristiga skulder",
            single("investeringsbidrag_navet", "Investeringsbidrag Navet", now.long_term_debt, before.long_term_debt),
        ),
        "not_kortfristiga_skulder": (
            15,
            "Kortfristiga skulder",
            _items_with_total(now.short_term_debts, before.short_term_debts),
        ),
    }


def _visits_table(model: YearModel) -> str:
    rows = ["visitor_group;line_kind;" + ";".join(VISIT_CATEGORIES) + ";summa"]
    for group, counts in model.visit_rows():
        rows.append(
            ";".join([group, "item", *(swedish(counts[c]) for c in VISIT_CATEGORIES), swedish(sum(counts.values()))])
        )
    totals = model.visit_totals()
    rows.append(
        ";".join(["Samtliga", "total", *(swedish(totals[c]) for c in VISIT_CATEGORIES), swedish(sum(totals.values()))])
    )
    return "\n".join(rows) + "\n"


def _mc_positive_changes(model: YearModel) -> str:
    rows = ["outcome;line_kind;column_no;column_header;column_kind;count"]
    counts = model.mc_counts()
    column_totals = [sum(values[column] for values in counts.values()) for column in range(MC_COLUMNS)]
    for outcome, line_kind, values in [
        *((o, "item", v) for o, v in counts.items()),
        ("Totalt, kommun", "total", column_totals),
    ]:
        rows += [f"{outcome};{line_kind};{column + 1};;item;{value}" for column, value in enumerate(values)]
        rows.append(f"{outcome};{line_kind};{MC_COLUMNS + 1};Totalt;total;{sum(values)}")
    return "\n".join(rows) + "\n"


def _mc_case_statistics(model: YearModel) -> str:
    rows = ["measure;column_no;column_header;value"]
    for measure, factor in (("Antal individer", 7), ("Antal samtal/tillfällen", 13)):
        rows += [f"{measure};{column};;{(model.year * factor + column * 17) % 300}" for column in range(1, 11)]
    return "\n".join(rows) + "\n"


def _key_figures(now: YearModel, before: YearModel) -> str:
    y = now.year
    totals_now, totals_before = now.visit_totals(), before.visit_totals()
    mc_total = sum(sum(values) for values in now.mc_counts().values())
    office = now.result - 200
    figures = [
        (
            "arets_resultat_forbundet",
            "2.1 Övergripande",
            "Förbundet totalt redovisar ett resultat",
            y,
            now.result,
            "tkr",
        ),
        ("resultat_forbundskansliet", "2.1 Övergripande", "Förbundskansliets resultat", y, office, "tkr"),
        ("resultat_navet", "2.1 Övergripande", "Navets resultat", y, 100, "tkr"),
        ("resultat_medarbetarcentrum", "2.1 Övergripande", "Medarbetarcentrums resultat", y, 100, "tkr"),
        ("utgaende_eget_kapital", "2.1 Övergripande", "Utgående Eget Kapital", y, now.equity(), "tkr"),
        (
            "medlemsavgift_per_invanare",
            "2.1 Övergripande",
            "avgift från medlemskommunerna per invånare",
            y,
            MEMBER_RATE_KR,
            "kr/invånare",
        ),
        (
            "bidrag_per_invanare_adjungerade",
            "2.1 Övergripande",
            "bidraget för adjungerade kommuner",
            y,
            ADJOINED_RATE_KR,
            "kr/invånare",
        ),
        (
            "summa_medlemsbidrag",
            "2.1 Övergripande",
            "Summa medlemsbidrag till förbundet",
            y,
            now.fee_total("forbundsbidrag"),
            "tkr",
        ),
        (
            "navet_besokare",
            "Bilaga 1 Navet",
            "Navet har arbetat med barn, ungdomar och vuxna",
            y,
            sum(totals_now.values()),
            "personer",
        ),
        (
            "navet_besokare",
            "Bilaga 1 Navet",
            "att jämföra med året innan",
            y - 1,
            sum(totals_before.values()),
            "personer",
        ),
        (
            "navet_kompetensutveckling_deltagare",
            "Bilaga 1 Navet",
            "deltagare på kompetensutveckling",
            y,
            totals_now["kompetensutveckling_larare"],
            "deltagare",
        ),
        (
            "mc_positiv_forandring",
            "Bilaga 2 Medarbetarcentrum",
            "individer till positiv förändring",
            y,
            mc_total,
            "individer",
        ),
    ]
    rows = ["figure_id;section;label;year;value;unit;qualifier;as_printed"]
    rows += [
        f"{figure_id};{section};{label}: {swedish(value)} {unit};{year};{swedish(value)};{unit};;{swedish(value)} {unit}"
        for figure_id, section, label, year, value, unit in figures
    ]
    return "\n".join(rows) + "\n"


NAVET_STAFF = "role;line_kind;persons;fte\nPedagoger;item;11;10,7\nTekniker;item;4;3\nAdministration och ledare;item;2;2\nSumma;total;17;15,7\n"
MC_STAFF = "role;line_kind;persons;fte\nAdministration + verksamhetsledning;item;;1,0\nCoacher;item;;3,0\n"


def _goals(model: YearModel) -> str:
    rows = ["goal_no;planned;achieved;planned_value;achieved_value;value_unit"]
    for goal in range(1, 6):
        planned, achieved = 1000 * goal, 1000 * goal + (model.year * goal) % 700 - 300
        rows.append(
            f"{goal};Minst {swedish(planned)} elever;Genomfört {swedish(achieved)};{swedish(planned)};{swedish(achieved)};elever"
        )
    return "\n".join(rows) + "\n"


def report_files(year: int, members: list[Municipality]) -> dict[str, str]:
    """File name -> content of the report folder for `year`, the manifest included."""
    now, before = YearModel(year, members), YearModel(year - 1, members)
    tables = [
        ("resultatrakning", "statement", "Resultaträkning", None, None, _income_statement(now, before)),
        ("balansrakning", "statement", "Balansräkning", None, None, _balance_sheet(now, before)),
    ]
    tables += [
        (table_id, "statement", title, note, None, text)
        for table_id, (note, title, text) in _notes(now, before).items()
    ]
    tables += [
        ("navet_besok_ar", "navet_visits", f"Antal per kommun {year}", None, year, _visits_table(now)),
        (
            "navet_besok_foregaende_ar",
            "navet_visits",
            f"Antal per kommun {year - 1}",
            None,
            year - 1,
            _visits_table(before),
        ),
        ("navet_resultatmal", "navet_goals", "Resultatmål", None, None, _goals(now)),
        ("navet_personal", "staff", "Personal", None, None, NAVET_STAFF),
        ("mc_personalresurs", "staff", "Personalresurs", None, None, MC_STAFF),
        ("mc_arendestatistik", "mc_case_statistics", "Ärende statistik", None, None, _mc_case_statistics(now)),
        ("mc_positiv_forandring", "mc_positive_changes", "Positiv förändring", None, None, _mc_positive_changes(now)),
        ("nyckeltal", "key_figures", "Siffror ur löptexten", None, None, _key_figures(now, before)),
    ]
    manifest = [
        "organisation: Sjuhärads kommunalförbund",
        f"report_year: {year}",
        f"title: Årsredovisning {year} (syntetisk)",
        "unit: tkr",
        'source_document: "SYNTETISK: benchmarks/synthetic.py, inga verkliga uppgifter"',
        "tables:",
    ]
    for table_id, table_type, title, note, period_year, _ in tables:
        extra = (f", note: {note}" if note else "") + (f", period_year: {period_year}" if period_year else "")
        manifest.append(
            f'  - {{file: {table_id}.csv, table_id: {table_id}, table_type: {table_type}, title: "{title}"{extra}}}'
        )
    return {
        "report.yml": "\n".join(manifest) + "\n",
        **{f"{table_id}.csv": text for table_id, _, _, _, _, text in tables},
    }


def _refuse_real_raw(raw_dir: Path) -> None:
    if raw_dir.resolve() == (paths.repo_root() / "raw").resolve():
        raise ValueError("synthetic reports never go into raw/")


def write_report(raw_dir: Path, year: int, members: list[Municipality]) -> Path:
    _refuse_real_raw(raw_dir)
    folder = raw_dir / f"arsredovisning-{year}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in report_files(year, members).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_reports(raw_dir: Path, years: range | list[int], municipality_count: int) -> list[Path]:
    members = municipalities(municipality_count)
    return [write_report(raw_dir, year, members) for year in years]


def write_seed_extension(municipality_count: int) -> str:
    """The production seeds plus the synthetic municipalities, in dbt/target/benchmark_seeds.

    Returns the value for SJUHARAD_DBT_SEEDS (relative to the dbt project).
    """
    seed_dir = paths.dbt_project_dir() / SEED_EXTENSION
    if seed_dir.exists():
        shutil.rmtree(seed_dir)
    shutil.copytree(paths.dbt_project_dir() / "seeds", seed_dir)
    synthetic = [m for m in municipalities(municipality_count) if int(m.code) >= SYNTHETIC_CODE_START]
    with open(seed_dir / "municipalities.csv", "a", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(
            [m.code, m.name, m.name, m.county_code, m.county_name, m.membership] for m in synthetic
        )
    with open(seed_dir / "visitor_groups.csv", "a", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows([m.name, m.name, m.code] for m in synthetic)
    return str(SEED_EXTENSION)
