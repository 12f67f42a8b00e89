import pytest

from dagster_project.raw_format.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 861", 15861),
        ("-63 300", -63300),
        ("\u221263 300", -63300),
        ("10,7", 10.7),
        ("-0,4", -0.4),
        ("0,125", 0.125),
        ("15\u00a0861", 15861),
        ("15\u202f861", 15861),
        ("15\u2009861", 15861),
        ("1 234 567", 1234567),
        ("1 234,5", 1234.5),
        ("15861", 15861),
        ("0", 0),
        ("  584 ", 584),
    ],
)
def test_accepts_numbers_as_printed(text, expected):
    value = parse_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_empty_cell_is_a_blank(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.234,5", "'.' is not allowed"),
        ("1,234", "thousands separator ',' is not allowed; write 1 234"),
        ("1,234,567", "thousands separator ',' is not allowed; write 1 234 567"),
        ("12 345 tkr", "unit or other text is not allowed"),
        ("1 23", "bad digit grouping"),
        ("1234 567", "bad digit grouping"),
        ("12345*", "footnote markers are not allowed"),
        ("10.7", "use decimal comma"),
        ("\u201363 300", "not a minus sign"),
        ("+5", "plus sign is not allowed"),
        ("(63 300)", "parentheses are not allowed"),
        ("-", "not a number"),
        ("١٢٣", "not a number"),
    ],
)
def test_rejects_other_formats_with_a_reason(text, reason):
    with pytest.raises(ValueError) as raised:
        parse_number(text)
    assert reason in str(raised.value)
