"""What the page benchmark (`scripts/benchmark_pages.py`), the capacity test and the load test share: the app's
server started and stopped on a free port (`server`), the browser's view of a page having finished (`browser`),
the warm reruns in AppTest (`reruns`), the browser visits, page switches and cold starts (`visits`) and the report
against the targets (`report`)."""
