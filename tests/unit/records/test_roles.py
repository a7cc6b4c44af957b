"""Roles: configuration from secrets or a file, the role of a signed-in user, and the rule book."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ros.records import roles
from ros.records.roles import Identity, RoleConfig, RoleConfigError

CONFIG = roles.parse_config(
    {
        "emails": {"Anna@Enschede.nl": "planner", "coord@regiotwente.nl": "coördinator", "lees@hengelo.nl": "lezer"},
        "groups": {"ros-planners": "planner", "0b1c-ros-coordinatoren": "coordinator"},
        "groups_claim": "roles",
    }
)


def test_configured_addresses_and_groups_give_their_role() -> None:
    assert CONFIG.emails["anna@enschede.nl"] == "planner"
    assert CONFIG.groups_claim == "roles"
    assert roles.role_for({"email": "ANNA@enschede.nl"}, CONFIG) == "planner"
    assert roles.role_for({"email": "coord@regiotwente.nl"}, CONFIG) == "coordinator"
    assert roles.role_for({"email": "x@almelo.nl", "roles": ["ros-planners"]}, CONFIG) == "planner"
    assert roles.role_for({"email": "x@almelo.nl", "roles": "0b1c-ros-coordinatoren"}, CONFIG) == "coordinator"
    # the highest role wins when an address and a group disagree
    assert roles.role_for({"email": "lees@hengelo.nl", "roles": ["ros-planners"]}, CONFIG) == "planner"
    # Entra ID may only send preferred_username
    assert roles.role_for({"preferred_username": "Anna@Enschede.nl"}, CONFIG) == "planner"


def test_a_user_no_rule_names_is_a_lezer() -> None:
    assert roles.role_for({"email": "onbekend@twente.nl", "roles": ["andere-groep"]}, CONFIG) == "lezer"
    assert roles.role_for({}, CONFIG) == "lezer"
    assert roles.role_for({"email": "anna@enschede.nl", "groups": ["ros-planners"]}, RoleConfig()) == "lezer"
    # the groups claim is the configured one, not any claim called "groups"
    assert roles.role_for({"groups": ["ros-planners"]}, CONFIG) == "lezer"


def test_identity_from_claims() -> None:
    person = roles.identity_for({"email": "Anna@Enschede.nl", "name": "Anna de Vries", "sub": "1"}, CONFIG)
    assert person == Identity("anna@enschede.nl", "Anna de Vries", "planner")
    nameless = roles.identity_for({"sub": "abc"}, CONFIG)
    assert nameless == Identity("sub:abc", "sub:abc", "lezer")
    assert roles.LOCAL_USER.local
    assert roles.LOCAL_USER.role == "coordinator"


def test_bad_configuration_is_refused_with_a_dutch_reason() -> None:
    with pytest.raises(RoleConfigError, match=re.escape("Onbekende rol “beheerder” bij roles.emails.a@b.nl")):
        roles.parse_config({"emails": {"a@b.nl": "beheerder"}})
    with pytest.raises(RoleConfigError, match="moeten tabellen zijn"):
        roles.parse_config({"emails": ["a@b.nl"]})
    assert roles.parse_config(None) == RoleConfig()


def test_a_roles_file_takes_precedence_over_the_secrets(tmp_path: Path) -> None:
    file = tmp_path / "rollen.toml"
    file.write_text('[roles.emails]\n"bram@almelo.nl" = "coordinator"\n', encoding="utf-8")
    config = roles.load_config({"emails": {"bram@almelo.nl": "lezer"}}, file)
    assert dict(config.emails) == {"bram@almelo.nl": "coordinator"}
    assert dict(roles.load_config({"emails": {"bram@almelo.nl": "lezer"}}, None).emails) == {"bram@almelo.nl": "lezer"}
    with pytest.raises(RoleConfigError, match="is niet te lezen"):
        roles.load_config(None, tmp_path / "ontbreekt.toml")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("lezer", set()),
        (
            "planner",
            {
                "save",
                "duplicate",
                "update_own",
                "rename_own",
                "delete_own",
                "ledger_upload",
                "own_figures",
                "plan_edit_own",
            },
        ),
        (
            "coordinator",
            {
                "save",
                "duplicate",
                "update_own",
                "rename_own",
                "delete_own",
                "ledger_upload",
                "own_figures",
                "update_any",
                "rename_any",
                "delete_any",
                "mark_agreed",
                "refresh_data",
                "plan_edit_own",
                "plan_edit_any",
            },
        ),
    ],
)
def test_the_rule_book(role: roles.Role, allowed: set[str]) -> None:
    actor = Identity("a@b.nl", "A", role)
    assert {action for action in roles.Action.__args__ if roles.allowed(actor, action)} == allowed  # type: ignore[attr-defined]
    assert roles.may_change(actor, "delete", "a@b.nl") == (role != "lezer")
    assert roles.may_change(actor, "delete", "c@d.nl") == (role == "coordinator")
    assert roles.may_change(actor, "rename", None) == (role == "coordinator")  # saved before owners existed


MUNICIPALITIES = {
    "emails": {"anna@enschede.nl": "planner", "lia@hengelo.nl": "lezer"},
    "groups": {"ros-planners": "planner"},
    "municipalities": {"Anna@Enschede.nl": ["GM0153"], "ros-almelo": ["GM0141", "gm0147"], "lia@hengelo.nl": "GM0164"},
}


def test_municipalities_come_from_the_address_and_the_groups_together() -> None:
    config = roles.parse_config(MUNICIPALITIES)
    anna = roles.identity_for({"email": "anna@enschede.nl", "groups": ["ros-almelo"]}, config)
    assert (anna.role, anna.municipalities) == ("planner", frozenset({"GM0153", "GM0141", "GM0147"}))
    lia = roles.identity_for({"email": "lia@hengelo.nl"}, config)
    assert (lia.role, lia.municipalities) == ("lezer", frozenset({"GM0164"}))
    nobody = roles.identity_for({"email": "x@y.nl", "groups": "ros-planners"}, config)
    assert (nobody.role, nobody.municipalities) == ("planner", frozenset())


@pytest.mark.parametrize("codes", [["0153"], [], "Enschede", [153]])
def test_a_municipality_list_that_is_no_list_of_codes_is_refused_in_dutch(codes: object) -> None:
    with pytest.raises(roles.RoleConfigError, match="gemeentecodes"):
        roles.parse_config({"municipalities": {"anna@enschede.nl": codes}})


def test_plans_are_edited_only_in_own_municipalities_and_confidential_ones_seen_only_there() -> None:
    planner = Identity("anna@enschede.nl", "Anna", "planner", municipalities=frozenset({"GM0153"}))
    reader = Identity("lia@enschede.nl", "Lia", "lezer", municipalities=frozenset({"GM0153"}))
    coordinator = Identity("cor@regiotwente.nl", "Cor", "coordinator")
    assert [roles.may_edit_plan(a, "GM0153") for a in (planner, reader, coordinator, roles.LOCAL_USER)] == [
        True,
        False,
        True,
        True,
    ]
    assert [roles.may_edit_plan(a, "GM0164") for a in (planner, reader, coordinator)] == [False, False, True]
    assert [roles.may_see_plan(a, "GM0153", "Gemeente") for a in (planner, reader, coordinator)] == [True, True, True]
    assert [roles.may_see_plan(a, "GM0164", "Gemeente") for a in (planner, reader, coordinator)] == [False, False, True]
    assert roles.may_see_plan(planner, "GM0164", "Openbaar")
    assert roles.may_see_plan(reader, "GM0164", "Regio")
    assert roles.may_see_plan(roles.SIGNED_OUT, "GM0164", "Openbaar")
    assert not roles.may_see_plan(roles.SIGNED_OUT, "GM0164", "Regio")
    assert not roles.may_see_plan(roles.SIGNED_OUT, "GM0164", "Gemeente")
    assert roles.may_see_plan(roles.LOCAL_USER, "GM0164", "Gemeente")
