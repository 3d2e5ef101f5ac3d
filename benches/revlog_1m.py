"""Writes the files the import benchmark (benches/import.sh) reads, and holds the
Python reference the import is compared with.

  python3 benches/revlog_1m.py csv FILE [ROWS] [CARDS]
      a review log of ROWS rows (default 1,000,000) over CARDS cards (default 10,000),
      named gen-0 .. gen-N like the cards benches/many_cards.py writes, each card
      reviewed at growing gaps over the year before now, with a mix of ratings.
  python3 benches/revlog_1m.py import FILE DB
      the reference: a plain Python csv + sqlite3 import of FILE into a new database
      DB with tutor's review_log table (same columns, the same UNIQUE key and index,
      WAL, synchronous=FULL, one transaction), checking each field's range as tutor
      does. It does not replay the scheduler or write card states, as tutor does.
"""

import csv
import sqlite3
import sys
import time

DAY_MS = 86_400_000


def write_csv(path, rows, cards):
    per_card = rows // cards
    now = int(time.time() * 1000)
    start = now - 365 * DAY_MS
    ratings = [3, 3, 2, 3, 1, 4, 3]
    gap = max(365 * DAY_MS // (per_card + 1), 60_000)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["card_id", "review_time", "review_rating", "review_state", "review_duration"])
        for c in range(cards):
            at = start + c * 60_000
            for r in range(per_card):
                state = 0 if r == 0 else 2
                w.writerow([f"gen-{c}", at, ratings[(c + r) % 7], state, 4000 + r])
                at += gap


SCHEMA = """
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    card_id TEXT NOT NULL,
    reviewed_at INTEGER NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    state_before INTEGER NOT NULL CHECK (state_before BETWEEN 0 AND 3),
    days_elapsed INTEGER NOT NULL,
    interval_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    local_day INTEGER NOT NULL,
    UNIQUE (card_id, reviewed_at)
) STRICT;
CREATE INDEX review_log_by_day ON review_log (local_day, state_before, rating);
"""


def import_csv(path, db_path):
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(SCHEMA)
    latest = int(time.time() * 1000) + DAY_MS
    rows = []
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = [header.index(c) for c in
                 ["card_id", "review_time", "review_rating", "review_state", "review_duration"]]
        for line, record in enumerate(reader, start=2):
            card, at, rating, state, duration = (record[i] for i in index)
            at, rating, state, duration = int(at), int(rating), int(state), int(duration)
            if not card or not 1_136_073_600_000 <= at <= latest or not 1 <= rating <= 4 \
                    or not 0 <= state <= 3 or duration < 0:
                sys.exit(f"{path}:{line}: bad row")
            rows.append((card, at, rating, state, duration, (at - 4 * 3_600_000) // DAY_MS))
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT OR IGNORE INTO review_log (card_id, reviewed_at, rating, state_before, "
        "days_elapsed, interval_ms, duration_ms, local_day) VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
        rows,
    )
    db.execute("COMMIT")
    print(f"imported {len(rows)} rows")


if __name__ == "__main__":
    if sys.argv[1] == "csv":
        write_csv(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000,
                  int(sys.argv[4]) if len(sys.argv) > 4 else 10_000)
    elif sys.argv[1] == "import":
        import_csv(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
