"""Sign-in and roles in the UI: lokale modus without an `[auth]` secrets section, else Streamlit's OpenID Connect
sign-in (`st.login`, `st.user`, `st.logout`) with the role from the configuration (`ros.records.roles`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from ros.base.config import roles_file
from ros.base.markup import escape
from ros.records import roles
from ros.records.roles import LOCAL_USER, SIGNED_OUT, Identity, RoleConfig, RoleConfigError
from ros.ui.text import t


def _secret(name: str) -> Mapping[str, Any] | None:
    """One section of the secrets (.streamlit/secrets.toml or `secrets.files`), or None without it or a file."""
    try:
        value = st.secrets.get(name)
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return None
    return value if isinstance(value, Mapping) else None


def sign_in_enabled() -> bool:
    """Whether the secrets have an `[auth]` section (otherwise: lokale modus)."""
    return _secret("auth") is not None


def role_config() -> RoleConfig:
    """The role configuration (ROS_ROLES_FILE, else the `[roles]` secrets); a broken one gives nobody a role and
    is reported on the page."""
    try:
        return roles.load_config(_secret("roles"), roles_file())
    except RoleConfigError as error:
        st.session_state["_roles_problem"] = str(error)
        return RoleConfig()


def identity() -> Identity:
    """Who is using this session: the local user, the signed-in user with their role, or a signed-out lezer.
    An expired or tampered identity cookie reaches us as signed out (Streamlit drops it)."""
    if not sign_in_enabled():
        return LOCAL_USER
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        return SIGNED_OUT
    return roles.identity_for(claims, role_config())


def _provider() -> str | None:
    """The provider name for `st.login`: None when the client settings are in `[auth]` itself, else the first
    `[auth.<name>]` section."""
    section = _secret("auth") or {}
    if "client_id" in section:
        return None
    return next((name for name, value in section.items() if isinstance(value, Mapping)), None)


def sign_in_line() -> Identity:
    """One line saying who is working and with which role, with the sign-in or sign-out button; the identity."""
    actor = identity()
    role = t(f"roles.role_{actor.role}")
    if actor.local:
        st.caption(t("roles.local_mode"), help=t("roles.local_mode_help"))
        return actor
    text_col, button_col = st.columns([4, 1], vertical_alignment="center")
    if actor == SIGNED_OUT:
        text_col.markdown(t("roles.signed_out", role=role))
        button_col.button(
            t("roles.sign_in"),
            icon=":material/login:",
            key="sign_in",
            on_click=st.login,
            args=(_provider(),) if _provider() else (),
        )
    else:
        text_col.markdown(t("roles.signed_in", name=escape(actor.name), user=escape(actor.user_id), role=role))
        button_col.button(t("roles.sign_out"), icon=":material/logout:", key="sign_out", on_click=st.logout)
    if problem := st.session_state.pop("_roles_problem", None):
        st.error(t("roles.config_problem", problem=escape(problem)), icon=":material/error:")
    return actor
