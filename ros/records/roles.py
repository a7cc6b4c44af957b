"""Who may do what: the three roles (lezer, planner, coördinator), the signed-in identity and the role rules.

Roles come from configuration, never from the user: e-mail addresses and OpenID Connect group claims are mapped to
roles in the `[roles]` section of `.streamlit/secrets.toml` or in a TOML file named by `ROS_ROLES_FILE`
(`ros.base.config.roles_file`). A signed-in user that no rule names is a *lezer*. Without sign-in the dashboard runs in
*lokale modus*: one local user who may do everything, as on a planner's laptop. `allowed` is the one rule book; the
store (`ros.records.scenario_store`) refuses what it forbids and the UI only shows what it allows.
"""

from __future__ import annotations

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
]
_PLANNER: frozenset[Action] = frozenset(
    {"save", "duplicate", "update_own", "rename_own", "delete_own", "ledger_upload", "own_figures"}
)
PERMISSIONS: dict[Role, frozenset[Action]] = {
    "lezer": frozenset(),
    "planner": _PLANNER,
    "coordinator": _PLANNER | {"update_any", "rename_any", "delete_any", "mark_agreed", "refresh_data"},
}
LOCAL_ID = "lokaal"


class RoleConfigError(ValueError):
    """The role configuration cannot be used; the message says where and why (Dutch)."""


@dataclass(frozen=True)
class Identity:
    """Who acts: a stable id (the lower-case e-mail address, or "lokaal"), a display name, the role."""

    user_id: str
    name: str
    role: Role
    local: bool = False


LOCAL_USER = Identity(LOCAL_ID, "lokale gebruiker", "coordinator", local=True)
SIGNED_OUT = Identity("afgemeld", "niet aangemeld", "lezer")


@dataclass(frozen=True)
class RoleConfig:
    """E-mail addresses and group names (or ids) mapped to a role; `groups_claim` names the token claim."""

    emails: Mapping[str, Role] = field(default_factory=dict)
    groups: Mapping[str, Role] = field(default_factory=dict)
    groups_claim: str = "groups"


def _role(value: object, where: str) -> Role:
    """A configured role name ("coördinator" and "coordinator" both work)."""
    text = str(value).strip().lower().replace("ö", "o")
    if text not in ROLES:
        raise RoleConfigError(f"Onbekende rol “{value}” bij {where}; kies lezer, planner of coördinator.")
    return text


def parse_config(section: Mapping[str, Any] | None) -> RoleConfig:
    """A `[roles]` section: `[roles.emails]` address = role, `[roles.groups]` group = role, `groups_claim`."""
    if not section:
        return RoleConfig()
    emails, groups = section.get("emails", {}), section.get("groups", {})
    if not isinstance(emails, Mapping) or not isinstance(groups, Mapping):
        raise RoleConfigError('[roles.emails] en [roles.groups] moeten tabellen zijn (naam = "rol").')
    return RoleConfig(
        emails={str(k).strip().lower(): _role(v, f"roles.emails.{k}") for k, v in emails.items()},
        groups={str(k).strip(): _role(v, f"roles.groups.{k}") for k, v in groups.items()},
        groups_claim=str(section.get("groups_claim", "groups")),
    )


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


def role_for(claims: Mapping[str, Any], config: RoleConfig) -> Role:
    """The highest role that the e-mail address or any group in the claims is given; a lezer when none."""
    found: list[Role] = ["lezer"]
    if (email := user_email(claims)) and email in config.emails:
        found.append(config.emails[email])
    groups = claims.get(config.groups_claim) or []
    for group in [groups] if isinstance(groups, str) else groups:
        if str(group) in config.groups:
            found.append(config.groups[str(group)])
    return max(found, key=ROLES.index)


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
    return Identity(user_id, name, role_for(claims, config))


def allowed(actor: Identity, action: Action) -> bool:
    """Whether the actor's role permits the action."""
    return action in PERMISSIONS[actor.role]


def may_change(actor: Identity, kind: Literal["update", "rename", "delete"], owner: str | None) -> bool:
    """Whether the actor may change a scenario owned by `owner` (None: saved before there were owners)."""
    own = owner is not None and owner == actor.user_id
    return allowed(actor, f"{kind}_any") or (own and allowed(actor, f"{kind}_own"))  # type: ignore[arg-type]
