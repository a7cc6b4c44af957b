"""Streamlit glue, one module per concern; pages use it as `from ros import ui` and `ui.t(...)`.

This is the only package in `ros` that imports Streamlit. The names below are what pages call (each imported once;
a helper that pages do not call stays in its module):

- `text` — the chosen language and the translated texts (`lang`, `t`, `labels`)
- `data` — the data in use (`Data`, `snapshot`, the targets arrays and recompute), the boundaries, the scenario store
- `cached` — `per_data` / `per_language`: one decorator for everything built from the data, shared by all sessions
- `url` — URL state: `start_run`, `from_url`, `sync_url`
- `sidebar` — the language switch and the municipality picker
- `settings` — scenario widgets built from the fields of `ros.records.scenario.Scenario`
- `scenarios` — the session's scenario, opening one, its cost sharing
- `auth` — lokale modus or sign-in (`st.login`), the user's identity and role
- `facts`, `figures`, `targets_view`, `comparison_view`, `milestones_view`, `realised_panel` — cached views, tables and
  figures (built in `ros.present`)
- `targets_panel`, `progress_panel`, `ranking_panel`, `ledger_panel`, `comparison`, `milestone_card`,
  `versions_panel`, `save_panel`, `saved_list`, `store_actions`, `audit_panel` — one module per panel
- `folded` — expanders whose content is built only while open (table alternatives, data sets)
- `downloads` — download buttons, scenario files, source captions and columns
- `meeting` — the meeting view's projector frame: large type that fits 1920×1080, ← → keys
- `routing` — `/overzicht` opens the default page like `/`
- `warmup` — fills the shared caches once per server process; `launch` (not imported here) starts the server warm
"""

from ros.ui import settings
from ros.ui.audit_panel import audit_panel
from ros.ui.auth import identity, sign_in_line
from ros.ui.comparison import comparison_columns, comparison_pair
from ros.ui.comparison_view import comparison_view
from ros.ui.data import boundaries, snapshot, target_region, target_result
from ros.ui.downloads import download_buttons, scenario_downloads, source_caption, source_columns
from ros.ui.facts import (
    budget_summary,
    budget_tables,
    cost_sharing_parties,
    dataset_sources,
    governance_diagram,
    growth_chart,
    growth_table,
    municipality_briefing,
    parties_by_kind,
    party_problems,
    standing,
)
from ros.ui.figures import budget_flow_chart, budget_flow_table, chart, milestones_chart
from ros.ui.folded import folded, table_alternative
from ros.ui.ledger_panel import ledger_panel
from ros.ui.meeting import projector_frame
from ros.ui.milestone_card import next_milestone_card
from ros.ui.milestones_view import milestones_view
from ros.ui.progress_panel import (
    capacity_panel,
    forecast_vintages,
    own_figures_panel,
    progress_headline,
    progress_meeting,
    progress_view_for,
)
from ros.ui.ranking_panel import ranking_for, ranking_meeting, ranking_panel
from ros.ui.realised_panel import catch_up_track, realised_homes, realised_pace_line
from ros.ui.routing import open_default_page_by_name
from ros.ui.save_panel import save_form
from ros.ui.saved_list import saved_scenarios_panel
from ros.ui.scenarios import current_scenario, settings_columns
from ros.ui.settings import option_labels
from ros.ui.sidebar import language_switch, municipality_picker, selected_municipality
from ros.ui.store_actions import clear_store_message, import_scenario_file, show_store_message
from ros.ui.targets_panel import targets_result, targets_settings_panel
from ros.ui.targets_view import (
    focus_row,
    measure_table,
    municipalities_chart,
    targets_map,
    targets_tables,
    targets_view,
)
from ros.ui.text import labels, lang, t, upload_help
from ros.ui.url import from_url, notice_slot, start_run, stop, sync_url, sync_url_after_fragment
from ros.ui.versions_panel import data_line, versions_panel
from ros.ui.warmup import warm_up
