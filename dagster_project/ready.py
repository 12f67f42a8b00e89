"""`make run`: wait until the Dagster UI and the app answer, then say so in one line."""

import sys
import time
import urllib.request

WAIT_SECONDS = 300


def wait_until_answering(urls: list[str], seconds: float = WAIT_SECONDS) -> list[str]:
    """The addresses that still do not answer after `seconds` (none when all are ready)."""
    pending = list(urls)
    deadline = time.monotonic() + seconds
    while pending and time.monotonic() < deadline:
        for url in list(pending):
            try:
                with urllib.request.urlopen(url, timeout=2):
                    pending.remove(url)
            except OSError:
                pass
        if pending:
            time.sleep(1)
    return pending


def main(urls: list[str]) -> int:
    silent = wait_until_answering(urls)
    if silent:
        print(f"Not answering after {WAIT_SECONDS} s: {', '.join(silent)} (see the lines above).", flush=True)
        return 1
    print("Ready: the Dagster UI and the app answer at the addresses above.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
