"""The corruption-risk matrix, drawn by the server as a table (bar charts: kpp_portal.charts)."""
from .models import RiskLevel, risk_level


def risk_matrix(entries):
    """5×5 grid: rows impact 5→1, columns likelihood 1→5; each cell its level and the risks in it."""
    cells = {}
    for number, entry in enumerate(entries, start=1):
        cells.setdefault((entry.likelihood, entry.impact), []).append(number)
    rows = []
    for impact in range(5, 0, -1):
        row = []
        for likelihood in range(1, 6):
            level = risk_level(likelihood, impact)
            row.append({
                "likelihood": likelihood,
                "impact": impact,
                "level": level,
                "level_label": RiskLevel(level).label,
                "numbers": cells.get((likelihood, impact), []),
            })
        rows.append({"impact": impact, "cells": row})
    return {"rows": rows, "likelihoods": range(1, 6)}
