"""Benchmarks: a synthetic content folder generator and a per-stage timer.

`generate` writes a deterministic content folder of realistic-looking articles (boilerplate,
quotes, figures, syndicated copies) around synthetic rounds. `run` times each stage of a cold
build and of a rebuild after one article changes, with peak memory. All prose here is the
project's own filler text, not any publisher's.
"""

from __future__ import annotations

import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

PLACES = [
    "Washington",
    "Beijing",
    "Geneva",
    "London",
    "Stockholm",
    "Madrid",
    "Kuala Lumpur",
    "Shanghai",
    "Osaka",
    "Buenos Aires",
    "Busan",
    "Singapore",
    "Paris",
    "Tokyo",
    "Seoul",
]
FIRST = [
    "Alex",
    "Maria",
    "Chen",
    "Li",
    "Sam",
    "Wang",
    "Jordan",
    "Zhou",
    "Taylor",
    "Zhang",
    "Robin",
    "Sun",
    "Morgan",
    "Liu",
    "Casey",
    "Huang",
    "Jamie",
    "Gao",
    "Drew",
    "Xu",
]
LAST = [
    "Carter",
    "Fang",
    "Reyes",
    "Guo",
    "Hughes",
    "Lin",
    "Porter",
    "Ma",
    "Bennett",
    "Zhao",
    "Sullivan",
    "Tang",
    "Fischer",
    "Deng",
    "Navarro",
    "Qian",
    "Ortega",
    "Shen",
    "Walsh",
    "Feng",
]
TITLES_US = ["Treasury Secretary", "Trade Representative", "Commerce Secretary"]
TITLES_CN = ["Vice Premier", "Commerce Minister", "Vice Commerce Minister"]
GOODS = [
    "soybeans",
    "semiconductors",
    "steel",
    "aircraft parts",
    "pork",
    "solar panels",
    "rare earths",
    "machinery",
    "furniture",
    "electric vehicles",
    "chemicals",
    "cotton",
]
ADJECTIVES = [
    "constructive",
    "candid",
    "difficult",
    "productive",
    "frank",
    "tense",
    "detailed",
    "useful",
    "lengthy",
    "brief",
    "cordial",
    "substantive",
]
VERBS = ["pressed", "urged", "warned", "told", "assured", "reminded", "challenged", "asked"]
ISSUES = [
    "market access",
    "export controls",
    "currency practices",
    "industrial subsidies",
    "intellectual property",
    "technology transfer",
    "farm purchases",
    "fentanyl",
    "enforcement",
    "shipping fees",
    "investment rules",
    "data security",
]
OUTLETS = [
    f"{a} {b}"
    for a in ("Harbor", "Summit", "Meridian", "Pacific", "Capital")
    for b in ("Times", "Wire", "Post", "Daily")
]
TALKS = ["talks", "negotiations", "discussions", "meetings", "consultations", "sessions"]
SAID = ["said", "noted", "added", "stressed", "told reporters", "remarked", "insisted"]
AIDES = ["officials", "aides", "diplomats", "negotiators", "advisers", "staff members"]
OPENED = ["opened", "began", "resumed", "held", "wrapped up", "continued", "concluded"]
MOVED = ["rose", "fell", "climbed", "slipped", "edged up", "dropped", "jumped", "eased"]
SOURCES = [
    "people briefed on the session",
    "participants",
    "attendees",
    "insiders",
    "delegates",
    "observers",
    "analysts",
    "sources",
]
SENTENCES = [
    "{a} and {b} {opened} {adj} {talks} in {place} on {day}, {n} weeks after the last round.",
    "The delegations spent {n} hours on {issue} and {issue2}, {aides} {said} on {day}.",
    "{a} {verb} {b} over {issue}, according to {n2} {source}.",
    "Tariffs of {pct} percent on ${bn} billion of {goods} {remain} for now.",
    "Analysts at {outlet} estimated {goods} exports could rise by {pct2} percent by {month}.",
    "Markets in {place2} {moved} {pct3} percent as traders weighed the {adj} tone.",
    "A follow-up on {issue} is {planned} for {month} in {place2}, {aides} {said}.",
    "Purchases of {goods} worth ${bn2} billion came up alongside {issue}.",
    "{b} later met {n2} business leaders in {place} about {issue2} and {goods}.",
    "The {adj} mood on {day} contrasted with {n} months of measures on {goods}.",
]
OPENINGS = [
    "{a} {said} that",
    "According to {aides},",
    "On {day},",
    "In {place},",
    "Separately,",
    "Earlier in the week,",
    "Behind closed doors,",
    "By late afternoon,",
    "As {talks} went on,",
    "For {b},",
    "People close to {b} {said}",
    "Speaking in {place2},",
    "Meanwhile,",
]
SUBJECTS = [
    "the {adj} {talks}",
    "exporters of {goods}",
    "buyers of {goods}",
    "the two teams",
    "{n2} senior {aides}",
    "traders in {place2}",
    "the {issue} working group",
    "investors watching {goods}",
    "farm groups",
    "chip makers",
    "shipping firms",
    "lawmakers",
]
PREDICATES = [
    "{moved} their forecasts for {goods} by {pct2} percent",
    "pressed for movement on {issue} before {month}",
    "weighed a ${bn2} billion purchase plan covering {goods}",
    "pushed back on {issue} in {place}",
    "sought clarity on {issue2} and {issue}",
    "described the mood as {adj} but {adj2}",
    "expect a decision on {goods} tariffs of {pct} percent",
    "questioned whether {issue} rules would {move} first",
    "tracked {n} separate proposals on {issue2}",
    "cited ${bn} billion in affected trade",
]
QUOTES = [
    "“We had {adj} {talks} on {issue},” {a} {said} in {place}.",
    "“The door remains open on {goods},” {b} {said}, “but {issue} must {move} first.”",
    "{a} called the session “{adj} and {adj2}” in a statement on {day}.",
]
REMAIN = ["remain in place", "stay in force", "still apply", "are unchanged", "hold"]
PLANNED = ["planned", "pencilled in", "expected", "scheduled", "tentatively set"]
MOVE = ["move", "come", "be settled", "be addressed", "go"]
BOILERPLATE_TOP = [
    "Home | World | Markets | Economy | Opinion",
    "By {reporter} | Updated {hour}:{minute} GMT",
    "Photo: Delegates arrive for talks in {place}. (Staff photographer)",
]
BOILERPLATE_BOTTOM = [
    "Subscribe now for unlimited access to {outlet}.",
    "You have reached your limit of free articles this month.",
    "Monthly plan $9.99 | Annual plan $99",
    "Share this article: Facebook Twitter Email",
    "Read more: {outlet} coverage of the trade talks",
]


