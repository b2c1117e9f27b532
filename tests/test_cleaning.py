"""Cleaning removes furniture and repeats, counts what it removed, and keeps dates it finds."""

from __future__ import annotations

from datetime import date

from ingest.cleaning import clean_text, normalise
from ingest.reference import DEFAULT_REFERENCE_DIR, page_furniture

FURNITURE = page_furniture(str(DEFAULT_REFERENCE_DIR))


def test_page_furniture_lines_are_removed_and_counted():
    raw = "Shelling hit the port.\nAdvertisement\nRead more\nImage Source: Reuters photo\nThe mayor spoke.\n"
    cleaned = clean_text(raw, FURNITURE)
    assert cleaned.text == "Shelling hit the port.\n\nThe mayor spoke."
    assert cleaned.lines_removed == 3


def test_repeated_paragraphs_keep_the_first():
    raw = "First paragraph here.\nSecond one.\nFirst  paragraph here.\nThird.\n"
    cleaned = clean_text(raw, FURNITURE)
    assert cleaned.text.split("\n\n") == ["First paragraph here.", "Second one.", "Third."]
    assert cleaned.paragraphs_removed == 1


def test_a_bold_headline_repeated_in_the_body_is_kept_once_and_becomes_the_title():
    raw = "**Missiles hit Dnipro**\nMissiles hit Dnipro\nTwo people were hurt.\n"
    cleaned = clean_text(raw, FURNITURE)
    assert cleaned.title == "Missiles hit Dnipro"
    assert cleaned.text == "Missiles hit Dnipro\n\nTwo people were hurt."
    assert cleaned.paragraphs_removed == 1


def test_a_leading_date_marker_is_the_publication_date():
    cleaned = clean_text(" date 2025-07-04 Shelling resumed at dawn.", FURNITURE)
    assert cleaned.published_date == date(2025, 7, 4)
    assert cleaned.text == "Shelling resumed at dawn."


def test_an_impossible_date_marker_gives_no_date():
    assert clean_text("date 2025-13-40 Text.", FURNITURE).published_date is None


def test_normalise_unifies_unicode_and_spacing():
    assert normalise("Cafe\u0301\u00a0 crowd\r\nnext\x07 line") == "Café crowd\nnext line"


def test_a_dateline_dash_glued_to_the_first_word_is_set_apart():
    assert normalise("KYIV (Wire) -Nine people died.") == "KYIV (Wire) - Nine people died."
    assert normalise("KYIV (Wire)\u2014Nine people died.") == "KYIV (Wire) \u2014 Nine people died."
    # a hyphen inside words is left alone
    assert normalise("A pro-Russian (local) non-state group") == "A pro-Russian (local) non-state group"
