"""ROS Twente dashboard: page frame, navigation and the shared sidebar. Pages live in app_pages/, logic in ros/."""

import streamlit as st

from ros import api, ui

if __name__ != "__main__":
    # `streamlit run app.py` imports this file to find the server it runs (an st.App): the pages below and the
    # read-only API at /api/v1 in one process. Each session then runs this file as "__main__": the frame below.
    app = st.App(__file__, routes=api.routes())
else:
    st.set_page_config(page_title="ROS Twente", page_icon=":material/location_city:", layout="wide")
    ui.start_run()
    t = ui.t
    ui.open_default_page_by_name("overzicht")
    navigation = st.navigation(
        {
            t("nav.region"): [
                st.Page(
                    "app_pages/overzicht.py",
                    title=t("nav.overview"),
                    icon=":material/dashboard:",
                    url_path="overzicht",
                    default=True,
                ),
                st.Page("app_pages/doelen.py", title=t("targets.title"), icon=":material/target:", url_path="doelen"),
                st.Page(
                    "app_pages/voortgang.py",
                    title=t("progress.title"),
                    icon=":material/trending_up:",
                    url_path="voortgang",
                ),
                st.Page(
                    "app_pages/mijlpalen.py", title=t("milestones.title"), icon=":material/event:", url_path="mijlpalen"
                ),
                st.Page("app_pages/budget.py", title=t("budget.title"), icon=":material/euro:", url_path="budget"),
                st.Page(
                    "app_pages/vergadermodus.py",
                    title=t("nav.meeting"),
                    icon=":material/co_present:",
                    url_path="vergadermodus",
                ),
            ],
            t("nav.explore"): [
                st.Page(
                    "app_pages/scenarios.py", title=t("scenario.title"), icon=":material/tune:", url_path="scenarios"
                ),
                st.Page(
                    "app_pages/vergelijken.py",
                    title=t("comparison.title"),
                    icon=":material/compare_arrows:",
                    url_path="vergelijken",
                ),
            ],
            t("nav.municipality"): [
                st.Page(
                    "app_pages/mijn_gemeente.py",
                    title=t("nav.my_municipality"),
                    icon=":material/location_city:",
                    url_path="mijn-gemeente",
                ),
            ],
            t("nav.about"): [
                st.Page(
                    "app_pages/bronnen.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="bronnen"
                ),
                st.Page(
                    "app_pages/toegankelijkheid.py",
                    title=t("accessibility.title"),
                    icon=":material/accessibility:",
                    url_path="toegankelijkheid",
                ),
            ],
        }
    )
    ui.language_switch()
    ui.municipality_picker()
    ui.data_line()
    url_notice = ui.notice_slot()
    navigation.run()
    ui.sync_url(url_notice)
    ui.warm_up()
