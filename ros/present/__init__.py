"""The wording layer: turns the numbers and codes that `ros` computes into the sentences a page or a briefing shows.

Calculation modules (`allocation`, `targets`, `milestones`, `cost_sharing`, …) take data and return numbers and codes;
the modules here take those results and a language and return text, one module per page or briefing. Every text
comes from the catalogues in `ros/base/locales`.
"""
