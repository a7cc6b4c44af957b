"""The next-milestone card, one for Overzicht and Mijlpalen: a countdown only when it is honest."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ros import milestones as ms
from ros.ui.data import snapshot
from ros.ui.text import lang, t
from ros.wording.milestones import next_milestone_card as card_of


def next_milestone_card(heading: str, today: date, body: str | None = None) -> None:
    """Draw the next milestone on `today` (optionally for one body) under `heading`, inside the current container."""
    frame = snapshot()["milestones"]
    upcoming = ms.next_milestone(frame, today, body)
    if upcoming is None:
        st.markdown(f"**{heading}**")
        st.markdown(t("milestones.next_none"))
        return
    card = card_of(upcoming, frame, lang())
    if card.notice is not None:
        st.markdown(f"**{heading}**")
        st.markdown(card.notice)
    else:
        st.metric(heading, card.value, delta=card.delta, delta_color="off", delta_arrow="off")
    st.markdown(f"**{card.title}**")
    st.caption(t("milestones.next_when", when=card.when, status=card.status))
