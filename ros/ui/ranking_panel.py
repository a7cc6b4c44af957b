"""Who is behind: the cached ranking of the 14 municipalities and its panel on Voortgang (kind and order in the
link as `ranglijst` and `rang_op`), its sentence for Overzicht and its chart for the meeting view."""

from __future__ import annotations

import streamlit as st

from ros.base.options import one_of
from ros.model import progress, ranking
from ros.model.targets import TargetSettings
from ros.present import ranking as ranking_view
from ros.ui.cached import per_language
from ros.ui.data import Data, target_result
from ros.ui.downloads import download_buttons
from ros.ui.figures import chart
from ros.ui.progress_panel import own_from_key, own_key
from ros.ui.scenarios import current_scenario
from ros.ui.settings import option_labels
from ros.ui.text import t
from ros.ui.url import from_url


@per_language(max_entries=32)
def _ranking(
    data: Data,
    language: str,
    settings: TargetSettings,
    kind: str,
    sort: str,
    measure: str,
    own: tuple[tuple[object, ...], ...],
) -> ranking_view.Ranking:
    result = data.result(settings)
    return ranking_view.for_scenario(data.snapshot, result, own_from_key(own), kind, sort, measure, language)


def ranking_for(kind: str = "homes", sort: str = "ratio", measure: str = progress.MEASURES[0]) -> ranking_view.Ranking:
    """The ranking under the session's scenario with its own figures."""
    chosen, _ = current_scenario()
    return _ranking(target_result(chosen.target_settings()).settings, kind, sort, measure, own_key())


def ranking_panel(measure: str) -> None:
    """Voortgang's ranking: kind and order (in the link), the sentence, chart, table and downloads."""
    from_url("ranglijst", ranking.KINDS[0], one_of(ranking.KINDS))
    from_url("rang_op", ranking.SORTS[0], one_of(ranking.SORTS))
    left, right = st.columns(2)
    kind = str(
        left.segmented_control(
            t("ranking.kind"), ranking.KINDS, key="ranglijst", required=True, format_func=option_labels("ranking.kind_")
        )
    )
    sort = str(
        right.segmented_control(
            t("ranking.sort"), ranking.SORTS, key="rang_op", required=True, format_func=option_labels("ranking.sort_")
        )
    )
    view = ranking_for(kind, sort, measure)
    st.markdown(view.sentence)
    if view.chart is not None:
        chart(view.chart, key="ranking_chart")
    st.dataframe(view.table, hide_index=True)
    if view.unranked:
        st.caption(view.unranked)
    end = current_scenario()[0].target_settings().end_year
    st.caption(t("ranking.band_note") if kind == "homes" else t("ranking.residents_note", end=end))
    download_buttons(t("ranking.download"), {t("ranking.download"): view.export}, key="ranking")


def ranking_meeting(code: str | None, height: int) -> None:
    """The homes ranking for a projector: bars with text of at least 22 px, `code` (the sidebar's municipality)
    outlined; its sentence when nothing is ranked."""
    view = ranking_for("homes")
    figure = ranking_view.presentation_chart(view, code, height)
    if figure is None:
        st.markdown(view.sentence)
    else:
        chart(figure, key="meeting_ranking")
        if view.unranked:
            st.markdown(view.unranked)
