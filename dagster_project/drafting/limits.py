"""Drafting within limits: a hostile or broken file stops within seconds, with a message in
Swedish that names the file and the limit, and the queue goes on.

Before anything is read: the source must be a file in its own folder (a symlink that leads
out of it is refused, and nothing of it is read or copied) and within the size limit. The
drafter then runs in a worker process with a hard address-space limit (RLIMIT_AS: an
allocation beyond it fails in the worker, never on the machine). The worker first counts
the pages (a PDF's page tree, without decompressing any content; a text's form feeds) and
refuses beyond the page limit; the parent then gives it a time budget of BASE_SECONDS plus
SECONDS_PER_PAGE per page, at most MAX_SECONDS, and ends it past that. An encrypted PDF is
named as such.
"""

import contextlib
import multiprocessing
import os
import resource
import signal
import time
import zlib
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from dagster_project.drafting.text.source import FORM_FEED, PDF_SUFFIX, TEXT_SUFFIXES

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_pdf_bytes: int = 50 * MB
    max_text_bytes: int = 5 * MB
    max_pages: int = 300
    base_seconds: float = 20.0
    seconds_per_page: float = 1.0
    max_seconds: float = 180.0
    memory_bytes: int = 1024 * MB

    def max_bytes(self, source: Path) -> int:
        return self.max_pdf_bytes if source.suffix.lower() == PDF_SUFFIX else self.max_text_bytes

    def seconds_for(self, pages: int) -> float:
        return min(self.max_seconds, self.base_seconds + self.seconds_per_page * pages)


LIMITS = Limits()


class DraftLimitError(ValueError):
    """The source was not drafted; the message (Swedish) names the file and why."""


@dataclass(frozen=True)
class DraftSummary:
    """What the worker drafted, as the caller shows it."""

    folder: Path
    review: Path
    year: int
    tables: int
    tables_found: int
    cells: int
    doubts: int
    folder_note: str | None
    peak_memory_bytes: int


def _mb(count: int) -> str:
    return f"{count / MB:.0f} MB"


def check_before_reading(source: Path, limits: Limits = LIMITS) -> None:
    """Refuse a source that is not a plain file of its folder, of an unknown kind, or too large."""
    if source.is_symlink() and source.resolve().parent != source.absolute().parent.resolve():
        raise DraftLimitError(
            f"{source.name}: filen är en symbolisk länk som leder ut ur sin mapp ({source.parent}); den läses inte"
        )
    if not source.is_file():
        raise DraftLimitError(f"{source.name}: ingen sådan fil ({source})")
    if source.suffix.lower() not in (PDF_SUFFIX, *TEXT_SUFFIXES):
        raise DraftLimitError(f"{source.name}: bara PDF- och textfiler kan läsas (.pdf, .txt)")
    size = source.stat().st_size
    if size > limits.max_bytes(source):
        raise DraftLimitError(
            f"{source.name}: filen är {_mb(size)}, storleksgränsen är {_mb(limits.max_bytes(source))}; den lästes inte"
        )


def count_pages(source: Path) -> int:
    """Pages without reading their content: the PDF's page tree, or a text's form feeds."""
    if source.suffix.lower() != PDF_SUFFIX:
        return source.read_text(encoding="utf-8-sig", errors="replace").count(FORM_FEED) + 1
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError

    with source.open("rb") as file:
        try:
            document = PDFDocument(PDFParser(file))
            return sum(1 for _ in PDFPage.create_pages(document))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise DraftLimitError(
                f"{source.name}: PDF-filen är krypterad (lösenordsskyddad); spara den utan lösenord och lägg in den igen"
            ) from None
        except PDFSyntaxError as error:
            raise DraftLimitError(f"{source.name}: ingen läsbar PDF ({error})") from None


def _causes(error: BaseException) -> list[BaseException]:
    """The error, what it was raised from or during, and an error it wraps as its first argument."""
    seen, pending = [], [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is known for known in seen) or not isinstance(current, BaseException):
            continue
        seen.append(current)
        pending += [current.__cause__, current.__context__, *(current.args[:1] if current.args else [])]
    return seen


