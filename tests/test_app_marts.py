"""The marts made for the app, from the published 2012 warehouse, against the report's figures."""

import duckdb
import pytest


@pytest.fixture(scope="module")
def marts(published_2012):
    con = duckdb.connect(
        str(published_2012),
        read_only=True,
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    yield con
    con.close()


def one(con, sql, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_finance_ratios_2012_and_2011(marts):
    income_2012 = 39072 + 15861 + 5835 + 2045 + 1484 + 0  # Resultaträkning 2012: the income lines
    income_2011 = 40546 + 15709 + 5835 + 2317 + 722 + 0
    row = one(
        marts,
        "select total_income_tkr, result_share_of_income, soliditet, soliditet_pension_as_equity, kassalikviditet, "
        "equity_target_tkr, equity_target_qualifier, equity_above_target_tkr, equity_target_source_ref "
        "from marts.fct_finance_ratios where year = 2012",
    )
    assert row[0] == income_2012
    assert row[1] == pytest.approx(912 / income_2012)
    assert row[2] == pytest.approx(7626 / 55561)
    assert row[3] == pytest.approx((7626 + 4733) / 55561)
    assert row[4] == pytest.approx(54121 / 42956)
    assert row[5:8] == (4000, "cirka", 7626 - 4000)  # "ett Eget kapital på cirka 4 miljoner kronor"
    assert row[8] == "Årsredovisning 2012, avsnitt 2.1 Övergripande"
    row = one(
        marts,
        "select total_income_tkr, soliditet, kassalikviditet, equity_target_tkr from marts.fct_finance_ratios where year = 2011",
    )
    assert row[0] == income_2011
    assert row[1] == pytest.approx(6714 / 44518) and row[2] == pytest.approx(43912 / 33618)
    assert row[3] is None, "the report states the target for 2012 only"


def test_municipality_returns_boras_2012(marts):
    row = one(
        marts,
        "select fee_share, forbundsbidrag_fee_share, navet_fee_share, medarbetarcentrum_fee_share, visit_share, "
        "visits_not_attributed, positive_changes, attributed_positive_changes, positive_change_attribution "
        "from marts.fct_municipality_returns where year = 2012 and municipality_code = '1490'",
    )
    assert row[0] == pytest.approx((7249 + 4500 + 1240) / (15861 + 5835 + 2045))
    assert row[1] == pytest.approx(7249 / 15861)
    assert row[2] == pytest.approx(4500 / 5835)
    assert row[3] == pytest.approx(1240 / 2045)
    assert row[4] == pytest.approx(18542 / (1366 + 18542 + 7463 + 1911 + 3183 + 3656))
    assert row[5] == 21455, "övrigt: no municipality's"
    assert row[6:] == (71, 3 + 71 + 3 + 5 + 3 + 2, "inferred")


def test_municipality_returns_2011_and_the_municipalities_without_navet(marts):
    row = one(
        marts,
        "select visit_share, visits_not_attributed, positive_changes from marts.fct_municipality_returns "
        "where year = 2011 and municipality_code = '1490'",
    )
    assert row[0] == pytest.approx(21001 / (871 + 21001 + 3400 + 1236 + 1790 + 2932))
    assert row[1] == 21008 + 775, "Övriga and Högskolan Borås"
    assert row[2] is None, "the 2012 report has no positive changes table for 2011"
    row = one(
        marts,
        "select visits, visit_share, fee_share from marts.fct_municipality_returns where year = 2012 and municipality_code = '1466'",
    )
    assert row[:2] == (None, None) and row[2] == pytest.approx(653 / 23741)
    assert one(marts, "select sum(fee_share) from marts.fct_municipality_returns where year = 2012")[
        0
    ] == pytest.approx(1)


def test_source_tables_and_print_order(marts):
    assert one(marts, "select count(*) from marts.dim_source_table")[0] == 25
    row = one(
        marts,
        "select title, note, page, file, source_ref from marts.dim_source_table where table_id = 'resultatrakning'",
    )
    assert row == (
        "Resultaträkning 2012, belopp i tkr",
        None,
        16,
        "resultatrakning.csv",
        "Årsredovisning 2012, Resultaträkning 2012, belopp i tkr, s. 16",
    )
    lines = marts.execute(
        "select line_id from marts.fct_balance_sheet where year = 2012 order by print_order"
    ).fetchall()
    assert [line for (line,) in lines][:3] == ["anlaggningstillgangar", "maskiner_och_inventarier", "vardepapper"]
    assert (
        one(marts, "select print_order from marts.fct_note_lines where year = 2012 and note = 2 and line_id = 'summa'")[
            0
        ]
        == 5
    )


def test_inference_evidence_is_in_the_cases_mart_in_swedish(marts):
    evidence = marts.execute(
        "select distinct inference_evidence from marts.fct_cases where inferred_municipality_code is not null"
    ).fetchall()
    assert len(evidence) == 1 and "not 5" in evidence[0][0] and "Borås" in evidence[0][0]
    assert (
        one(
            marts,
            "select count(*) from marts.fct_cases where inferred_municipality_code is null and inference_evidence is not null",
        )[0]
        == 0
    )
