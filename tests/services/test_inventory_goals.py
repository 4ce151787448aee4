"""Interpersonal inventory and goals: order is the therapist's, ratings 0-10."""

from __future__ import annotations

import dataclasses

import pytest

from ipt_desktop.domain.records import GoalRating, Relationship
from ipt_desktop.domain.validation import ValidationFailed
from ipt_desktop.services.clients import get_client_record
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.goals import add_goal, rate_goal, remove_goal, update_goal
from ipt_desktop.services.inventory import (
    add_relationship, move_relationship, remove_relationship, update_relationship,
)


def inventory(practice, client):
    return get_client_record(practice, client_id=client.id).episodes[0].inventory


def add_people(practice, episode, *names):
    return [add_relationship(practice, episode_id=episode.id,
                             relationship=Relationship(id="", name=n, relationship="friend", closeness=2))[0]
            for n in names]


def test_add_update_remove_people(practice, reopen, client, episode):
    ana, ben, cai = add_people(practice, episode, "Ana", "Bjørn", "Cai")
    assert [p.position for p in (ana, ben, cai)] == [0, 1, 2] and ana.id
    changed = dataclasses.replace(ben, closeness=1, problem_area="role_dispute", dispute_stage="impasse",
                                  deceased=False, negatives="Arguments about money")
    update_relationship(practice, episode_id=episode.id, relationship=changed)
    remove_relationship(practice, episode_id=episode.id, relationship_id=ana.id)
    people = inventory(reopen(), client)
    assert [p.name for p in people] == ["Bjørn", "Cai"]
    assert people[0] == dataclasses.replace(changed, position=0)


def test_move_keeps_everyone_else_in_order(practice, reopen, client, episode):
    people = add_people(practice, episode, "A", "B", "C", "D")
    move_relationship(practice, episode_id=episode.id, relationship_id=people[3].id, new_position=1)
    assert [p.name for p in inventory(reopen(), client)] == ["A", "D", "B", "C"]


def test_relationship_validation(practice, client, episode):
    with pytest.raises(ValidationFailed) as caught:
        add_relationship(practice, episode_id=episode.id, relationship=Relationship(
            id="", name=" ", relationship="x", closeness=4, dispute_stage="war", problem_area="money"))
    assert {e.path for e in caught.value.errors} == {"name", "closeness", "dispute_stage", "problem_area"}
    (ana,) = add_people(practice, episode, "Ana")
    with pytest.raises(ValidationFailed):
        move_relationship(practice, episode_id=episode.id, relationship_id=ana.id, new_position=3)
    with pytest.raises(NotFoundError):
        update_relationship(practice, episode_id=episode.id, relationship=dataclasses.replace(ana, id="gone"))
    assert [p.name for p in inventory(practice, client)] == ["Ana"]


def test_goals_and_ratings(practice, reopen, client, episode):
    first, changes = add_goal(practice, episode_id=episode.id, description="Call Ana weekly",
                              problem_area="role_transition")
    assert changes.touches("goals")
    second, _ = add_goal(practice, episode_id=episode.id, description="Join the choir")
    rate_goal(practice, episode_id=episode.id, goal_id=first.id, date="2026-03-16", value=2)
    rate_goal(practice, episode_id=episode.id, goal_id=first.id, date="2026-04-13", value=6)
    rate_goal(practice, episode_id=episode.id, goal_id=first.id, date="2026-04-13", value=7)  # same day: replaces
    update_goal(practice, episode_id=episode.id, goal=dataclasses.replace(second, description="Sing in the choir"))
    goals = get_client_record(reopen(), client_id=client.id).episodes[0].goals
    assert [g.description for g in goals] == ["Call Ana weekly", "Sing in the choir"]
    assert goals[0].ratings == (GoalRating("2026-03-16", 2), GoalRating("2026-04-13", 7))


def test_goal_validation_and_removal(practice, client, episode):
    goal, _ = add_goal(practice, episode_id=episode.id, description="Call Ana weekly")
    for kwargs, path in (({"date": "2026-03-16", "value": 11}, "value"), ({"date": "16.03.2026", "value": 5}, "date")):
        with pytest.raises(ValidationFailed) as caught:
            rate_goal(practice, episode_id=episode.id, goal_id=goal.id, **kwargs)
        assert caught.value.first.path == path
    with pytest.raises(ValidationFailed):
        add_goal(practice, episode_id=episode.id, description="  ")
    remove_goal(practice, episode_id=episode.id, goal_id=goal.id)
    assert get_client_record(practice, client_id=client.id).episodes[0].goals == ()
