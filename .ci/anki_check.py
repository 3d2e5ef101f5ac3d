"""Imports `tutor export anki`'s file into a new Anki collection with Anki's own library
(the `anki` package from PyPI, the code behind the desktop app) and checks what Anki made
of it. Run by .ci/run in a throwaway virtualenv: `python anki_check.py TUTOR_BINARY`.

Checks: one note per card; the fields (front has the question, back has the highlighted
code's inline styles and the key points list); the tags; the deck; that deck text which
looks like HTML stayed text; and that importing the same file again adds no note and
keeps the same note ids (the guid column updates notes in place)."""

import os
import subprocess
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest


def run(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True)
    return out.stdout


def import_file(col, path):
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    # What the file's headers said, as Anki read them.
    assert metadata.is_html, "html header"
    assert metadata.guid_column == 1, metadata.guid_column
    assert metadata.tags_column == 4, metadata.tags_column
    # The #deck header: a name for a deck Anki does not have yet, an id once it does.
    assert metadata.deck_name == "tutor::amazon-python" or metadata.deck_id, metadata
    metadata.dupe_resolution = metadata.DupeResolution.UPDATE
    return col.import_csv(ImportCsvRequest(path=path, metadata=metadata))


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp()
    data = os.path.join(work, "data")
    export = os.path.join(work, "tutor.txt")
    said = run(binary, "--data-dir", data, "export", "anki", export)
    # "exported 30 notes to ..."; and the file has one row a note after its 6 header lines
    # (rows are quoted, so count the guids, which start each row).
    cards = int(said.split()[1])
    with open(export, encoding="utf-8") as f:
        guids = sum(1 for line in f if line.startswith("tutor/"))
    assert guids == cards, f"{guids} rows for {cards} notes"

    col = Collection(os.path.join(work, "collection.anki2"))
    import_file(col, export)
    note_ids = sorted(col.find_notes(""))
    assert len(note_ids) == cards, f"{len(note_ids)} notes for {cards} cards"

    lru = col.get_note(col.find_notes('"front:*LRU cache*"')[0])
    assert "Design a least recently used" in lru["Front"], lru["Front"]
    assert '<span style="color: #' in lru["Back"], "highlighted code kept its inline styles"
    assert "<h3>Key points</h3>" in lru["Back"] and "<li>" in lru["Back"], "key points list"
    assert {"data-structures", "hash-map", "linked-list"} <= set(lru.tags), lru.tags
    assert col.decks.name(col.get_card(lru.card_ids()[0]).did) == "tutor::amazon-python"
    for note_id in note_ids:
        back = col.get_note(note_id)["Back"]
        assert "<script" not in back.lower(), "deck text never becomes markup"

    import_file(col, export)
    again = sorted(col.find_notes(""))
    assert again == note_ids, f"a second import changed the notes: {len(again)} != {len(note_ids)}"

    # A card edited since: the same guid updates its note in place.
    with open(export, encoding="utf-8") as f:
        text = f.read()
    with open(export, "w", encoding="utf-8") as f:
        f.write(text.replace("Design a least recently used", "Build a least recently used", 1))
    import_file(col, export)
    assert sorted(col.find_notes("")) == note_ids, "an edited card became a new note"
    assert "Build a least recently used" in col.get_note(lru.id)["Front"], "note not updated"
    print(f"anki check: {cards} notes imported; fields, tags, deck and HTML kept; importing again added none and updated an edited one in place")


if __name__ == "__main__":
    main()
