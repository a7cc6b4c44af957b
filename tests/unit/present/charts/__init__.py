"""Tests of ros/present/charts: figure builders, on their data and labels."""
