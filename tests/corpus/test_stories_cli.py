"""`sayso story ID` in the terminal says what the web's story page says (issue 29)."""

from __future__ import annotations

import json

from test_stories import _senators_store
from typer.testing import CliRunner

from sayso.cli import app


def test_the_terminal_story_has_the_pages_sections_and_json_is_the_pages_data(db_url: str) -> None:
    store = _senators_store(db_url)
    try:
        (story,) = store.stories()
    finally:
        store.close()
    r = CliRunner().invoke(app, ["story", story["id"], "--db", db_url], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    text = r.stdout
    for heading in ("First report", "Relays", "Confirmations and denials on the record", "Timeline",
                    "Each outlet's wording"):
        assert heading in text, (heading, text)
    # What the first report rests on, in the web's words ("Roll Call on Chuck Grassley").
    assert "Roll Call, " in text and "Roll Call on " in text, text
    data = json.loads(CliRunner().invoke(app, ["story", story["id"], "--db", db_url, "--json"]).stdout)
    assert data["first_reports"][0]["publisher"] == "Roll Call" and data["timeline"][0]["rests_on_text"]
    missing = CliRunner().invoke(app, ["story", "s000000000000", "--db", db_url])
    assert missing.exit_code == 1 and "sayso stories" in missing.stderr


def test_story_without_an_id_names_the_argument_and_its_one_line_summary_fits() -> None:
    """`sayso story` alone said "Missing argument 'story_id'"; and its summary in `sayso --help` was the
    docstring's first line cut mid-sentence ("... denials on the")."""
    r = CliRunner().invoke(app, ["story"])
    assert r.exit_code == 2 and "Missing argument 'ID'" in r.output
    listing = " ".join(CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "story One story: its first report and what that rests on, relays, denials, timeline, wordings." in listing
