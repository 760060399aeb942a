"""Progress bars on standard error, quiet when it is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A callback that advances a bar by n rows."""
    bar = tqdm(total=total, desc=description, unit="rows", file=sys.stderr, disable=not sys.stderr.isatty())
    try:
        yield bar.update
    finally:
        bar.close()
