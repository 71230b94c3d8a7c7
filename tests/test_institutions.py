"""Institutions as speakers: institutions.yml loading, name matching and attribution."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digest.extract import extract
from digest.extract.mentions import index_institutions
from digest.load import load_content, load_reference
from digest.model import DigestError, Institution
from tests.support import NEGOTIATORS, article

BODIES = (
    Institution("ruritania-trade", "Ruritanian Ministry of Trade", ("Trade Ministry",), "other"),
    Institution("commerce", "Ministry of Commerce", ("MOFCOM", "Commerce Ministry"), "china"),
    Institution("wire", "Ruritania Wire Agency", ("RWA",), "other"),
    Institution("us-commerce", "Department of Commerce", ("Commerce Department",), "us"),
)
INDEX = index_institutions(BODIES)

INSTITUTIONS_YML = """\
- id: press-office
  name: Press Office of Ruritania
  aliases: [Ruritanian press office]
  side: other
- id: wire
  name: Ruritania Wire Agency
  aliases: [RWA]
"""


def quotes(text: str, bodies: tuple[Institution, ...] = BODIES) -> list[tuple[str, str | None]]:
    result = extract(
        text, published=date(2019, 5, 10), people=NEGOTIATORS, topics=(), institutions=bodies
    )
    return [(q.text, q.speaker) for q in result.quotes]


def test_body_matched_regardless_of_word_order_and_country_possessive():
    assert INDEX.find("China's Commerce Ministry").id == "commerce"
    assert INDEX.find("the Ministry of Commerce").id == "commerce"


def test_body_of_one_side_not_matched_with_the_other_country():
    assert INDEX.find("the U.S. Commerce Department").id == "us-commerce"
    assert INDEX.find("the U.S. Commerce Ministry") is None


def test_body_with_extra_words_is_another_body():
    assert INDEX.find("Ruritania's Commerce Ministry spokesman") is None


def test_description_refers_back_to_the_body_named_before():
    text = (
        "The note was carried by the official Ruritania Wire Agency on Sunday.\n\n"
        "“Both sides made progress,” the state news agency said."
    )
    assert quotes(text) == [("Both sides made progress,", "Ruritania Wire Agency")]


def test_description_named_as_the_article_credits_the_body_elsewhere():
    text = (
        "The note was carried by the official Ruritania Wire Agency on Sunday.\n\n"
        "“Both sides made progress,” the state news agency said.\n\n"
        "“Talks will go on,” RWA said."
    )
    assert quotes(text) == [
        ("Both sides made progress,", "RWA"),
        ("Talks will go on,", "RWA"),
    ]


def test_description_without_a_listed_body_is_kept_as_written():
    text = "“Both sides made progress,” the state news agency said."
    assert quotes(text) == [("Both sides made progress,", "the state news agency")]


def test_institutions_file_loads(make_content):
    root = make_content(extra={"institutions.yml": INSTITUTIONS_YML})
    content = load_content(root)
    assert [(b.id, b.side) for b in content.institutions] == [
        ("press-office", "other"),
        ("wire", None),
    ]
    assert load_reference(root).institutions == content.institutions


def test_institutions_file_is_optional(make_content):
    assert load_content(make_content()).institutions == ()


def _problems(root: Path) -> list[str]:
    with pytest.raises(DigestError) as caught:
        load_content(root)
    return [str(p) for p in caught.value.problems]


def test_name_shared_by_two_bodies_is_located(make_content):
    clash = INSTITUTIONS_YML + "- id: wire-two\n  name: Agency Ruritania Wire\n"
    [problem] = _problems(make_content(extra={"institutions.yml": clash}))
    assert "institutions.yml:8: institution 'wire-two'" in problem
    assert "also names institution 'wire' (line 5)" in problem


def test_unknown_institution_key_suggests_the_close_one(make_content):
    typo = INSTITUTIONS_YML.replace("  aliases: [RWA]", "  alias: [RWA]")
    [problem] = _problems(make_content(extra={"institutions.yml": typo}))
    assert "institutions.yml:7:" in problem and "did you mean 'aliases'?" in problem


def test_wrong_side_names_the_choices(make_content):
    wrong = INSTITUTIONS_YML.replace("side: other", "side: ruritania")
    [problem] = _problems(make_content(extra={"institutions.yml": wrong}))
    assert "institutions.yml:4:" in problem and "us, china, other" in problem


STATEMENT_STORY = """\
BEIJING - The Ruritania Wire Agency said on Friday that the trade talks in Washington would
go on.

"Both sides made real progress on farm goods," the Ruritania Wire Agency said.

"The new tariffs on farm goods must be lifted before any deal is signed," RWA said.

"Nothing is agreed yet," Evening Courier Ruritania said.
"""
COURIER_YML = """\
- id: courier
  name: Evening Courier Ruritania
"""


def _site(make_content, institutions: str | None) -> tuple[dict[str, str], list[str]]:
    from digest.pipeline import run
    from digest.render import RenderOptions, render_site

    body = article({"title": "Talks go on", "published": "2019-05-10"}, STATEMENT_STORY)
    extra = {"institutions.yml": institutions} if institutions else {}
    data = run(load_content(make_content({"articles/wire.txt": body}, extra=extra)))
    return render_site(data, RenderOptions()), [str(w) for w in data.warnings]


def test_institution_page_lists_statements_under_every_name(make_content):
    files, _ = _site(make_content, INSTITUTIONS_YML)
    page = files["institutions/wire.md"]
    assert "Both sides made real progress on farm goods," in page
    assert "The new tariffs on farm goods must be lifted before any deal is signed," in page
    assert "[Ruritania Wire Agency](wire.md)" in files["institutions/index.md"]


def test_listed_body_is_not_reported_as_missing_from_people(make_content):
    _, unlisted = _site(make_content, None)  # first: the folder keeps the file once written
    _, listed = _site(make_content, INSTITUTIONS_YML + COURIER_YML)
    assert any("'Evening Courier Ruritania' is not in people.yml" in w for w in unlisted)
    assert not any("is not in people.yml" in w for w in listed)


def test_description_refers_back_to_an_unlisted_body_named_before():
    text = (
        "The Ruritanian Trade Bureau issued new rules on Friday.\n\n"
        "“They take effect on Monday,” the bureau said."
    )
    assert quotes(text) == [("They take effect on Monday,", "Ruritanian Trade Bureau")]


def test_description_refers_back_to_a_body_named_with_its_complement():
    text = "The Bureau of Trade of Ruritania met. “Rules take effect soon,” the bureau said."
    assert quotes(text) == [("Rules take effect soon,", "Bureau of Trade of Ruritania")]


def test_listed_name_found_whichever_way_the_country_is_spelled():
    body = Institution("office", "Office of the US Envoy", ("US Envoy's office",), "us")
    text = (
        "The U.S. Envoy’s office published a notice on Friday.\n\n"
        "“The rules take effect soon,” the office said."
    )
    assert quotes(text, (body,)) == [("The rules take effect soon,", "U.S. Envoy’s office")]
