"""Browser tests: a real `streamlit run` driven by headless Chromium (marked `browser`)."""
