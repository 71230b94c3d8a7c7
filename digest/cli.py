"""The `digest` command line: the edge where files are read and results printed.

Exit codes: 0 success, 1 content errors (each as `PATH:LINE: message`), 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.model import Article, Content, DigestError, Problem, SiteData

if TYPE_CHECKING:
    from digest.cache import BuildCache
    from digest.render import RenderOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _print_problems(problems: Iterable[Problem], label: str = "error") -> None:
    for problem in problems:
        print(f"{problem}" if label == "error" else f"{label}: {problem}", file=sys.stderr)


def _warnings_fail(warnings: Sequence[Problem], strict: bool) -> bool:
    """Print the warnings (as errors under --strict); whether they stop the command."""
    _print_problems(warnings, "error" if strict else "warning")
    if strict and warnings:
        print(f"{len(warnings)} warning(s) are errors under --strict", file=sys.stderr)
    return strict and bool(warnings)


def _load_files(names: Sequence[str]) -> list[Article]:
    """Every named article file, or a DigestError naming every one that cannot be read."""
    from digest.load import load_article_file

    articles, problems = [], []
    for name in names:
        try:
            articles.append(load_article_file(Path(name)))
        except DigestError as error:
            problems.extend(error.problems)
    if problems:
        raise DigestError(problems)
    return articles


def _options(config: dict[str, Any], publish_text: bool) -> RenderOptions:
    from digest.render import RenderOptions

    extra = (config.get("extra") or {}).get("digest") or {}
    site_url = str(config.get("site_url") or "")
    return RenderOptions(
        site_url=site_url if not site_url or site_url.endswith("/") else site_url + "/",
        site_name=str(config.get("site_name") or "Trade-Talk Digest"),
        publish_text=publish_text or bool(extra.get("publish_article_text", False)),
    )


def build(args: argparse.Namespace) -> int:
    """Load, run the pipeline, write Markdown, render with MkDocs, swap in atomically."""
    from digest.runtime import paused_garbage_collection

    with paused_garbage_collection():
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    from digest import site
    from digest.lock import build_locks, lock_file_for, output_lock_file

    out = Path(args.out)
    site.check_out_folder(out, [Path(args.content), Path(args.config).parent, Path.cwd()])
    # Every folder this build writes, held until it is done: a second build waits.
    folders = [output_lock_file(out.absolute())]
    folders += [lock_file_for(Path(args.build_dir)), lock_file_for(Path(args.cache_dir))]
    with build_locks(folders):
        return _build_locked(args)


def _loaded(root: Path, cache: BuildCache, timings: dict[str, float]) -> Content:
    """The content folder, files unchanged since the last build taken from its memo."""
    from digest import load
    from digest.cache import CachedTable, fingerprint
    from digest.runtime import timed

    with timed(timings, "load"):
        read_before = CachedTable(
            cache, fingerprint("articles read", load.LOADER_CODE), shards=load.MEMO_SHARDS
        )
        content = load.load_content(root, read_before)
        read_before.save()
    return content


def _rendered(data: SiteData, options: RenderOptions, cache: BuildCache) -> dict[str, str]:
    """The generated docs files, with what rendering remembers kept for the next build (and
    let go of here: its rows of every article are 50 MB at 30,000 articles)."""
    from digest import render
    from digest.render_memo import RenderMemo

    memo = RenderMemo.open(cache)
    files = render.render_site(data, options, memo)
    memo.save()
    return files


def _build_locked(args: argparse.Namespace) -> int:
    from digest import feeds, load, pipeline, project, publish, render, site
    from digest.cache import BuildCache
    from digest.runtime import timed

    started = time.perf_counter()
    timings: dict[str, float] = {}
    cache = BuildCache(Path(args.cache_dir))
    # The loaded content is handed over, not kept here: the pipeline lets go of the articles'
    # raw texts once the per-article stages are done (150 MB at 30,000 articles).
    data = pipeline.run(
        _loaded(Path(args.content), cache, timings),
        cache,
        timings,
        texts=load.ArticleTexts(Path(args.content)),
    )
    content = data.content
    if _warnings_fail(data.warnings, args.strict):
        return EXIT_CONTENT
    if args.explain:
        print("\n".join(render.report_lines(data)), file=sys.stderr)
    config_path = Path(args.config)
    settings = project.project_settings(config_path)
    config = settings.config
    if args.site_url:
        config["site_url"] = args.site_url
    if args.renderer:
        extra = dict(config.get("extra") or {})
        extra["digest"] = {**(extra.get("digest") or {}), "renderer": args.renderer}
        config["extra"] = extra
    site.renderer(config)  # an unknown renderer stops the build before any work
    options = _options(config, args.publish_text)
    build_dir = Path(args.build_dir)
    docs_dir = build_dir / "docs"
    with timed(timings, "render markdown"):
        files = _rendered(data, options, cache)
        editor_pages = publish.read_editor_pages(Path(args.content), files)
        files.update(editor_pages.files)
        files["robots.txt"] = render.robots_txt(options.site_url)
        files.update(feeds.site_feeds(data, options, cache))
        changed = site.write_docs(files, docs_dir, settings.assets)
    derived = site.derived_config(
        config,
        config_path.parent,
        docs_dir,
        Path(args.out),
        render.navigation(data) + editor_pages.navigation(),
    )
    with timed(timings, "mkdocs render"):
        partial = site.render_site(
            derived,
            build_dir,
            Path(args.out),
            site.source_date_epoch(content),
            editor_pages.origins,
        )
    cache.prune()
    if getattr(args, "timings", None):  # `serve` builds without this option
        Path(args.timings).write_text(json.dumps(timings, indent=1) + "\n", "utf-8")
    pages = sum(name.endswith(".md") for name in files)
    print(
        f"Built {pages} pages ({len(data.digests)} rounds, {len(data.articles)} articles, "
        f"{changed} files changed, {cache.hits} articles from cache"
        f"{', only changed pages re-rendered' if partial else ''}) into {args.out} "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    """Every validation build does, writing nothing."""
    from digest import load, pipeline

    content = load.load_content(Path(args.content))
    data = pipeline.run(content)
    if _warnings_fail(data.warnings, args.strict):
        return EXIT_CONTENT
    print(
        f"OK: {len(content.rounds)} rounds, {len(content.people)} people, "
        f"{len(content.topics)} topics, {len(content.articles)} articles",
        file=sys.stderr,
    )
    if content.hidden_files:
        print(
            f"skipped {len(content.hidden_files)} hidden file(s) under articles/ (names "
            f"starting with '.', e.g. {content.hidden_files[0]})",
            file=sys.stderr,
        )
    return EXIT_OK


def clean(args: argparse.Namespace) -> int:
    """Print each file's cleaned body, or with --explain what was removed and why."""
    from digest.process import clean_article

    articles = _load_files(args.files)
    for index, (name, article) in enumerate(zip(args.files, articles, strict=True)):
        result = clean_article(article)
        if len(articles) > 1:
            print(("\n" if index else "") + f"==> {name} <==")
        if args.explain:
            for removal in result.removed:
                print(f"[{removal.reason}] {removal.text}")
        else:
            print(result.text)
    return EXIT_OK


