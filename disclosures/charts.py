"""Charts drawn by the server (no JavaScript, no third party): plain numbers for the templates,
which draw SVG/HTML and always show the same numbers as a table."""
from decimal import Decimal

from .models import RiskLevel, risk_level

BAR_AREA_WIDTH = 300  # px of the SVG given to a 100 % bar
BAR_HEIGHT = 28
BAR_GAP = 16
LABEL_WIDTH = 170


def bar_chart(values, title, unit):
    """Horizontal bars on a 0–100 scale from [(label, level, value), …]."""
    bars = []
    for index, (label, level, value) in enumerate(values):
        value = Decimal(value)
        bars.append({
            "label": label,
            "level": level,
            "value": value,
            "y": BAR_GAP + index * (BAR_HEIGHT + BAR_GAP),
            "width": round(float(value) * BAR_AREA_WIDTH / 100, 1),
        })
    return {
        "title": title,
        "unit": unit,
        "bars": bars,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "text_dy": BAR_HEIGHT // 2 + 5,
        "width": LABEL_WIDTH + BAR_AREA_WIDTH + 60,
        "height": BAR_GAP + len(bars) * (BAR_HEIGHT + BAR_GAP),
    }


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