@dataclass(frozen=True)
class _Round:
    id: str
    start: date
    end: date
    place: str
    us: tuple[str, str]
    china: tuple[str, str]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _fill(template: str, rng: random.Random, round_: _Round, outlet: str, day: date) -> str:
    return template.format(
        a=f"{rng.choice(TITLES_US)} {round_.us[0]}",
        b=f"{rng.choice(TITLES_CN)} {round_.china[0]}",
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(ADJECTIVES),
        verb=rng.choice(VERBS),
        place=round_.place,
        place2=rng.choice(PLACES),
        day=f"{day:%B} {day.day}",
        month=f"{day + timedelta(days=40):%B}",
        n=rng.randint(2, 12),
        n2=rng.randint(2, 9),
        issue=rng.choice(ISSUES),
        issue2=rng.choice(ISSUES),
        goods=rng.choice(GOODS),
        pct=rng.choice([10, 15, 20, 25, 30]),
        pct2=rng.randint(2, 40),
        pct3=round(rng.uniform(0.1, 3.0), 1),
        bn=rng.randint(16, 360),
        bn2=rng.randint(5, 80),
        outlet=outlet,
        reporter=_person(rng),
        hour=rng.randint(0, 23),
        minute=f"{rng.randint(0, 59):02d}",
        talks=rng.choice(TALKS),
        said=rng.choice(SAID),
        aides=rng.choice(AIDES),
        opened=rng.choice(OPENED),
        moved=rng.choice(MOVED),
        source=rng.choice(SOURCES),
        remain=rng.choice(REMAIN),
        planned=rng.choice(PLANNED),
        move=rng.choice(MOVE),
    )


