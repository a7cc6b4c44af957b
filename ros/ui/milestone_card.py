"""The next-milestone card, one for Overzicht and Mijlpalen: a countdown only when it is honest."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ros.ui.facts import milestone_card
from ros.ui.text import t


def next_milestone_card(heading: str, today: date, body: str | None = None) -> None:
    """Draw the next milestone on `today` (optionally for one body) under `heading`, inside the current container."""
    card = milestone_card(today, body)
    if card is None:
        st.markdown(f"**{heading}**")
        st.markdown(t("milestones.next_none"))
        return
    if card.notice is not None:
        st.markdown(f"**{heading}**")
        st.markdown(card.notice)
    else:
        st.metric(heading, card.value, delta=card.delta, delta_color="off", delta_arrow="off")
    st.markdown(f"**{card.title}**")
    st.caption(t("milestones.next_when", when=card.when, status=card.status))
