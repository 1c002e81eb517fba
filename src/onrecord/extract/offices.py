"""Who held the offices that news copy names by title alone ("the president").

A reporter writes "the president" expecting the reader to know who holds the office on
the day of publication; this table is that shared knowledge for the U.S. offices most
often used that way. It only fills in a title the article itself does not tie to a
named person, and users can extend it with a people file.
"""

from __future__ import annotations

# (title as written after "the", holder, from, to) — public record
HOLDERS = [
    ("president", "George W. Bush", "2001-01-20", "2009-01-20"),
    ("president", "Barack Obama", "2009-01-20", "2017-01-20"),
    ("president", "Donald Trump", "2017-01-20", "2021-01-20"),
    ("president", "Joe Biden", "2021-01-20", "2025-01-20"),
    ("president", "Donald Trump", "2025-01-20", "2029-01-20"),
    ("vice president", "Dick Cheney", "2001-01-20", "2009-01-20"),
    ("vice president", "Joe Biden", "2009-01-20", "2017-01-20"),
    ("vice president", "Mike Pence", "2017-01-20", "2021-01-20"),
    ("vice president", "Kamala Harris", "2021-01-20", "2025-01-20"),
    ("vice president", "JD Vance", "2025-01-20", "2029-01-20"),
]


def titles_at(published: str | None) -> dict[str, str]:
    """Title -> holder on the publication date (empty when the date is unknown)."""
    if not published:
        return {}
    day = published[:10]
    return {title: name for title, name, start, end in HOLDERS if start <= day < end}