def _article_text(rng: random.Random, round_: _Round, outlet: str, day: date) -> str:
    top = [_fill(line, rng, round_, outlet, day) for line in BOILERPLATE_TOP]
    body = []
    for _ in range(rng.randint(6, 10)):
        sentences = []
        for _ in range(2):
            roll = rng.random()
            if roll < 0.25:
                template = rng.choice(QUOTES)
            elif roll < 0.5:
                template = rng.choice(SENTENCES)
            else:  # free combinations: independent reports share few five-word runs
                opening, subject = rng.choice(OPENINGS), rng.choice(SUBJECTS)
                template = f"{opening} {subject} {rng.choice(PREDICATES)}."
            sentence = _fill(template, rng, round_, outlet, day)
            sentences.append(sentence[0].upper() + sentence[1:])
        body.append(" ".join(sentences))
    bottom = [_fill(line, rng, round_, outlet, day) for line in BOILERPLATE_BOTTOM]
    headline = f"{round_.place} talks: {rng.choice(ADJECTIVES)} day on {rng.choice(ISSUES)}"
    return "\n\n".join([*top, headline, f"{round_.place.upper()} - " + body[0], *body[1:], *bottom])


def generate(out: Path, articles: int, rounds: int, seed: int = 1) -> None:
    """Write a synthetic content folder of `articles` articles over `rounds` rounds to `out`."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    names = sorted({_person(rng) for _ in range(24)})
    rng.shuffle(names)
    us_people, cn_people = sorted(names[: len(names) // 2]), sorted(names[len(names) // 2 :])
    plan: list[_Round] = []
    day = date(2018, 1, 8)
    for index in range(rounds):
        day += timedelta(days=rng.randint(12, 30))
        length = rng.randint(0, 2)
        plan.append(
            _Round(
                f"r{index:04d}-{day:%Y-%m}",
                day,
                day + timedelta(days=length),
                rng.choice(PLACES),
                (rng.choice(us_people), rng.choice(us_people)),
                (rng.choice(cn_people), rng.choice(cn_people)),
            )
        )
    people = [
        {
            "id": name.lower().replace(" ", "-"),
            "name": name,
            "side": side,
            "roles": [{"title": rng.choice(titles), "from": date(2017, 1, 1)}],
        }
        for side, names, titles in (("us", us_people, TITLES_US), ("china", cn_people, TITLES_CN))
        for name in names
    ]
    (out / "people.yml").write_text(yaml.safe_dump(people, sort_keys=False), "utf-8")
    (out / "rounds.yml").write_text(
        yaml.safe_dump(
            [
                {
                    "id": r.id,
                    "start": r.start,
                    "end": r.end,
                    "location": r.place,
                    "kind": "ministerial",
                    "delegations": {
                        "us": [p.lower().replace(" ", "-") for p in r.us],
                        "china": [p.lower().replace(" ", "-") for p in r.china],
                    },
                }
                for r in plan
            ],
            sort_keys=False,
        ),
        "utf-8",
    )
    previous: tuple[str, _Round, date] | None = None
    for index in range(articles):
        round_ = plan[index % rounds]
        outlet = rng.choice(OUTLETS)
        published = round_.end + timedelta(days=rng.randint(0, 2))
        if previous is not None and rng.random() < 0.1:
            text, round_, published = previous  # a syndicated copy under another outlet
        else:
            text = _article_text(rng, round_, outlet, published)
            previous = (text, round_, published)
        meta = {
            "title": f"Article {index} on the {round_.place} talks",
            "outlet": outlet,
            "url": f"https://news.example/{published:%Y/%m/%d}/article-{index}",
            "published": published,
        }
        folder = out / "articles" / f"{published:%Y}"
        folder.mkdir(exist_ok=True)
        front = yaml.safe_dump(meta, sort_keys=False)
        (folder / f"article-{index:05d}.md").write_text(f"---\n{front}---\n{text}\n", "utf-8")


@dataclass(frozen=True)
class TimedBuild:
    """One `digest build`: its wall time end to end (process start to exit) and per stage."""

    seconds: float
    stages: dict[str, float]
    files_changed: int
    """Docs files the build wrote (pages, API files, feeds): what MkDocs had to render."""


def timed_build(content_dir: Path, work: Path, config: Path) -> TimedBuild:
    """Run `digest build` in a new process, as an editor or CI would, and time it."""
    timings = work / "timings.json"
    command = [
        sys.executable,
        "-m",
        "digest",
        "build",
        "--content",
        str(content_dir),
        "--out",
        str(work / "site"),
        "--build-dir",
        str(work),
        "--cache-dir",
        str(work / "cache"),
        "--config",
        str(config),
        "--timings",
        str(timings),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"digest build failed:\n{result.stderr}")
    changed = _FILES_CHANGED.search(result.stderr)
    return TimedBuild(
        seconds, json.loads(timings.read_text("utf-8")), int(changed.group(1)) if changed else 0
    )


_FILES_CHANGED = re.compile(r"(\d+) files changed")


def peak_memory_mb() -> float:
    """Peak resident memory of the largest finished child process (a build), in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