def extract(args: argparse.Namespace) -> int:
    """Print one JSON object per file: the cleaned text and everything extracted from it."""
    from digest.assign import RoundIndex
    from digest.load import load_reference
    from digest.process import process_article

    reference = load_reference(Path(args.content))
    articles = _load_files(args.files)
    known = {r.id for r in reference.rounds}
    unknown = [
        Problem(name, None, f"round '{a.round}' is not in {args.content}/rounds.yml")
        for name, a in zip(args.files, articles, strict=True)
        if a.round is not None and a.round not in known
    ]
    if unknown:
        raise DigestError(unknown)
    index = RoundIndex(reference.rounds, reference.people, reference.tariffs)
    outlets = frozenset(a.outlet for a in articles if a.outlet) | set(reference.outlet_hints)
    for name, article in zip(args.files, articles, strict=True):
        item = process_article(
            article,
            None,
            reference.people,
            reference.topics,
            institutions=reference.institutions,
            outlets=outlets,
        )
        assignment = index.assign(item)
        record = {
            "path": name,
            "title": item.title,
            "outlet": item.outlet,
            "url": article.url,
            "published": item.published.isoformat() if item.published else None,
            "clean": item.clean.text,
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in item.extraction.quotes],
            "people": list(item.extraction.people),
            "figures": [
                {"text": f.text, "kind": f.kind, "value": f.value} for f in item.extraction.figures
            ],
            "dates": [{"text": d.text, "date": d.date.isoformat()} for d in item.extraction.dates],
            "topics": list(item.extraction.topics),
            "round": assignment.round,
        }
        print(json.dumps(record, ensure_ascii=False))
    return EXIT_OK


