"""Session note: the facts a therapist signs, printed exactly, escaped and flowing over pages."""

from __future__ import annotations

import dataclasses

from .fixtures import CLIENT, EPISODE, with_session
from .helpers import page_texts, pdf_for, squash, text_of


def test_session_note_states_the_session_facts():
    text = text_of(pdf_for("session", session_number=4))
    for fact in ("Session 4 of 16", "Middle phase", "Mon 25 May 2026", "09:30", "50 minutes",
                 "Attended", "Role transitions", "Communication analysis", "Mood (0–10)", "5 / 10"):
        assert fact in text, fact
    # PHQ-9 given in session 4: 2+2+2+2+1+2+1+1+1 = 14, Moderate; item 9 above 0.
    assert "PHQ-9" in text and "14" in text and "Moderate" in text
    assert "Risk alert" in text
    assert "PHQ-9 item 9 scored 1 on 25 May 2026" in text
    assert "Therapist signature" in text


def test_every_page_carries_letterhead_client_and_confidentiality():
    long_note = "\n\n".join(f"Paragraph {i}: " + "the client described the week in detail. " * 12
                            for i in range(60))
    episode = with_session(EPISODE, 4, notes=long_note)
    texts = page_texts(pdf_for("session", episode=episode))
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "Harbourside Interpersonal Therapy" in text
        assert "Dr Aurélie Brønstad, PhD, Clinical Psychologist" in text
        assert "Licence no. HCPC PYL-04417" in text
        assert "Tel. +44 1632 960123" in text
        assert "12 Quayside Lane, Portwen PW1 4AB" in text
        assert "Zoë Ñúñez-O'Brien" in text
        assert "Date of birth: 7 Mar 1988" in text
        assert "Confidential — contains protected health information" in text
        assert "Generated 25 Nov 2026" in text
        assert f"Page {number} of {len(texts)}" in text


def test_no_risk_box_without_ideation_or_risk_items():
    # Session 12: ideation "none", PHQ-9 item 9 = 0.
    text = text_of(pdf_for("session", session_number=12))
    assert "Risk alert" not in text
    assert "None reported" in text


def test_active_ideation_raises_the_alert_with_notes():
    episode = with_session(EPISODE, 12, suicidal_ideation="active",
                           risk_notes="Safety plan updated;\ncrisis line number given.")
    text = text_of(pdf_for("session", episode=episode, session_number=12))
    assert "Risk alert" in text
    assert "Suicidal ideation: Active" in text
    assert "Safety plan updated;\ncrisis line number given." in text


def test_markup_characters_and_line_breaks_print_literally():
    note = "Said <b>&\"' to her boss.\nSecond line <i>not italic</i> & more\n\nNew paragraph </para>"
    episode = with_session(EPISODE, 4, notes=note, homework_assigned="Write <3 things & review",
                           homework_review="Did it > twice")
    text = text_of(pdf_for("session", episode=episode))
    assert "Said <b>&\"' to her boss.\nSecond line <i>not italic</i> & more" in text
    assert "New paragraph </para>" in text
    assert "Assigned: Write <3 things & review" in text
    assert "Reviewed: Did it > twice" in text


def test_a_twenty_page_note_flows_onto_further_pages():
    lines = [f"Line {i}: reflecting on the role transition and what changed this week." for i in range(1100)]
    note = "\n".join(lines[:500]) + "\n\n" + "\n".join(lines[500:]) + "\nTHE LAST WORDS OF THE NOTE"
    texts = page_texts(pdf_for("session", episode=with_session(EPISODE, 4, notes=note)))
    assert len(texts) >= 20
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    assert "THE LAST WORDS OF THE NOTE" in "\n".join(texts[-2:])
    assert "Line 1099:" in text_of_all(texts) and "Line 0:" in texts[0]


def text_of_all(texts: list[str]) -> str:
    return "\n".join(texts)


def test_unbreakable_tokens_wrap_instead_of_running_off_the_page():
    token = "https://example.invalid/" + "a1b2c3d4" * 40
    text = text_of(pdf_for("session", episode=with_session(EPISODE, 4, notes=f"See {token} end")))
    assert token in squash(text)
    longest_line = max(len(line) for line in text.splitlines())
    assert longest_line < 160  # wrapped: the 344-character token never sits on one line


def test_names_in_other_scripts_print_correctly():
    client = dataclasses.replace(CLIENT, first_name="Дмитрий", last_name="Łukasz-Żółć")
    text = text_of(pdf_for("session", client=client))
    assert "Дмитрий Łukasz-Żółć" in text


def test_session_without_measures_says_so():
    text = text_of(pdf_for("session", session_number=5))
    assert "No measures recorded for this session." in text


def test_risk_notes_longer_than_a_page_flow_inside_the_alert():
    notes = "\n".join(f"Risk line {i}: discussed the safety plan step by step." for i in range(150))
    episode = with_session(EPISODE, 4, suicidal_ideation="passive", risk_notes=notes + "\nEND OF RISK NOTES")
    texts = page_texts(pdf_for("session", episode=episode))
    assert len(texts) >= 3 and "END OF RISK NOTES" in "\n".join(texts)
