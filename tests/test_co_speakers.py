"""Sources that name several speakers ("Mr. Grassley and Mr. Leahy said"): each gets a voice."""

from __future__ import annotations

import pytest
from parsed import report_of
from rich.console import Console

import sayso
from sayso.cli.render import attribution_renderable

#: Two senators speak together; a lawyer speaks for a couple; a strategist works for a candidate; one
#: of two candidates ("or") speaks.
JOINT = (
    "Senators press the department.\n\n"
    "Senator Charles Grassley of Iowa and Senator Patrick Leahy of Vermont wrote to the Justice Department "
    "on Monday. Mr. Grassley and Mr. Leahy said the department had failed to answer their questions.\n\n"
    "Hillary Clinton, Bernie Sanders and Martin O'Malley said on Sunday that the debate had been fair.\n\n"
    "Alan Gold, a lawyer for both Donald and Ivana Trump, said the divorce papers were sealed.\n\n"
    "Geoff Garin, a strategist for Mrs. Clinton, said the polls would tighten.\n\n"
    "Ted Cruz and John Kasich campaigned in Ohio. Mr. Cruz or Mr. Kasich told reporters that the delegates "
    "would decide."
)


@pytest.fixture(scope="module")
def report() -> sayso.ArticleReport:
    return report_of(JOINT)


def _by_source(report: sayso.ArticleReport, source: str) -> sayso.Attribution:
    found = [a for a in report.attributions if a.source is not None and a.source.text.startswith(source)]
    assert found, [(a.source and a.source.text) for a in report.attributions]
    return found[0]


def test_every_name_of_a_joint_source_is_a_speaker(report: sayso.ArticleReport) -> None:
    senators = _by_source(report, "Mr. Grassley and Mr. Leahy")
    assert senators.speaker is not None and senators.speaker.name == "Charles Grassley"
    assert [c.name for c in senators.co_speakers] == ["Patrick Leahy"]
    assert senators.source_kind == "named_person"
    three = _by_source(report, "Hillary Clinton, Bernie Sanders and Martin O'Malley")
    assert three.speaker is not None and three.speaker.name == "Hillary Clinton"
    assert [c.name for c in three.co_speakers] == ["Bernie Sanders", "Martin O'Malley"]
    ids = {e.name: e.id for e in report.entities}
    assert [c.entity_id for c in three.co_speakers] == [ids["Bernie Sanders"], ids["Martin O'Malley"]]


def test_names_that_only_qualify_the_source_are_no_speakers(report: sayso.ArticleReport) -> None:
    for source, speaker in (("Alan Gold", "Alan Gold"), ("Geoff Garin", "Geoff Garin"),
                            ("Mr. Cruz or Mr. Kasich", "Ted Cruz")):
        a = _by_source(report, source)
        assert a.speaker is not None and a.speaker.name == speaker
        assert a.co_speakers == ()


def test_co_speakers_count_in_the_summary_and_round_trip(report: sayso.ArticleReport) -> None:
    counts = {c.key: c.count for c in report.sourcing_summary.speakers}
    assert counts.get("Patrick Leahy") == 1 and counts.get("Martin O'Malley") == 1
    assert sayso.ArticleReport.from_dict(report.to_dict()) == report
    # A report written before co_speakers existed reads as one with none.
    old = report.to_dict()
    for a in old["attributions"]:
        del a["co_speakers"]
    assert all(a.co_speakers == () for a in sayso.ArticleReport.from_dict(old).attributions)


def test_the_terminal_report_names_them_all(report: sayso.ArticleReport) -> None:
    console = Console(width=200, record=True)
    console.print(attribution_renderable(_by_source(report, "Mr. Grassley and Mr. Leahy")))
    assert "Charles Grassley and Patrick Leahy" in console.export_text()
    console.print(attribution_renderable(_by_source(report, "Hillary Clinton, Bernie Sanders")))
    assert "Hillary Clinton, Bernie Sanders and Martin O'Malley" in console.export_text()