def evaluate(args: argparse.Namespace) -> int:
    """Score a stage against an annotated corpus; a line per article, a summary last."""
    from digest import evaluate as scoring
    from digest.load import load_reference

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise DigestError([Problem(str(corpus), None, "corpus folder not found")])
    if args.stage == "html":
        lines = scoring.eval_html(corpus)
    elif args.stage == "scrapes":
        from digest.evaluate_scrapes import eval_scrapes

        lines = eval_scrapes(corpus, half=args.half)
    else:
        reference = load_reference(Path(args.content))
        lines = {
            "clean": lambda: scoring.eval_clean(
                corpus, reference, baselines=args.baselines, half=args.half
            ),
            "quotes": lambda: scoring.eval_quotes(corpus, reference, half=args.half),
            "rounds": lambda: scoring.eval_rounds(corpus, reference, half=args.half),
            "titles": lambda: scoring.eval_titles(corpus, reference, half=args.half),
            "pages": lambda: scoring.eval_pages(corpus, reference, half=args.half),
        }[args.stage]()
    for line in lines:
        print(line)
    return EXIT_OK


def bench(args: argparse.Namespace) -> int:
    """Generate a synthetic content folder, or time a cold build and a one-edit rebuild."""
    from digest import bench as benchmark

    if args.action == "generate":
        benchmark.generate(Path(args.path), args.articles, args.rounds, args.seed)
        print(f"Wrote {args.articles} articles over {args.rounds} rounds to {args.path}")
        return EXIT_OK
    if args.action == "stages":
        for line in benchmark.time_per_article_stages(Path(args.path), args.articles, args.size_kb):
            print(line)
        return EXIT_OK
    if args.action == "sweep":
        lines = benchmark.sweep(args.sizes, Path(args.work), Path(args.config), args.seed)
    else:
        lines = benchmark.run(Path(args.path), Path(args.work), Path(args.config))
    for line in lines:
        print(line)
    return EXIT_OK


