"""Tests of ros/present: sentences, view objects, exports, workbook, calendar, briefing."""
