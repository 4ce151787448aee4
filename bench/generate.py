"""A synthetic practice of realistic size, built through the real import service.

Every client is fictional: names are drawn from short lists of common given and family names
and combined at random; session notes are sentences assembled from a clinical-sounding
vocabulary (no real text). The same ``(size, seed)`` always produces the same documents, so the
built practice is cached in bench/out/ and reused by later runs.

Shape of one client (per the brief): one IPT-16 course with 16 sessions (notes of 300-1,500
words on attended sessions), an inventory of 5-12 people, 5-8 measure administrations and 2-4
goals with ratings. About 30 % of the clients are discharged (with a discharge summary), the
rest are mid-course with the remaining sessions scheduled in the future.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1  # bump when the documents change, so cached practices are rebuilt
PASSPHRASE = "bench-passphrase-not-secret"
BASE_DATE = _dt.date(2026, 1, 5)  # fixed, so a cached practice does not depend on the run date

GIVEN = ("Alex", "Amara", "Ben", "Carla", "Dev", "Elif", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kemi",
         "Lena", "Marek", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Viktor",
         "Wren", "Ximena", "Yusuf", "Zoë", "Åsa", "Łucja", "Søren", "Noor", "Ines", "Malik", "Petra")
FAMILY = ("Abara", "Bergström", "Castillo", "Dube", "Ekwueme", "Fontaine", "Gallo", "Haddad", "Ivanova",
          "Jensen", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Pereira", "Quist", "Rahman",
          "Sato", "Tanaka", "Ulloa", "Varga", "Whitlock", "Xu", "Yilmaz", "Zielinski", "Ångström",
          "O'Connell", "Jones-Smith", "Novak", "Achterberg", "Bianchi", "Costa", "Demir")
RELATIONS = ("mother", "father", "partner", "sister", "brother", "friend", "colleague", "manager",
             "daughter", "son", "aunt", "neighbour", "former partner", "grandmother", "teacher")
AREAS = ("grief", "role_dispute", "role_transition", "interpersonal_deficits")
INTERVENTIONS = ("psychoeducation", "sick_role", "interpersonal_inventory", "formulation", "clarification",
                 "communication_analysis", "role_play", "decision_analysis", "encouragement_of_affect",
                 "exploratory_questioning", "homework_review", "termination_discussion")
VOCABULARY = (
    "client", "reported", "mood", "week", "argument", "partner", "sleep", "work", "felt", "lonely",
    "discussed", "role", "transition", "expectations", "communication", "analysis", "explored",
    "feelings", "sadness", "anger", "withdrawal", "support", "friend", "family", "conflict", "goal",
    "practised", "conversation", "assertive", "request", "boundaries", "relationship", "improved",
    "worse", "better", "energy", "appetite", "motivation", "concentration", "plan", "homework",
    "review", "affect", "grief", "loss", "memories", "anniversary", "dispute", "renegotiation",
    "options", "decision", "tearful", "calm", "anxious", "hopeful", "isolated", "reconnected",
    "phone", "call", "visit", "weekend", "evening", "morning", "routine", "symptoms", "depression",
    "therapist", "noted", "agreed", "linked", "interpersonal", "event", "trigger", "response",
    "the", "and", "with", "about", "after", "before", "during", "their", "her", "his", "they",
    "a", "to", "of", "in", "on", "was", "had", "said", "would", "could", "more", "less",
)

NOTE_WORDS = (300, 1500)
INVENTORY_PEOPLE = (5, 12)
MEASURES = (5, 8)
SESSIONS = 16


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def prose(rng: random.Random, words: int) -> str:
    """``words`` vocabulary words as sentences of 8-20 words, paragraphs of 4-8 sentences."""
    picked = rng.choices(VOCABULARY, k=words)
    sentences, i = [], 0
    while i < words:
        n = rng.randint(8, 20)
        chunk = picked[i:i + n]
        i += n
        sentences.append(" ".join(chunk).capitalize() + ".")
    paragraphs = [" ".join(sentences[j:j + 6]) for j in range(0, len(sentences), 6)]
    return "\n\n".join(paragraphs)


def _items(rng: random.Random, instrument: str, severity: float) -> list[int]:
    counts = {"phq9": (9, 3), "gad7": (7, 3)}
    count, top = counts[instrument]
    items = [min(top, max(0, round(rng.gauss(severity * top, 0.6)))) for _ in range(count)]
    if instrument == "phq9" and rng.random() > 0.05:
        items[8] = 0  # keep risk flags rare, as in a real caseload
    return items


def client_document(rng: random.Random, index: int) -> dict[str, Any]:
    """One fictional client with a full IPT-16 course, as an exchange-format document."""
    first, last = rng.choice(GIVEN), rng.choice(FAMILY)
    start = BASE_DATE + _dt.timedelta(days=rng.randint(-300, 60))
    discharged = rng.random() < 0.3
    attended_upto = SESSIONS if discharged else rng.randint(1, SESSIONS - 1)
    area = rng.choice(AREAS)
    clock = f"{rng.randint(8, 17):02d}:{rng.choice(('00', '30'))}"
    sessions = []
    for number in range(1, SESSIONS + 1):
        day = start + _dt.timedelta(weeks=number - 1)
        attended = number <= attended_upto
        sessions.append({
            "id": _id(rng), "number": number, "scheduled_at": f"{day.isoformat()}T{clock}",
            "duration_minutes": 50, "status": "attended" if attended else "scheduled",
            "focus_problem_area": area if attended else None,
            "notes": prose(rng, rng.randint(*NOTE_WORDS)) if attended else "",
            "interventions": rng.sample(INTERVENTIONS, rng.randint(1, 4)) if attended else [],
            "homework_assigned": prose(rng, 15) if attended else "",
            "homework_review": prose(rng, 12) if attended and number > 1 else "",
            "suicidal_ideation": "none" if attended else None, "risk_notes": "",
            "mood": rng.randint(2, 8) if attended else None,
        })
    inventory = [{
        "id": _id(rng), "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "relationship": rng.choice(RELATIONS),
        "closeness": rng.randint(1, 3), "contact": prose(rng, 6), "positives": prose(rng, 20),
        "negatives": prose(rng, 20), "expectations": prose(rng, 15), "desired_changes": prose(rng, 15),
        "problem_area": rng.choice((None, area)), "dispute_stage": None, "deceased": False,
        "notes": prose(rng, 25),
    } for _ in range(rng.randint(*INVENTORY_PEOPLE))]
    goals = []
    for _ in range(rng.randint(2, 4)):
        ratings = [{"date": (start + _dt.timedelta(weeks=w)).isoformat(),
                    "value": min(10, w // 2 + rng.randint(0, 3))} for w in range(2, attended_upto, 4)]
        goals.append({"id": _id(rng), "problem_area": area, "description": prose(rng, 14),
                      "ratings": ratings})
    measures = []
    count = rng.randint(*MEASURES)
    numbers = sorted(rng.sample(range(1, SESSIONS + 1), count))
    for k, number in enumerate(numbers):
        number = min(number, attended_upto) if k else 1
        day = start + _dt.timedelta(weeks=number - 1)
        instrument = "phq9" if k % 3 != 2 else "gad7"
        severity = max(0.05, 0.7 - 0.5 * number / SESSIONS + rng.uniform(-0.1, 0.1))
        measures.append({"id": _id(rng), "instrument": instrument, "administered_on": day.isoformat(),
                         "session_number": number, "items": _items(rng, instrument, severity)})
    end = start + _dt.timedelta(weeks=SESSIONS - 1)
    episode = {
        "id": _id(rng), "protocol": "ipt-16", "start_date": start.isoformat(),
        "end_date": end.isoformat() if discharged else None,
        "diagnosis": "Major depressive disorder, single episode, moderate (F32.1)",
        "chief_complaint": prose(rng, 25), "primary_problem_area": area, "secondary_problem_area": None,
        "formulation": prose(rng, 120), "formulation_agreed_on": (start + _dt.timedelta(weeks=3)).isoformat(),
        "discharge": {"date": end.isoformat(), "reason": "completed", "summary": prose(rng, 200),
                      "warning_signs": prose(rng, 60),
                      "recommendations": prose(rng, 80)} if discharged else None,
        "inventory": inventory, "goals": goals, "sessions": sessions, "measures": measures,
    }
    client = {
        "id": _id(rng), "first_name": first, "last_name": last, "preferred_name": None,
        "date_of_birth": f"{rng.randint(1950, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "pronouns": None, "phone": None, "email": None, "emergency_contact": None,
        "referral_source": "GP", "notes": "", "status": "discharged" if discharged else "active",
    }
    return {"format": "ipt-desktop/client", "format_version": 1, "client": client, "episodes": [episode]}


def documents(size: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for index in range(size):
        yield client_document(rng, index)


@dataclass(frozen=True)
class BuiltPractice:
    root: Path  # bench/out/practice-<size>-<seed>-v<version>-r<schema revision>/
    data_dir: Path  # holds practice.ipt
    exchange_dir: Path  # the exchange files that were imported
    meta: dict[str, Any]  # build timings (generate, import) recorded when it was built

    @property
    def db_path(self) -> Path:
        return self.data_dir / "practice.ipt"


def cache_dir(out: Path, size: int, seed: int) -> Path:
    # The schema revision is part of the key: a practice cached before a migration would be
    # migrated inside the timed unlock of every run.
    from ipt_desktop.store.migrate import head_revision

    return out / f"practice-{size}-{seed}-v{GENERATOR_VERSION}-r{head_revision()}"


def write_exchange_files(folder: Path, size: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, doc in enumerate(documents(size, seed)):
        path = folder / f"client-{index:05d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def import_files(practice, paths: list[Path]) -> list[float]:
    """Import each file through services.exchange.import_client; seconds per client."""
    from ipt_desktop.services.exchange import import_client

    times = []
    for path in paths:
        t0 = time.perf_counter()
        data = json.loads(path.read_text(encoding="utf-8"))
        import_client(practice, data=data)
        times.append(time.perf_counter() - t0)
    return times


def build_practice(out: Path, size: int, seed: int, *, log=print) -> BuiltPractice:
    """The cached practice for (size, seed), building it first when absent."""
    from ipt_desktop.domain.records import PracticeProfile
    from ipt_desktop.services.practice import create_practice

    root = cache_dir(out, size, seed)
    meta_path = root / "meta.json"
    if meta_path.is_file():
        return BuiltPractice(root, root / "data", root / "exchange", json.loads(meta_path.read_text()))
    if root.exists():
        shutil.rmtree(root)  # a half-built cache from an interrupted run
    root.mkdir(parents=True)
    log(f"generating {size} fictional clients (seed {seed}) ...")
    t0 = time.perf_counter()
    paths = write_exchange_files(root / "exchange", size, seed)
    generated = time.perf_counter() - t0
    profile = PracticeProfile(therapist_name="Dr Bench Example",
                              practice_name="Benchmark Practice (fictional)")
    practice = create_practice(root / "data", passphrase=PASSPHRASE, profile=profile)
    log(f"importing {size} exchange files through services.exchange.import_client ...")
    try:
        t0 = time.perf_counter()
        per_client = import_files(practice, paths)
        imported = time.perf_counter() - t0
    finally:
        practice.close()
    meta = {"size": size, "seed": seed, "version": GENERATOR_VERSION, "generate_s": generated,
            "import_total_s": imported, "import_per_client_s": sorted(per_client)[len(per_client) // 2],
            "exchange_bytes": sum(p.stat().st_size for p in paths)}
    meta_path.write_text(json.dumps(meta, indent=1))
    return BuiltPractice(root, root / "data", root / "exchange", meta)