def ran_out_of_memory(error: BaseException) -> bool:
    """Did the error come from an allocation the memory limit refused? The PDF reader wraps it
    (a MemoryError, or zlib's "Unable to allocate output buffer", which zlib raises for
    nothing else) in an error that says only that the PDF is not readable."""
    return any(
        isinstance(cause, MemoryError) or (isinstance(cause, zlib.error) and "allocate" in str(cause))
        for cause in _causes(error)
    )


def _work(
    connection: Connection, source: Path, raw_dir: Path | None, year: int | None, template: Path | None, limits: Limits
) -> None:
    """The worker: in a process group of its own, under the memory limit, count the pages, then draft."""
    # The layout reader's page parsers are this process's children: ending the group ends them too.
    os.setpgrp()
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    try:
        pages = count_pages(source)
        connection.send(("pages", pages))
        if pages > limits.max_pages:
            raise DraftLimitError(
                f"{source.name}: {pages} sidor, sidgränsen är {limits.max_pages}; inget utkast skrevs"
            )
        from dagster_project.drafting.draft import draft_report

        result = draft_report(source, raw_dir, year, template)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        summary = DraftSummary(
            result.folder,
            result.review,
            result.year,
            len(result.tables),
            result.tables_found,
            result.cells,
            result.doubts,
            result.folder_note,
            peak,
        )
        connection.send(("done", summary))
    except (MemoryError, ValueError) as error:  # every drafting error says what is wrong in its message
        connection.send(("memory", None) if ran_out_of_memory(error) else ("error", str(error)))
    finally:
        connection.close()


def _end(worker: multiprocessing.Process) -> None:
    """The worker and every process it started (killed with the worker alone, its page parsers
    were left waiting for work for ever, each holding a copy of its memory)."""
    # Before the worker has made its group, no group has its id: nothing else can be hit.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.kill()
    worker.join(5)


def draft_within_limits(
    source: Path,
    raw_dir: Path | None = None,
    year: int | None = None,
    template: Path | None = None,
    limits: Limits = LIMITS,
) -> DraftSummary:
    """Draft the source in a worker process within the limits; DraftLimitError (Swedish) otherwise."""
    source = Path(source)
    check_before_reading(source, limits)
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    # Not a daemon: the layout reader parses a PDF's pages in processes of its own, which a daemonic
    # process may not start. The `finally` below ends the worker however this function is left.
    worker = context.Process(target=_work, args=(sending, source, raw_dir, year, template, limits), daemon=False)
    started = time.monotonic()
    worker.start()
    sending.close()
    deadline = started + limits.seconds_for(limits.max_pages)
    pages = None
    try:
        while True:
            if not receiving.poll(max(0.0, deadline - time.monotonic())):
                _end(worker)
                budget = limits.seconds_for(pages if pages is not None else limits.max_pages)
                where = f"{pages} sidor" if pages is not None else "sidorna räknades inte klart"
                raise DraftLimitError(
                    f"{source.name}: avbröts efter {time.monotonic() - started:.0f} s; tidsgränsen är {budget:.0f} s "
                    f"({where}: {limits.base_seconds:.0f} s och {limits.seconds_per_page:g} s per sida, "
                    f"högst {limits.max_seconds:.0f} s); inget utkast skrevs"
                )
            try:
                kind, value = receiving.recv()
            except EOFError:
                worker.join(5)
                raise DraftLimitError(
                    f"{source.name}: utkastet avbröts (arbetsprocessen slutade med kod {worker.exitcode}); "
                    "inget utkast skrevs"
                ) from None
            if kind == "pages":
                pages = value
                deadline = started + limits.seconds_for(pages)
            elif kind == "done":
                return value
            elif kind == "memory":
                raise DraftLimitError(
                    f"{source.name}: behövde mer minne än minnesgränsen {_mb(limits.memory_bytes)}; inget utkast skrevs"
                )
            else:
                raise DraftLimitError(value)
    finally:
        receiving.close()
        _end(worker)
