"""Figures of Årsredovisning 2012 as they come out of the published marts."""

import pytest

from dagster_project.duckdb_connection import connect


@pytest.fixture(scope="module")
def marts(published_2012):
    con = connect(published_2012, read_only=True)
    yield con
    con.close()


def one(con, sql, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert len(rows) == 1, f"expected one row, got {rows}"
    return rows[0][0]


def test_boras_forbundsbidrag_2012(marts):
    assert (
        one(
            marts,
            "select amount_tkr from marts.fct_fees where year = 2012 and municipality_code = '1490' "
            "and fee_type = 'forbundsbidrag'",
        )
        == 7249
    )


def test_ulricehamn_medarbetarcentrum_fee_2011_and_its_printed_zero_in_2012(marts):
    sql = (
        "select amount_tkr from marts.fct_fees where year = ? and municipality_code = '1491' "
        "and fee_type = 'medarbetarcentrum'"
    )
    assert one(marts, sql, 2011) == 272
    assert one(marts, sql, 2012) == 0


def test_falkenberg_paid_nothing_in_2011_and_454_in_2012(marts):
    sql = "select amount_tkr from marts.fct_fees where year = ? and municipality_code = '1382' and fee_type = 'forbundsbidrag'"
    assert one(marts, sql, 2011) == 0
    assert one(marts, sql, 2012) == 454


def test_fees_per_type_add_up_to_the_income_statement(marts):
    rows = marts.execute(
        "select year, fee_type, sum(amount_tkr) from marts.fct_fees group by all order by all"
    ).fetchall()
    assert rows == [
        (2011, "forbundsbidrag", 15709),
        (2011, "medarbetarcentrum", 2317),
        (2011, "navet", 5835),
        (2012, "forbundsbidrag", 15861),
        (2012, "medarbetarcentrum", 2045),
        (2012, "navet", 5835),
    ]


def test_fee_rows_trace_to_their_note(marts):
    ref, note, report = marts.execute(
        "select source_ref, source_note, source_report from marts.fct_fees "
        "where year = 2012 and municipality_code = '1490' and fee_type = 'forbundsbidrag'"
    ).fetchone()
    assert (note, report) == (3, "arsredovisning-2012")
    assert ref.startswith("Årsredovisning 2012, Not 3 Förbundsbidrag, kansli")


def test_navet_visitors(marts):
    assert one(marts, "select sum(visits) from marts.fct_visits where year = 2012") == 57576
    assert one(marts, "select sum(visits) from marts.fct_visits where year = 2011") == 53013
    assert (
        one(marts, "select sum(visits) from marts.fct_visits where year = 2011 and municipality_code = '1463'") == 3400
    )
    assert (
        one(
            marts,
            "select visits from marts.fct_visits where year = 2011 and visitor_group = 'Högskolan Borås' "
            "and visit_category = 'kompetensutveckling_larare'",
        )
        == 775
    )


def test_non_municipal_visitor_groups_have_no_municipality(marts):
    rows = marts.execute(
        "select distinct year, visitor_group from marts.fct_visits where municipality_code is null order by all"
    ).fetchall()
    assert rows == [(2011, "Högskolan Borås"), (2011, "Övriga"), (2012, "övrigt")]


def test_income_statement_and_balance_sheet(marts):
    sql = "select amount_tkr from marts.fct_income_statement where year = ? and line_id = ?"
    assert one(marts, sql, 2012, "arets_resultat") == 912
    assert one(marts, sql, 2011, "arets_resultat") == 1882
    assert one(marts, sql, 2012, "verksamhetens_kostnader") == -63300
    sql = "select amount_tkr from marts.fct_balance_sheet where year = ? and line_id = ?"
    assert one(marts, sql, 2012, "summa_tillgangar") == 55561
    assert one(marts, sql, 2011, "eget_kapital") == 6714


def test_grants_received_and_paid(marts):
    sql = "select amount_tkr from marts.fct_grants where year = ? and grant_source = ? and flow = ?"
    assert one(marts, sql, 2012, "state", "received") == 15380
    assert one(marts, sql, 2011, "eu", "received") == 8637
    assert one(marts, sql, 2012, "projects", "paid") == 21501
    assert one(marts, sql, 2012, "tillvaxtmedel", "paid") == 17500


def test_lost_headers_stay_unknown(marts):
    assert (
        one(
            marts,
            "select count(*) from marts.fct_cases where case_table = 'case_statistics' "
            "and header_status = 'lost' and column_header is null",
        )
        == 20
    )
    assert (
        one(
            marts,
            "select value from marts.fct_cases where case_table = 'case_statistics' "
            "and measure = 'Antal individer' and column_no = 1",
        )
        == 143
    )


def test_dim_municipality(marts):
    rows = marts.execute(
        "select municipality_code, municipality_name, membership from marts.dim_municipality order by 1"
    ).fetchall()
    assert ("1490", "Borås", "member") in rows
    assert ("1383", "Varberg", "adjoined") in rows
    assert len(rows) == 10
    takes = marts.execute(
        "select year, takes_medarbetarcentrum from marts.dim_municipality_year where municipality_code = '1491' order by 1"
    ).fetchall()
    assert takes == [(2011, True), (2012, False)]


def test_no_restatements_from_a_single_report(marts):
    assert one(marts, "select count(*) from marts.fct_restatements") == 0


def test_boras_figures_per_municipality_in_2012_and_their_sources(marts):
    row = marts.execute(
        "select forbundsbidrag_tkr, navet_tkr, visits, population_basis, navet_kr_per_visit, fees_source_ref, "
        "visits_source_ref, rate_source_ref from marts.fct_municipality_figures where year = 2012 and municipality_code = '1490'"
    ).fetchone()
    bidrag, navet, visits, basis, per_visit, fees_ref, visits_ref, rate_ref = row
    assert (bidrag, navet, visits) == (7249, 4500, 18542)
    assert basis == pytest.approx(7249 * 1000 / 70)
    assert round(per_visit) == 243  # 4 500 tkr / 18 542 visits
    assert fees_ref == (
        "Årsredovisning 2012, Not 3 Förbundsbidrag, kansli; Årsredovisning 2012, Not 4 Medlemsavgifter, Navet; "
        "Årsredovisning 2012, Not 5 Medlemsavgifter, Medarbetarcentrum"
    )
    assert visits_ref == "Årsredovisning 2012, Antal per kommun 2012"
    assert rate_ref == "Årsredovisning 2012, avsnitt 2.1 Övergripande"