REBUILDS = 3
"""Rebuilds timed after a cold build for each kind of edit, each after one more article edit;
the median is quoted, because single runs on a shared machine vary by a second."""


def _paragraph_added(text: str) -> str:
    """The article with a paragraph added at its end."""
    return text + "\nA late paragraph added by the benchmark's edit.\n"


_TITLE_LINE = re.compile(r"^title: *(.*)$", re.MULTILINE)


def _headline_changed(text: str) -> str:
    """The article with its front matter's headline changed (one added where it has none)."""
    if _TITLE_LINE.search(text):
        return _TITLE_LINE.sub(r"title: \1 (updated by the benchmark)", text, count=1)
    headline = "title: Updated by the benchmark\n"
    if text.startswith("---\n"):
        return text.replace("---\n", "---\n" + headline, 1)
    return "---\n" + headline + "---\n" + text


EDITS: dict[str, tuple[Callable[[str], str], float]] = {
    "no page shows (a paragraph added)": (_paragraph_added, 0.0),
    "its round page shows (its headline changed)": (_headline_changed, 0.5),
}
"""The kinds of one-article edit a rebuild is timed after: what the edit does to an article's
file, and where in the folder the edited articles start (as a share of one step between
them). A paragraph the round page does not choose changes no page, so MkDocs has nothing to
render; a new headline changes the article's line in its round's coverage list, the API and
the report, so one page is rendered again."""


