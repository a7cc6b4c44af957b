"""Toegankelijkheid: the accessibility statement, built from the checks the tests run (ros.present.accessibility)."""

import streamlit as st

from ros import ui
from ros.present.accessibility import statement

t, text = ui.t, statement(ui.lang())

st.title(text.title)
st.markdown(text.intro)
st.markdown(text.status)

st.header(t("accessibility.checks_title"))
st.markdown(text.checks_intro)
for check in text.checks:
    criteria = f"  \n{t('accessibility.criteria')}: {'; '.join(check.criteria)}" if check.criteria else ""
    st.markdown(f"- {check.text}{criteria}  \n{t('accessibility.test')}: `{check.test}`")

st.header(t("accessibility.exceptions_title"))
st.markdown(t("accessibility.exceptions_intro"))
st.markdown("\n".join(f"- {line}" for line in text.exceptions))

st.header(t("accessibility.gaps_title"))
st.markdown("\n".join(f"- {line}" for line in text.gaps))

st.header(t("accessibility.report_title"))
st.markdown(text.report)
