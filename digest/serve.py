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
CHANGES = frozenset({"created", "modified", "moved", "deleted", "closed"})


class _Rebuild(FileSystemEventHandler):
    """Debounced rebuild on any file change under the watched folders."""

    def __init__(self, rebuild: Callable[[], None], watched: Callable[[str], bool]) -> None:
        self._rebuild = rebuild
        self._watched = watched
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Reading a file (which every build does) also raises events: only writes count.
        if event.event_type not in CHANGES or event.is_directory:
            return
        if not self._watched(str(event.src_path)):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self._rebuild)
            self._timer.start()


def serve_forever(args: argparse.Namespace, build: Callable[[argparse.Namespace], int]) -> int:
    """Build once, then serve `args.out` and rebuild on changes until interrupted."""

    lock = threading.Lock()

    def rebuild() -> None:
        with lock:  # one build at a time: a change during a build triggers the next one
            try:
                build(args)
            except DigestError as error:
                for problem in error.problems:
                    print(problem, file=sys.stderr)
            except OSError as error:  # a folder the system refused: say which, keep serving
                print(f"{error.filename}: {error.strerror or error}", file=sys.stderr)

    rebuild()
    out = Path(args.out).resolve()
    config_dir = Path(args.config).resolve().parent
    folders = [p.resolve() for p in (Path(args.content), config_dir / "site_config") if p.is_dir()]
    config_file = Path(args.config).resolve()

    def watched(path: str) -> bool:
        # The config's folder also holds the site and build folders: only the config counts.
        changed = Path(path).resolve()
        return changed == config_file or any(changed.is_relative_to(f) for f in folders)

    handler = _Rebuild(rebuild, watched)
    observer = Observer()
    for folder in folders:
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
