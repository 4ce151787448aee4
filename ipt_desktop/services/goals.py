"""Goal use cases: add, edit, remove goals and rate progress on them (0-10)."""

from __future__ import annotations

import dataclasses

from ipt_desktop.domain.problem_areas import PROBLEM_AREAS
from ipt_desktop.domain.records import Goal, GoalRating
from ipt_desktop.domain.validation import FieldError, check_choice, check_date, check_int_range, check_text
from ipt_desktop.services.changes import Changes
from ipt_desktop.services.checks import new_id, require_valid
from ipt_desktop.services.episodes import load_episode
from ipt_desktop.services.errors import NotFoundError
from ipt_desktop.services.practice import Practice
from ipt_desktop.store import repository


def _goal_errors(description: object, problem_area: object) -> list[FieldError]:
    errors: list[FieldError] = []
    check_text(errors, "description", description, required=True, max_length=2000)
    check_choice(errors, "problem_area", problem_area, tuple(PROBLEM_AREAS), required=False)
    return errors


def add_goal(practice: Practice, *, episode_id: str, description: str,
             problem_area: str | None = None) -> tuple[Goal, Changes]:
    """A new goal at the end of the episode's list, without ratings yet."""
    require_valid(_goal_errors(description, problem_area))
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        goal = Goal(id=new_id(), description=description.strip(), problem_area=problem_area,
                    position=len(episode.goals))
        repository.insert_goal(tx, episode_id, goal)
    return goal, Changes.of(client_id, "goals")


def update_goal(practice: Practice, *, episode_id: str, goal: Goal) -> Changes:
    """Description and problem area; ratings (rate_goal) and position are kept as stored."""
    require_valid(_goal_errors(goal.description, goal.problem_area))
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        current = _find(episode.goals, goal.id)
        repository.update_goal(tx, episode_id, dataclasses.replace(goal, position=current.position))
    return Changes.of(client_id, "goals")


def remove_goal(practice: Practice, *, episode_id: str, goal_id: str) -> Changes:
    with practice.transaction() as tx:
        client_id, _episode = load_episode(tx, episode_id)
        repository.delete_goal(tx, episode_id, goal_id)
    return Changes.of(client_id, "goals")


def rate_goal(practice: Practice, *, episode_id: str, goal_id: str, date: str, value: int) -> Changes:
    """Rate a goal 0 (not at all) to 10 (fully achieved); a second rating on one date replaces it."""
    errors: list[FieldError] = []
    check_date(errors, "date", date)
    check_int_range(errors, "value", value, 0, 10)
    require_valid(errors)
    with practice.transaction() as tx:
        client_id, episode = load_episode(tx, episode_id)
        _find(episode.goals, goal_id)
        repository.add_goal_rating(tx, episode_id, goal_id, GoalRating(date=date, value=value))
    return Changes.of(client_id, "goals")


def _find(goals, goal_id: str) -> Goal:
    for goal in goals:
        if goal.id == goal_id:
            return goal
    raise NotFoundError("That goal is not in this episode; it may have been removed.")