def run(content_dir: Path, work: Path, config: Path) -> list[str]:
    """Lines reporting a cold build and rebuilds after one article edit of each kind
    (`EDITS`), stage by stage."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    cold = timed_build(content_dir, work, config)
    lines = [f"cold build: {cold.seconds:.2f} s end to end"]
    lines.extend(f"  {stage:<28} {seconds:8.2f} s" for stage, seconds in cold.stages.items())
    articles = sorted((content_dir / "articles").rglob("*.md"))
    for kind, (edit, offset) in EDITS.items():
        edited = [articles[int(len(articles) * (n + offset) / REBUILDS)] for n in range(REBUILDS)]
        originals = {path: path.read_text("utf-8") for path in edited}
        rebuilds = []
        try:
            for path in edited:
                path.write_text(edit(originals[path]), "utf-8")
                rebuilds.append(timed_build(content_dir, work, config))
        finally:
            for path, text in originals.items():
                path.write_text(text, "utf-8")
        middle = sorted(rebuilds, key=lambda build: build.seconds)[len(rebuilds) // 2]
        each = ", ".join(f"{build.seconds:.2f}" for build in rebuilds)
        changed = ", ".join(str(build.files_changed) for build in rebuilds)
        lines.append(
            f"rebuild after one article edit {kind}: median {middle.seconds:.2f} s end to end "
            f"({each} s; docs files changed: {changed}); stages of the median run:"
        )
        lines.extend(f"  {stage:<28} {seconds:8.2f} s" for stage, seconds in middle.stages.items())
    lines.append(f"peak memory: {peak_memory_mb():.0f} MB")
    index = work / "site" / "search" / "search_index.json"
    if index.exists():
        lines.append(f"search index: {index.stat().st_size / 1e6:.2f} MB")
    return lines


ARTICLES_PER_ROUND = 100
"""Articles per round in a sweep's corpora: the 10,000-article benchmark's 100 rounds."""


@dataclass(frozen=True)
class SweepRow:
    """One size of a sweep: its corpus and what building it cost."""

    articles: int
    rounds: int
    cold: float
    rebuild: float
    """Median rebuild after an edit no page shows."""
    page_rebuild: float
    """Median rebuild after an edit its round page shows."""
    peak_mb: float


_COLD = re.compile(r"^cold build: ([0-9.]+) s")
_REBUILD = re.compile(r"no page shows.*: median ([0-9.]+) s")
_PAGE_REBUILD = re.compile(r"round page shows.*: median ([0-9.]+) s")
_PEAK = re.compile(r"^peak memory: ([0-9.]+) MB")


def sweep_size(articles: int, work: Path, config: Path, seed: int = 1) -> SweepRow:
    """Generate a corpus of `articles` and run the benchmark on it in a process of its own
    (so that its peak memory is its own, not the largest of the sweep so far)."""
    rounds = max(1, articles // ARTICLES_PER_ROUND)
    content = work / f"content-{articles}"
    if content.exists():
        shutil.rmtree(content)
    generate(content, articles, rounds, seed)
    command = [sys.executable, "-m", "digest", "bench", "run", str(content)]
    command += ["--work", str(work / f"build-{articles}"), "--config", str(config)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"benchmark of {articles} articles failed:\n{result.stderr}")
    lines = result.stdout.splitlines()

    def figure(pattern: re.Pattern[str]) -> float:
        return float(next(m.group(1) for line in lines if (m := pattern.search(line))))

    return SweepRow(
        articles, rounds, figure(_COLD), figure(_REBUILD), figure(_PAGE_REBUILD), figure(_PEAK)
    )


def sweep(sizes: Sequence[int], work: Path, config: Path, seed: int = 1) -> list[str]:
    """A table of cold build, median one-edit rebuilds (an edit no page shows, one its round
    page shows) and peak memory per corpus size, so
    that how the cost grows with the archive reads off one table."""
    lines = [
        "articles\trounds\tcold (s)\trebuild median (s)\trebuild, page changed, median (s)"
        "\tpeak memory (MB)"
    ]
    for size in sizes:
        row = sweep_size(size, work, config, seed)
        lines.append(
            f"{row.articles}\t{row.rounds}\t{row.cold:.2f}\t{row.rebuild:.2f}"
            f"\t{row.page_rebuild:.2f}\t{row.peak_mb:.0f}"
        )
    return lines


def time_per_article_stages(
    folder: Path, count: int = 1000, size_kb: float = 5.0, repeats: int = 5
) -> list[str]:
    """Lines giving the median one-core time to clean and to extract `count` articles.

    The articles are made from the folder's `.txt`/`.md` files, cycled, consecutive files
    joined until each is about `size_kb` KB; timing repeats `repeats` times and reports the
    median and the spread, so runs can be compared.
    """
    from digest.clean import clean_text
    from digest.extract import extract

    texts = [p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".txt", ".md")]
    if not texts:
        return [f"no .txt or .md articles under {folder}"]
    batch, cursor = [], 0
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) for p in parts) < size_kb * 1000:
            parts.append(texts[cursor % len(texts)])
            cursor += 1
        joined = "\n\n".join(parts)
        cut = joined.rfind("\n\n", 0, int(size_kb * 1000))
        batch.append(joined[:cut] if cut > 0 else joined)
    cleaned = [clean_text(t).text for t in batch]
    size = sum(len(t.encode("utf-8")) for t in batch) / count
    stages = {
        "clean": lambda: [clean_text(t) for t in batch],
        "extract": lambda: [extract(t, published=None, people=(), topics=()) for t in cleaned],
    }
    lines = [f"{count} articles, {size / 1000:.1f} KB on average, {repeats} runs each, one core"]
    for stage, work in stages.items():
        seconds = []
        for _ in range(repeats):
            started = time.process_time()
            work()
            seconds.append(time.process_time() - started)
        seconds.sort()
        lines.append(
            f"  {stage:<8} median {seconds[len(seconds) // 2]:.2f} s "
            f"(min {seconds[0]:.2f}, max {seconds[-1]:.2f})"
        )
    return lines
