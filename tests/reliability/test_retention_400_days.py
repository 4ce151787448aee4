"""Retention over 400 simulated days, on real files: after every automatic backup the folder is
thinned, and at the end it holds exactly the set the policy names — nothing else of ours is gone,
and nothing that is not ours was ever touched."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from reliability_helpers import report

from ipt_desktop.services import backups
from ipt_desktop.services.retention import RetentionPolicy, backups_to_keep

START = datetime(2025, 10, 1, 8, 0)
DAYS = 400


def _simulate(folder, policy: RetentionPolicy, seed: int):
    rng = random.Random(seed)
    history: list[tuple[str, datetime]] = []
    foreign = ["practice.ipt", "notes.txt", "practice-2025-10-01T0800-auto.ipt-backup.bak",
               "practice-2025-10-01T0800-manual.ipt-backup"]
    for name in foreign:
        (folder / name).write_bytes(b"not for deletion")
    now = START
    for day in range(DAYS):
        if rng.random() < 0.2:  # a day off: no backups at all
            continue
        moment = START + timedelta(days=day, minutes=rng.randrange(0, 60))
        for _ in range(rng.randint(1, 5)):  # a working day: some automatic backups 30+ min apart
            moment += timedelta(minutes=30 + rng.randrange(0, 120))
            name = backups.backup_name(moment, rng.choice(["auto", "auto", "quit"]))
            (folder / name).write_bytes(b"x")
            history.append((name, moment.replace(second=0, microsecond=0)))
            backups.prune_backups(folder, policy=policy, now=moment)
            now = moment
    return history, foreign, now


def test_400_days_of_automatic_backups_keep_exactly_the_policy_set(tmp_path):
    checked = 0
    for seed, policy in [(1, RetentionPolicy()), (2, RetentionPolicy()), (3, RetentionPolicy(3, 2, 1)),
                         (4, RetentionPolicy(30, 0, 12))]:
        folder = tmp_path / f"run{seed}"
        folder.mkdir()
        history, foreign, now = _simulate(folder, policy, seed)
        # Deleting as we go must end where one pass over the whole history would.
        expected = backups_to_keep(history, now=now, policy=policy) | set(foreign)
        present = {p.name for p in folder.iterdir()}
        assert present == expected, (sorted(present - expected), sorted(expected - present))
        kept = [moment for name, moment in history if name in present]
        assert max(moment for _, moment in history) in kept  # the newest survives
        old = [m for m in kept if now - m >= timedelta(hours=24)]
        assert len(old) <= policy.daily + policy.weekly + policy.monthly
        checked += len(history)
    report("retention 400 days", simulated_days=DAYS, backups_created=checked, runs=4, mismatches=0)
