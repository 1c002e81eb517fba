"""People files in and out of the ledger: the human correction for name matching.

A record's aliases are vouched for, so they decide matches ahead of guesses, and a person the
ledger had kept apart under an alias's exact name is merged into the record's person.
"""

from __future__ import annotations

from collections.abc import Iterable

from onrecord.model import Speaker
from onrecord.people import FIELDS, clean_record, match_person, name_forms, person_key, surname_key
from onrecord.store.ledger import ROLE_UPSERT, LedgerCore, marks


class Ledger(LedgerCore):
    """The full ledger interface; sqlite.py and postgres.py only add the dialect."""

    def import_people(self, records: Iterable[dict]) -> dict:
        """Seed or correct people from people-file records (see people.load_people_file):
        returns how many were created, updated and merged."""
        counts = {"created": 0, "updated": 0, "merged": 0}
        records = [clean_record(r, f"people record {i + 1}") for i, r in enumerate(records)]
        with self._transaction():
            for rec in records:
                speaker = Speaker(
                    name=rec["name"], kind=rec["kind"], forms=rec["aliases"], affiliation=rec["affiliation"]
                )
                forms = name_forms(speaker) or [rec["name"]]
                pid = match_person(speaker, self._candidates(speaker, forms))
                if pid is None:
                    pid = self._ensure_person(speaker, forms, None, scoped=False)
                    counts["created"] += 1
                else:
                    counts["updated"] += 1
                key = person_key(speaker)
                self._execute(
                    "UPDATE people SET name = ?, name_key = ?, surname_key = ?, affiliation = COALESCE(?, affiliation) "
                    "WHERE id = ?",
                    (rec["name"], key, None if rec["kind"] == "organization" else surname_key(rec["name"]),
                     rec["affiliation"], pid),
                )  # fmt: skip
                self._add_forms(pid, forms, rec["kind"], origin="alias")
                if rec["role"]:
                    self._execute(
                        ROLE_UPSERT.format(source="VALUES (?, ?, ?, ?)"),
                        (pid, rec["role"], rec["from"], rec["to"]),
                    )
                keys = sorted({self._form_key(f, rec["kind"]) for f in forms})
                for other in self._all(
                    f"SELECT id FROM people WHERE name_key IN {marks(len(keys))} AND kind = ? AND anonymous = 0 AND id <> ?",
                    [*keys, rec["kind"], pid],
                ):
                    self._merge_person(pid, other["id"])
                    counts["merged"] += 1
        return counts

    def _merge_person(self, keep: str, drop: str) -> None:
        self._execute("UPDATE statements SET person_id = ? WHERE person_id = ?", (keep, drop))
        self._execute(
            "INSERT INTO person_forms (person_id, form, norm, origin) "
            "SELECT ?, form, norm, origin FROM person_forms WHERE person_id = ? ON CONFLICT DO NOTHING",
            (keep, drop),
        )
        self._execute(
            ROLE_UPSERT.format(
                source="SELECT ?, role, first_seen, last_seen FROM person_roles WHERE person_id = ?"
            ),
            (keep, drop),
        )
        for table in ("person_forms", "person_roles"):
            self._execute(f"DELETE FROM {table} WHERE person_id = ?", (drop,))
        self._execute("DELETE FROM people WHERE id = ?", (drop,))

    def people_file_records(self) -> list[dict]:
        """The ledger's people as people-file records, to start a people file from."""
        people = self._decorate(
            self._all(
                "SELECT * FROM people_view WHERE scope IS NULL AND anonymous = 0 AND kind IN ('person', 'organization') "
                "ORDER BY name, id"
            )
        )
        out = []
        for p in people:
            latest = p["role_history"][0] if p["role_history"] else {}
            rec = {
                "name": p["name"],
                "aliases": [f for f in p["forms"] if f != p["name"]],
                "affiliation": p["affiliation"],
                "role": latest.get("role"),
                "kind": p["kind"],
                "from": latest.get("first_seen"),
                "to": latest.get("last_seen"),
            }
            out.append({k: rec[k] for k in FIELDS})
        return out
