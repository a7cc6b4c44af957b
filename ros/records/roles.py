"""Who may do what: the three roles (lezer, planner, coördinator), the signed-in identity and the role rules.

Roles come from configuration, never from the user: e-mail addresses and OpenID Connect group claims are mapped to
roles in the `[roles]` section of `.streamlit/secrets.toml` or in a TOML file named by `ROS_ROLES_FILE`
(`ros.base.config.roles_file`). A signed-in user that no rule names is a *lezer*. Without sign-in the dashboard runs in
*lokale modus*: one local user who may do everything, as on a planner's laptop. `allowed` is the one rule book; the
store (`ros.records.scenario_store`) refuses what it forbids and the UI only shows what it allows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Role = Literal["lezer", "planner", "coordinator"]
ROLES: tuple[Role, ...] = ("lezer", "planner", "coordinator")
# What a role may do with shared data; "own" actions on someone else's scenario need "any".
Action = Literal[
    "save",
    "duplicate",
    "update_own",
    "update_any",
    "rename_own",
    "rename_any",
    "delete_own",
    "delete_any",
    "mark_agreed",
    "ledger_upload",
    "own_figures",
    "refresh_data",
    "plan_edit_own",
    "plan_edit_any",
]
_PLANNER: frozenset[Action] = frozenset(
    {"save", "duplicate", "update_own", "rename_own", "delete_own", "ledger_upload", "own_figures", "plan_edit_own"}
)
PERMISSIONS: dict[Role, frozenset[Action]] = {
    "lezer": frozenset(),
    "planner": _PLANNER,
    "coordinator": _PLANNER
    | {"update_any", "rename_any", "delete_any", "mark_agreed", "refresh_data", "plan_edit_any"},
}
LOCAL_ID = "lokaal"
# Planmonitor Wonen's vertrouwelijkheid: public, the region's signed-in users (its "Provincie"), or the municipality.
PUBLIC, REGIONAL, CONFIDENTIAL = "Openbaar", "Regio", "Gemeente"
_MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


class RoleConfigError(ValueError):
    """The role configuration cannot be used; the message says where and why (Dutch)."""


@dataclass(frozen=True)
class Identity:
    """Who acts: a stable id (the lower-case e-mail address, or "lokaal"), a display name, the role, and the CBS codes
    of the municipalities whose plans the user works on (edits as a planner, sees in detail when confidential)."""

    user_id: str
    name: str
    role: Role
    local: bool = False
    municipalities: frozenset[str] = frozenset()


LOCAL_USER = Identity(LOCAL_ID, "lokale gebruiker", "coordinator", local=True)
SIGNED_OUT = Identity("afgemeld", "niet aangemeld", "lezer")


@dataclass(frozen=True)
class RoleConfig:
    """E-mail addresses and group names (or ids) mapped to a role; `groups_claim` names the token claim;
    `municipalities` maps an e-mail address or a group to the CBS codes of the municipalities of its plans."""

    emails: Mapping[str, Role] = field(default_factory=dict)
    groups: Mapping[str, Role] = field(default_factory=dict)
    groups_claim: str = "groups"
    municipalities: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _role(value: object, where: str) -> Role:
    """A configured role name ("coördinator" and "coordinator" both work)."""
    text = str(value).strip().lower().replace("ö", "o")
    if text not in ROLES:
        raise RoleConfigError(f"Onbekende rol “{value}” bij {where}; kies lezer, planner of coördinator.")
    return text


def _codes(value: object, where: str) -> frozenset[str]:
    """A configured list of municipality codes (["GM0153", "GM0164"])."""
    codes = [str(code).strip().upper() for code in value] if isinstance(value, list) else [str(value)]
    if not codes or not all(_MUNICIPALITY_CODE.match(code) for code in codes):
        raise RoleConfigError(f'Bij {where} hoort een lijst van gemeentecodes zoals ["GM0153"], niet “{value}”.')
    return frozenset(codes)


def parse_config(section: Mapping[str, Any] | None) -> RoleConfig:
    """A `[roles]` section: `[roles.emails]` address = role, `[roles.groups]` group = role, `groups_claim`, and
    `[roles.municipalities]` address or group = ["GM0153", …]."""
    if not section:
        return RoleConfig()
    emails, groups = section.get("emails", {}), section.get("groups", {})
    municipalities = section.get("municipalities", {})
    if not all(isinstance(table, Mapping) for table in (emails, groups, municipalities)):
        raise RoleConfigError(
            '[roles.emails] en [roles.groups] moeten tabellen zijn (naam = "rol"), '
            '[roles.municipalities] een tabel van naam = ["GM0153"].'
        )
    return RoleConfig(
        emails={str(k).strip().lower(): _role(v, f"roles.emails.{k}") for k, v in emails.items()},
        groups={str(k).strip(): _role(v, f"roles.groups.{k}") for k, v in groups.items()},
        groups_claim=str(section.get("groups_claim", "groups")),
        municipalities={_key(str(k)): _codes(v, f"roles.municipalities.{k}") for k, v in municipalities.items()},
    )


def _key(name: str) -> str:
    """An e-mail address in lower case (as `user_email` gives it), a group name as written."""
    name = name.strip()
    return name.lower() if "@" in name else name


def load_config(secrets_section: Mapping[str, Any] | None, file: Path | None) -> RoleConfig:
    """The role configuration from a TOML file (its `[roles]` table) when one is named, else from the secrets."""
    if file is None:
        return parse_config(secrets_section)
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RoleConfigError(f"Het rollenbestand {file} is niet te lezen: {error}") from error
    return parse_config(data.get("roles", data))


def _groups(claims: Mapping[str, Any], config: RoleConfig) -> list[str]:
    """The group names (or ids) in the claims."""
    groups = claims.get(config.groups_claim) or []
    return [str(group) for group in ([groups] if isinstance(groups, str) else groups)]


def role_for(claims: Mapping[str, Any], config: RoleConfig) -> Role:
    """The highest role that the e-mail address or any group in the claims is given; a lezer when none."""
    found: list[Role] = ["lezer"]
    if (email := user_email(claims)) and email in config.emails:
        found.append(config.emails[email])
    found += [config.groups[group] for group in _groups(claims, config) if group in config.groups]
    return max(found, key=ROLES.index)


def municipalities_for(claims: Mapping[str, Any], config: RoleConfig) -> frozenset[str]:
    """The municipality codes that the e-mail address and the groups in the claims are given together."""
    names = [user_email(claims) or "", *_groups(claims, config)]
    return frozenset().union(*(config.municipalities.get(name, frozenset()) for name in names))


def user_email(claims: Mapping[str, Any]) -> str | None:
    """The lower-case e-mail address in the claims (Entra ID may only send `preferred_username`)."""
    for claim in ("email", "preferred_username", "upn"):
        value = claims.get(claim)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return None


def identity_for(claims: Mapping[str, Any], config: RoleConfig) -> Identity:
    """The signed-in user: id = e-mail (else the subject), name from the token, role from the configuration."""
    email = user_email(claims)
    user_id = email or f"sub:{claims.get('sub', '?')}"
    name = str(claims.get("name") or email or user_id)
    return Identity(user_id, name, role_for(claims, config), municipalities=municipalities_for(claims, config))


def allowed(actor: Identity, action: Action) -> bool:
    """Whether the actor's role permits the action."""
    return action in PERMISSIONS[actor.role]


def may_change(actor: Identity, kind: Literal["update", "rename", "delete"], owner: str | None) -> bool:
    """Whether the actor may change a scenario owned by `owner` (None: saved before there were owners)."""
    own = owner is not None and owner == actor.user_id
    return allowed(actor, f"{kind}_any") or (own and allowed(actor, f"{kind}_own"))  # type: ignore[arg-type]


def may_edit_plan(actor: Identity, municipality: str) -> bool:
    """Whether the actor may create, change or delete a plan of `municipality` (a planner only those of their own
    municipalities, the coördinator all)."""
    own = municipality in actor.municipalities
    return allowed(actor, "plan_edit_any") or (own and allowed(actor, "plan_edit_own"))


def may_see_plan(actor: Identity, municipality: str, confidentiality: str) -> bool:
    """Whether the actor may see a plan in detail (named and located): a public plan always; a regional one when
    signed in (or local); one confidential to its municipality only as that municipality's user or the coördinator.
    Others see it inside totals only."""
    if actor.role == "coordinator" or municipality in actor.municipalities or confidentiality == PUBLIC:
        return True
    return confidentiality == REGIONAL and actor.user_id != SIGNED_OUT.user_id
