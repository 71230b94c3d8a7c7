"""Texts the tests write themselves: a small content folder and a wire story."""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

from digest.model import Person, Role

REPO = Path(__file__).resolve().parents[1]
RENDERER_ARGS: tuple[str, ...] = (
    ("--renderer", os.environ["DIGEST_TEST_RENDERER"])
    if os.environ.get("DIGEST_TEST_RENDERER")
    else ()
)
"""`digest build` options for the renderer the tests build with: `DIGEST_TEST_RENDERER`
(the Pages workflow's ProperDocs job sets it), else the site's own setting."""
SHARED = REPO.parent / "shared"

ROUNDS_YML = """\
- id: 2019-05-washington
  title: Washington talks, May 2019
  start: 2019-05-09
  end: 2019-05-10
  location: Washington
  kind: ministerial
  delegations:
    us: [robert-lighthizer, steven-mnuchin]
    china: [liu-he]
  outcome: Ended without a deal as US tariffs rose to 25 percent.
- id: 2019-07-shanghai
  title: Shanghai talks, July 2019
  start: 2019-07-30
  end: 2019-07-31
  location: Shanghai
  kind: ministerial
  delegations:
    us: [robert-lighthizer, steven-mnuchin]
    china: [liu-he]
  outcome: Short talks; the sides agreed to meet again in September.
- id: 2019-10-washington
  title: Washington talks, October 2019
  start: 2019-10-10
  end: 2019-10-11
  location: Washington
  kind: ministerial
  delegations:
    us: [robert-lighthizer, steven-mnuchin]
    china: [liu-he]
"""

PEOPLE_YML = """\
- id: robert-lighthizer
  name: Robert Lighthizer
  aliases: [Lighthizer]
  side: us
  roles:
    - {title: US Trade Representative, from: 2017-05-15, to: 2021-01-20}
- id: steven-mnuchin
  name: Steven Mnuchin
  aliases: [Mnuchin]
  side: us
  roles:
    - {title: US Treasury Secretary, from: 2017-02-13, to: 2021-01-20}
- id: liu-he
  name: Liu He
  side: china
  roles:
    - {title: Vice Premier, from: 2018-03-19, to: 2023-03-12}
"""

TOPICS_YML = """\
- id: tariffs
  title: Tariffs
  keywords: [tariff, tariffs, duties]
- id: agriculture
  title: Agriculture purchases
  keywords: [soybeans, farm goods]
"""

WIRE_STORY = """\
WASHINGTON - Chinese Vice Premier Liu He and US Trade Representative Robert Lighthizer held two
days of talks in Washington on Thursday and Friday as new US tariffs took effect.

The United States raised tariffs on $200 billion of Chinese goods to 25 percent from 10 percent
on Friday, and the talks ended without an agreement.

Treasury Secretary Steven Mnuchin told reporters the discussions had been constructive and that
no new meeting had been scheduled.

Both sides said soybeans and other farm goods remained part of the discussion.
"""


# Three paragraphs of story prose for the cleaner tests: what must survive any rule.
P1 = (
    "Negotiators from the two countries met for a second day on Tuesday, trading proposals "
    "on farm purchases and the tariffs that both sides have imposed since the spring."
)
P2 = (
    "Officials said the talks were candid and that the delegations would report back to "
    "their capitals before deciding whether to schedule another round next month."
)
P3 = (
    "Analysts cautioned that any agreement would leave the harder questions about industrial "
    "subsidies and technology transfer for a later stage of the negotiations."
)


def article(front: dict[str, str], body: str) -> str:
    """An article file: YAML front matter and a body."""
    lines = [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body)


def build_site(content: Path, out: Path, work: Path, *extra: str) -> int:
    """Run `digest build` with its scratch folders (Markdown, cache) under `work`."""
    from digest.cli import main

    return main(build_arguments(content, out, work, *RENDERER_ARGS, *extra))


def build_arguments(content: Path, out: Path, work: Path, *extra: str) -> list[str]:
    """The arguments of `digest build` with its scratch folders (Markdown, cache) under `work`."""
    return [
        "build",
        "--content",
        str(content),
        "--out",
        str(out),
        "--build-dir",
        str(work / "build"),
        "--cache-dir",
        str(work / "cache"),
        "--config",
        str(REPO / "mkdocs.yml"),
        *extra,
    ]


NEGOTIATORS = (
    Person(
        "donald-trump",
        "Donald Trump",
        ("Trump", "President Trump"),
        "us",
        (
            Role("US President", date(2017, 1, 20), date(2021, 1, 20)),
            Role("US President", date(2025, 1, 20)),
        ),
    ),
    Person(
        "steven-mnuchin",
        "Steven Mnuchin",
        ("Mnuchin",),
        "us",
        (Role("US Treasury Secretary", date(2017, 2, 13), date(2021, 1, 20)),),
    ),
    Person(
        "scott-bessent",
        "Scott Bessent",
        ("Bessent",),
        "us",
        (Role("US Treasury Secretary", date(2025, 1, 28)),),
    ),
    Person(
        "liu-he",
        "Liu He",
        ("Liu",),
        "china",
        (Role("Vice Premier", date(2018, 3, 19), date(2023, 3, 12)),),
    ),
    Person(
        "he-lifeng",
        "He Lifeng",
        (),
        "china",
        (Role("Vice Premier", date(2023, 3, 12)),),
    ),
    Person("gao-feng", "Gao Feng", (), "china", (Role("Commerce ministry spokesman"),)),
    Person(
        "xi-jinping",
        "Xi Jinping",
        ("Xi", "President Xi"),
        "china",
        (Role("Chinese President", date(2013, 3, 14)),),
    ),
)
"""People the extraction tests resolve names, titles and pronouns against."""
