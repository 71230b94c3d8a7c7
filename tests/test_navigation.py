"""The site's navigation: what every page carries, so it must not grow with the archive."""

from __future__ import annotations

import json
from pathlib import Path

from digest.model import Content, Person, SiteData
from digest.render import navigation
from tests.support import NEGOTIATORS


def site_with(people: tuple[Person, ...]) -> SiteData:
    content = Content(Path("content"), (), people, (), ())
    return SiteData(content, (), {}, {}, (), ())


def test_person_pages_are_reached_from_the_people_index_not_the_navigation():
    many = NEGOTIATORS + tuple(Person(f"p-{n}", f"Person Number{n}") for n in range(500))
    nav = json.dumps(navigation(site_with(many)))
    assert {"People": "people/index.md"} in navigation(site_with(many))
    assert "people/p-" not in nav and "people/liu-he.md" not in nav
