"""Streamlit glue, one module per concern; pages and tests use it as `from ros import ui` and `ui.t(...)`.

This is the only package in `ros` that imports Streamlit. Pages call these helpers so that they stay thin and never
repeat each other:

- `text` — the chosen language and the translated texts (`lang`, `t`, `labels`)
- `data` — cached loaders: the snapshot, the targets arrays, the boundaries, the scenario store, the recompute
- `url` — URL state: `start_run`, `from_url`, `sync_url`
- `sidebar` — the language switch and the municipality picker
- `settings` — scenario widgets built from the fields of `ros.records.scenario.Scenario` (bounds, options, Dutch
numbers)
- `scenarios` — the session's scenario, opening one, its cost sharing
- `auth` — lokale modus or sign-in (`st.login`), the user's identity and role
- `store_actions`, `save_panel`, `saved_list`, `audit_panel`, `comparison`, `targets_panel`, `ledger_panel`,
  `milestone_card` — one module per panel
- `targets_view`, `figures` — cached tables and figures
- `folded` — expanders whose content is built only while open (table alternatives, data sets)
- `progress_panel` — the progress page's cached view, own figures and capacity upload
- `downloads` — download buttons, scenario files, source captions and columns
- `facts` — per-data, per-day and per-language facts and figures, built once and shared by all sessions
- `warmup` — fills the shared caches once per server process and freezes the heap for the garbage collector
- `launch` — `python -m ros.ui.launch`: `streamlit run app.py` started warm (not imported here)
- `routing` — `/overzicht` opens the default page like `/`
- `projector` — the Vergadermodus frame: large type that fits 1920×1080, ← → keys
- `realised_panel` — homes built and net change since the start year (refreshed CBS figures), as page text
- `versions_panel` — which data are in use ("Gegevens van …" on every page) and the refreshed versions
"""

from ros.ui import settings
from ros.ui.audit_panel import audit_panel
from ros.ui.auth import identity, sign_in_enabled, sign_in_line
from ros.ui.comparison import baseline, comparison_choice, comparison_columns
from ros.ui.comparison_view import ComparisonView, comparison_view
from ros.ui.data import (
    _cached_boundaries,
    _cached_snapshot,
    _cached_store,
    _cached_target_region,
    boundaries,
    snapshot,
    store,
    target_region,
    target_result,
)
from ros.ui.downloads import (
    download_buttons,
    scenario_downloads,
    source_caption,
    source_columns,
)
from ros.ui.facts import (
    budget_summary,
    budget_tables,
    cost_sharing_parties,
    dataset_sources,
    governance_diagram,
    growth_chart,
    growth_table,
    milestone_card,
    municipality_briefing,
    parties_by_kind,
    party_problems,
    standing,
)
from ros.ui.figures import budget_flow_chart, budget_flow_table, chart, milestones_chart
from ros.ui.folded import folded, table_alternative
from ros.ui.ledger_panel import checked_ledger, ledger_panel
from ros.ui.meeting import projector_frame
from ros.ui.milestone_card import next_milestone_card
from ros.ui.milestones_view import MilestonesView, milestones_view
from ros.ui.progress_panel import (
    capacity_panel,
    forecast_vintages,
    own_figures_panel,
    progress_headline,
    progress_meeting,
    progress_municipality_line,
    progress_view_for,
)
from ros.ui.realised_panel import catch_up_track, realised_homes, realised_pace, realised_pace_line
from ros.ui.routing import open_default_page_by_name
from ros.ui.save_panel import save_form
from ros.ui.saved_list import records_columns, records_table, saved_scenarios_panel
from ros.ui.scenarios import (
    apply_scenario,
    current_scenario,
    scenario_contributions,
    settings_columns,
)
from ros.ui.settings import option_labels
from ros.ui.sidebar import (
    LANGUAGE_NAMES,
    language_switch,
    municipality_picker,
    selected_municipality,
)
from ros.ui.store_actions import (
    clear_store_message,
    import_scenario_file,
    open_record,
    rename_record,
    show_store_message,
    store_action,
    store_error_text,
)
from ros.ui.targets_panel import targets_result, targets_settings_panel
from ros.ui.targets_view import (
    TargetsTables,
    TargetsView,
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

__all__ = [
    "LANGUAGE_NAMES",
    "ComparisonView",
    "MilestonesView",
    "TargetsTables",
    "TargetsView",
    "_cached_boundaries",
    "_cached_snapshot",
    "_cached_store",
    "_cached_target_region",
    "apply_scenario",
    "audit_panel",
    "baseline",
    "boundaries",
    "budget_flow_chart",
    "budget_flow_table",
    "budget_summary",
    "budget_tables",
    "capacity_panel",
    "catch_up_track",
    "chart",
    "checked_ledger",
    "clear_store_message",
    "comparison_choice",
    "comparison_columns",
    "comparison_view",
    "cost_sharing_parties",
    "current_scenario",
    "data_line",
    "dataset_sources",
    "download_buttons",
    "focus_row",
    "folded",
    "forecast_vintages",
    "from_url",
    "governance_diagram",
    "growth_chart",
    "growth_table",
    "identity",
    "import_scenario_file",
    "labels",
    "lang",
    "language_switch",
    "ledger_panel",
    "measure_table",
    "milestone_card",
    "milestones_chart",
    "milestones_view",
    "municipalities_chart",
    "municipality_briefing",
    "municipality_picker",
    "next_milestone_card",
    "notice_slot",
    "open_default_page_by_name",
    "open_record",
    "option_labels",
    "own_figures_panel",
    "parties_by_kind",
    "party_problems",
    "progress_headline",
    "progress_meeting",
    "progress_municipality_line",
    "progress_view_for",
    "projector_frame",
    "realised_homes",
    "realised_pace",
    "realised_pace_line",
    "records_columns",
    "records_table",
    "rename_record",
    "save_form",
    "saved_scenarios_panel",
    "scenario_contributions",
    "scenario_downloads",
    "selected_municipality",
    "settings",
    "settings_columns",
    "show_store_message",
    "sign_in_enabled",
    "sign_in_line",
    "snapshot",
    "source_caption",
    "source_columns",
    "standing",
    "start_run",
    "stop",
    "store",
    "store_action",
    "store_error_text",
    "sync_url",
    "sync_url_after_fragment",
    "t",
    "table_alternative",
    "target_region",
    "target_result",
    "targets_map",
    "targets_result",
    "targets_settings_panel",
    "targets_tables",
    "targets_view",
    "upload_help",
    "versions_panel",
    "warm_up",
]
