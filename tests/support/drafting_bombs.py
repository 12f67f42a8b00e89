"""Small generated PDFs that are hostile when read: a few kB that inflate to hundreds of MB."""

import zlib
from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _deflate_repeated(chunk: bytes, times: int, level: int = 9) -> bytes:
    compressor = zlib.compressobj(level)
    parts = [compressor.compress(chunk) for _ in range(times)]
    return b"".join(parts) + compressor.flush()


def _pages_pdf(content: bytes, filters: str, pages: int) -> bytes:
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        f"<< /Length {len(content)} /Filter {filters} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    font = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R " + font + b" >>"] * pages
    return _pdf(objects)


def memory_bomb(path: Path, megabytes: int = 600) -> Path:
    """One page whose content inflates (Flate twice) to `megabytes` MB of blanks from a few kB."""
    once = _deflate_repeated(b" " * (1 << 20), megabytes, level=1)
    path.write_bytes(_pages_pdf(zlib.compress(once, 9), "[/FlateDecode /FlateDecode]", 1))
    return path


def time_bomb(path: Path, pages: int = 20, operators: int = 200_000) -> Path:
    """`pages` pages that share one content stream of `operators` text-showing operators, from a few kB."""
    content = _deflate_repeated(b"BT /F1 1 Tf 10 10 Td (0 1 2 3 4 5 6 7 8 9) Tj ET\n", operators)
    path.write_bytes(_pages_pdf(content, "/FlateDecode", pages))
    return path
