"""Positions: what each statement takes a stance on (a proposition) and which stance.

`assign_positions(statements)` reads one article's statements together, because a statement often
names its subject only in a neighbour ("it was unlikely", "he would do it"); it sets each
statement's `topic` and `stance` and returns one `Position` per statement that takes a position.
"""

from __future__ import annotations

from .reader import Position, assign_positions, load_position_nlp

__all__ = ["Position", "assign_positions", "load_position_nlp"]
