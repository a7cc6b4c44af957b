"""Tests of ros/data: the snapshot, its validation, versions and refresh, uploads, geography."""
