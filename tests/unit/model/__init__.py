"""Tests of ros/model: every calculation, on real and hand-checked numbers."""
