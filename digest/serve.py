"""`digest serve`: a live preview that rebuilds when content, theme or config change.

The site is served from `--out` on 127.0.0.1; a change under the watched folders triggers a
rebuild (a failed rebuild prints its errors and keeps the last good site on show).
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from digest.model import DigestError

DEBOUNCE_SECONDS = 0.3


class _Rebuild(FileSystemEventHandler):
    """Debounced rebuild on any file change under the watched folders."""

    def __init__(self, rebuild: Callable[[], None]) -> None:
        self._rebuild = rebuild
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self._rebuild)
            self._timer.start()


def serve_forever(args: argparse.Namespace, build: Callable[[argparse.Namespace], int]) -> int:
    """Build once, then serve `args.out` and rebuild on changes until interrupted."""

    def rebuild() -> None:
        try:
            build(args)
        except DigestError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)

    rebuild()
    out = Path(args.out).resolve()
    config_dir = Path(args.config).resolve().parent
    handler = _Rebuild(rebuild)
    observer = Observer()
    for folder in (Path(args.content), config_dir / "site_config"):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True)
    observer.schedule(handler, str(config_dir), recursive=False)
    observer.start()

    class _Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            # Resolve against the current output folder: a rebuild swaps it in atomically.
            self.directory = str(out)
            return super().translate_path(path)

        def log_message(self, format: str, *values: object) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", args.port), functools.partial(_Handler, directory=str(out))
    )
    print(f"Serving {out} at http://127.0.0.1:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0