def init(args: argparse.Namespace) -> int:
    """Write a new project (content skeleton, settings, Pages workflow) into DIR."""
    from digest.init import init_project

    written = init_project(Path(args.path), args.install)
    print(
        f"Wrote {len(written)} files to {args.path}; build it with: cd {args.path} && digest build",
        file=sys.stderr,
    )
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    """Build, serve the site on 127.0.0.1, and rebuild when content or theme files change."""
    from digest.serve import serve_forever

    return serve_forever(args, build)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digest",
        description="Trade-Talk Digest: trade-talk articles in, one cited page per round out.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def content_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--content", default="content", help="content folder (default: content)"
        )

    def site_options(command: argparse.ArgumentParser) -> None:
        content_option(command)
        command.add_argument("--out", default="site", help="output folder (default: site)")
        command.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
        command.add_argument(
            "--build-dir", default=".build", help="where generated Markdown goes (default: .build)"
        )
        command.add_argument(
            "--cache-dir",
            default=".cache",
            help="per-article results reused by the next build (default: .cache)",
        )
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument(
            "--explain",
            action="store_true",
            help="print each article's round and why, and every removed line and why",
        )
        command.add_argument(
            "--site-url",
            metavar="URL",
            help="the address the site is published at (default: mkdocs.yml's site_url); "
            "gives the sitemap, canonical links, feeds and social cards absolute addresses",
        )
        command.add_argument(
            "--renderer",
            metavar="NAME",
            help="what renders the pages: mkdocs or properdocs (default: mkdocs.yml's "
            "extra.digest.renderer, else mkdocs)",
        )
        command.add_argument(
            "--publish-text",
            action="store_true",
            help="publish every article's full cleaned text (default: quote and cite only)",
        )

    builder = commands.add_parser("build", help="build the site into --out")
    site_options(builder)
    builder.add_argument(
        "--timings", metavar="FILE", help="write each stage's wall time in seconds to FILE (JSON)"
    )
    checker = commands.add_parser("check", help="validate the content folder; write nothing")
    content_option(checker)
    checker.add_argument("--strict", action="store_true", help="treat warnings as errors")

    cleaner = commands.add_parser("clean", help="print the cleaned article body of each FILE")
    cleaner.add_argument("files", nargs="+", metavar="FILE")
    cleaner.add_argument("--explain", action="store_true", help="print what was removed and why")

    extractor = commands.add_parser("extract", help="print quotes, people, figures… as JSON Lines")
    extractor.add_argument("files", nargs="+", metavar="FILE")
    content_option(extractor)

    scorer = commands.add_parser("eval", help="score a stage against an annotated corpus")
    scorer.add_argument(
        "stage", choices=["clean", "quotes", "rounds", "titles", "pages", "html", "scrapes"]
    )
    scorer.add_argument("corpus", metavar="CORPUS")
    content_option(scorer)
    scorer.add_argument(
        "--baselines", action="store_true", help="clean: also score jusText and trafilatura"
    )
    scorer.add_argument(
        "--half",
        type=int,
        choices=[1, 2],
        help="score one half of the corpus only (copies of a story stay in one half): write "
        "rules while reading one half, measure them on the other",
    )

    bencher = commands.add_parser("bench", help="synthetic corpus and build benchmark")
    actions = bencher.add_subparsers(dest="action", required=True, metavar="ACTION")
    generator = actions.add_parser("generate", help="write a synthetic content folder to OUT")
    generator.add_argument("path", metavar="OUT")
    generator.add_argument("--articles", type=int, default=1000)
    generator.add_argument("--rounds", type=int, default=20)
    generator.add_argument("--seed", type=int, default=1)
    stages = actions.add_parser(
        "stages", help="time cleaning and extraction of N articles from FOLDER on one core"
    )
    stages.add_argument("path", metavar="FOLDER")
    stages.add_argument("--articles", type=int, default=1000)
    stages.add_argument("--size-kb", type=float, default=5.0, help="article size (default 5)")
    runner = actions.add_parser("run", help="time a cold build and a one-edit rebuild of CONTENT")
    runner.add_argument("path", metavar="CONTENT")
    runner.add_argument("--work", default=".bench", help="scratch folder (default: .bench)")
    runner.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
    sweeper = actions.add_parser(
        "sweep", help="cold build, rebuild and peak memory per corpus size, as one table"
    )
    sweeper.add_argument(
        "--sizes",
        type=lambda text: [int(size) for size in text.split(",")],
        default=[1000, 10000, 30000],
        help="article counts, comma-separated (default 1000,10000,30000; add 100000 at will)",
    )
    sweeper.add_argument("--work", default=".bench", help="scratch folder (default: .bench)")
    sweeper.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
    sweeper.add_argument("--seed", type=int, default=1)

    starter = commands.add_parser(
        "init", help="write a new project (example content, settings, Pages workflow) to DIR"
    )
    starter.add_argument("path", metavar="DIR", help="a new or empty folder")
    starter.add_argument(
        "--install",
        metavar="REQUIREMENT",
        help="what the Pages workflow installs Trade-Talk Digest from, in pip syntax "
        "(default: where this copy came from, else its name and version)",
    )

    server = commands.add_parser("serve", help="live preview at http://127.0.0.1:8000")
    site_options(server)
    server.add_argument("--port", type=int, default=8000)
    return parser


COMMANDS = {
    "build": build,
    "check": check,
    "clean": clean,
    "extract": extract,
    "eval": evaluate,
    "serve": serve,
    "bench": bench,
    "init": init,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DigestError as error:
        _print_problems(error.problems)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted; the previous site is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`digest clean … | head`): stop quietly, as Unix tools
        # do; stdout goes nowhere so that Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        # A file or folder the system refused (permissions, a full disk, one that vanished):
        # named with the reason, not a traceback.
        where = error.filename if error.filename is not None else "digest"
        print(f"{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_CONTENT
