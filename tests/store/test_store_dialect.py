"""One SQL text for SQLite and PostgreSQL: a ``?`` or ``%`` that is part of the statement's own
text (a string, a LIKE pattern, a quoted name, a comment) is never taken for a placeholder."""

from __future__ import annotations

from sitrep.store import Store
from sitrep.store.db import numbered_placeholders


def test_literal_question_marks_and_percent_signs_survive_on_both_databases(
    db_url: str,
) -> None:
    with Store(db_url) as store:
        store.set_setting("question", "why? 100% sure")
        store.set_setting("plain", "nothing special")
        db = store.db
        # a LIKE pattern written in SQL holding both characters, next to real placeholders
        matched = db.query(
            "SELECT key FROM settings WHERE value LIKE '%?%' AND value LIKE '%\\%%' ESCAPE '\\' "
            "AND key <> ? ORDER BY key", ("plain",))
        assert matched == [("question",)]
        row = db.execute(
            "SELECT 'is it 50% done?' AS \"what? 10%\", ? || '?', ? -- a ? in a comment\n",
            ("ask", 7)).fetchone()
        assert tuple(row) == ("is it 50% done?", "ask?", 7)
        assert db.scalar("SELECT COUNT(*) FROM settings /* any ? here */ WHERE value = ?",
                         ("why? 100% sure",)) == 1
        # a statement with a '%' and no parameters at all
        assert db.scalar("SELECT COUNT(*) FROM settings WHERE value LIKE '%\\%%' ESCAPE '\\'") \
            == 1


def test_placeholders_are_numbered_only_outside_literals_names_and_comments() -> None:
    sql = "SELECT '?', \"a?\", ? /* ? */, 'it''s ?', ? -- ?\nFROM t WHERE x LIKE '%?' AND y = ?"
    assert numbered_placeholders(sql) == (
        "SELECT '?', \"a?\", $1 /* ? */, 'it''s ?', $2 -- ?\nFROM t WHERE x LIKE '%?' AND y = $3")
