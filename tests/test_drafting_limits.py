"""Drafting within limits: a hostile file stops at its limit with a Swedish message naming
the file and the limit; nothing is written; a good report after it is drafted."""

import os
import time
import uuid
from pathlib import Path

import pytest

from dagster_project.drafting.draft import main as draft_main
from dagster_project.drafting.limits import LIMITS, MB, DraftLimitError, Limits, draft_within_limits
from tests.support.drafting_bombs import memory_bomb, time_bomb
from tests.support.drafting_texts import report_2013, write_pdf
from tests.support.project import REPORT_2012, copy_report


@pytest.fixture
def raw_dir(tmp_path) -> Path:
    raw = tmp_path / "raw"
    copy_report(raw)
    return raw


def folders(raw_dir: Path) -> list[str]:
    return sorted(p.name for p in raw_dir.iterdir())


def test_a_file_over_the_size_limit_is_not_read(tmp_path, raw_dir):
    big = tmp_path / "rapport.txt"
    with big.open("wb") as file:
        file.truncate(LIMITS.max_text_bytes + 1)  # sparse: nothing is written, nothing would be read
    with pytest.raises(DraftLimitError, match=r"rapport.txt: filen är 5 MB, storleksgränsen är 5 MB; den lästes inte"):
        draft_within_limits(big, raw_dir)
    assert folders(raw_dir) == [REPORT_2012.name]


def test_a_symlink_out_of_its_folder_is_refused_and_nothing_of_it_is_copied(tmp_path, raw_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "rapport.txt").symlink_to("/etc/passwd")
    with pytest.raises(DraftLimitError, match="rapport.txt: filen är en symbolisk länk som leder ut ur sin mapp"):
        draft_within_limits(inbox / "rapport.txt", raw_dir)
    assert folders(raw_dir) == [REPORT_2012.name], "no folder, no review, no copy of its text"


def test_an_empty_file_is_a_failure_not_a_draft(tmp_path, raw_dir, capsys):
    empty = tmp_path / "arsredovisning-2013.txt"
    empty.write_text("", encoding="utf-8")
    assert draft_main([str(empty), "--raw-dir", str(raw_dir), "--year", "2013"]) == 1
    assert "arsredovisning-2013.txt: no figure of any table was found (0 cells); nothing was written" in (
        capsys.readouterr().err
    )
    assert folders(raw_dir) == [REPORT_2012.name]


@pytest.mark.parametrize("year", ["-5", "99999", "20l3", "1066"])
def test_an_implausible_year_is_refused_before_anything_is_read(year, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        draft_main([str(tmp_path / "none.txt"), "--year", year])
    assert exit_.value.code == 2
    assert f"YEAR={year!r} är inget rimligt rapportår" in capsys.readouterr().err


@pytest.mark.pdf
def test_an_encrypted_pdf_is_named_as_such(tmp_path, raw_dir):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("hemligt")
    locked = tmp_path / "arsredovisning-2013.pdf"
    with locked.open("wb") as file:
        writer.write(file)
    with pytest.raises(DraftLimitError, match="arsredovisning-2013.pdf: PDF-filen är krypterad"):
        draft_within_limits(locked, raw_dir)


@pytest.mark.pdf
def test_a_memory_bomb_stops_at_the_memory_limit(tmp_path, raw_dir):
    bomb = memory_bomb(tmp_path / "bomb.pdf")
    assert bomb.stat().st_size < 20_000, "a few kB that inflate to 600 MB"
    with pytest.raises(DraftLimitError, match="bomb.pdf: behövde mer minne än minnesgränsen 512 MB"):
        draft_within_limits(bomb, raw_dir, limits=Limits(memory_bytes=512 * MB))
    assert folders(raw_dir) == [REPORT_2012.name]


@pytest.mark.pdf
def _processes_marked(mark: str) -> list[str]:
    """The live processes (not zombies) whose environment holds the mark, but multiprocessing's
    resource tracker, which the test's process keeps for its life; their command lines."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            alive = (proc / "stat").read_text().split(") ", 1)[1][0] != "Z"
            environment = (proc / "environ").read_bytes()
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            continue
        marked = f"SJUHARAD_TEST_MARK={mark}".encode() in environment.split(b"\0")
        if alive and marked and "resource_tracker" not in command:
            found.append(command)
    return found


def _left_running(mark: str, seconds: float = 10) -> list[str]:
    """Processes killed a moment ago may take a moment to go."""
    deadline = time.monotonic() + seconds
    while (found := _processes_marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def test_a_time_bomb_stops_at_its_time_limit_and_a_good_report_after_it_is_drafted(tmp_path, raw_dir, monkeypatch):
    bomb = time_bomb(tmp_path / "bomb.pdf")
    assert bomb.stat().st_size < 50_000
    tight = Limits(base_seconds=5, seconds_per_page=0.5)
    mark = f"bomb-{uuid.uuid4()}"
    monkeypatch.setenv("SJUHARAD_TEST_MARK", mark)
    with pytest.raises(DraftLimitError, match=r"bomb.pdf: avbröts efter \d+ s; tidsgränsen är 15 s \(20 sidor"):
        draft_within_limits(bomb, raw_dir, limits=tight)
    assert folders(raw_dir) == [REPORT_2012.name]
    assert _left_running(mark) == [], "the worker's page parsers end with it"

    good = write_pdf(report_2013(), tmp_path / "arsredovisning-2013.pdf")
    drafted = draft_within_limits(good, raw_dir)
    assert drafted.folder == raw_dir / "arsredovisning-2013" and drafted.cells > 1000
    assert drafted.peak_memory_bytes < LIMITS.memory_bytes


def test_too_many_pages_are_refused(tmp_path, raw_dir):
    pages = tmp_path / "arsredovisning-2013.txt"
    pages.write_text("\f" * (LIMITS.max_pages + 10), encoding="utf-8")
    with pytest.raises(
        DraftLimitError,
        match=f"arsredovisning-2013.txt: {LIMITS.max_pages + 11} sidor, sidgränsen är {LIMITS.max_pages}",
    ):
        draft_within_limits(pages, raw_dir)
    assert os.listdir(raw_dir) == [REPORT_2012.name]
