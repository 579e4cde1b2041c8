"""Stories are grouped once for each generation of the derived rows, not at every page view."""

from __future__ import annotations

from test_stories import _senators_store

from sayso.store import open_store


def test_stories_are_grouped_once_a_generation_and_again_after_a_write(db_url: str, monkeypatch) -> None:
    store = _senators_store(db_url)
    try:
        calls = []
        group = store._group_stories
        monkeypatch.setattr(store, "_group_stories", lambda: calls.append(1) or group())
        first = store.stories()
        (story,) = first
        assert store.stories() == first and store.story(story["id"]) == story
        assert len(calls) == 1, "a second page view grouped the stories again"
        # What a caller does to its copy never reaches the next reader.
        story["timeline"].clear()
        assert store.story(first[0]["id"])["timeline"]
        # Another process's write (here a second Store on the same database) makes a new generation.
        other = open_store(db_url)
        try:
            other.rebuild()
        finally:
            other.close()
        assert store.stories()[0]["n_articles"] == 3 and len(calls) == 2
    finally:
        store.close()
