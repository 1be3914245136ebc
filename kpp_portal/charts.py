"""Horizontal bar charts drawn by the server as SVG: no JavaScript, no third party, one template
(snippets/bar_chart.html), and a table with the same numbers for screen readers and phones.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

WIDTH = 640  # SVG user units; the drawing scales to its container through its viewBox
BAR_AREA = 440  # units given to a full-length bar; the rest keeps the printed value in view
BAR_HEIGHT = 14
SEGMENT_STEP = 18  # vertical distance between the bars of one label
LABEL_HEIGHT = 24  # the label line above a label's bars


def format_number(value):
    """1,234 or 1,234.56: thousands separated, decimals only when there are any."""
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@dataclass
class Bar:
    label: str
    values: tuple
    notes: tuple = ()
    url: str = ""


@dataclass
class BarChart:
    """A chart with its table; build it in the view and include the one template.

    In the view (or a report module), then in the template::

        from kpp_portal.charts import Bar, BarChart

        chart = BarChart(
            title=_("คำขอ E-Service รายเดือน (เรื่อง)"),     # the figure's caption, and the table's
            label_heading=_("เดือน"),                       # heading of the table's first column
            series=(_("ยื่นคำขอ"), _("เสร็จแล้ว")),         # one name per bar segment; 2+ draw a legend
            bars=[
                Bar(_("ต.ค. 2568"), (12, 10), url="/e-service/2568/10/"),
                Bar(_("พ.ย. 2568"), (15, 14), notes=(_("ระบบปิดปรับปรุง 2 วัน"),)),
            ],
            note_headings=(_("หมายเหตุ"),),  # one heading per entry of Bar.notes (table only)
            total=Bar(_("รวม"), (27, 24)),    # optional last table row, not drawn
            scale=None,                       # a full-length bar's value: None = the largest, 100 for %
            format_value=format_number,       # how numbers are printed on the bars and in the table
        )

        {% include "snippets/bar_chart.html" with chart=chart %}

    `Bar.values` holds one number (int, float or Decimal) per series; negative values draw as empty
    bars. `Bar.url` turns the label into a link in the table. `Bar.notes` are printed as given.

    What the template draws: a <figure> captioned with the title, the legend when there are several
    series, the SVG (labels above their bars so long Thai names fit, the printed value at the end of
    each bar), and a table with exactly the same numbers. The SVG is hidden from assistive
    technology: it is a picture of the table that follows it, so a screen reader meets every number
    once, in the table, and a 360 px phone, where the scaled drawing's text is small, has the table
    too. Colours come from portal.css (`.series-0`, `.series-1`, …) and never carry meaning alone.
    """

    title: str
    bars: list
    label_heading: str
    series: tuple = ("",)
    note_headings: tuple = ()
    total: Bar | None = None
    scale: object = None
    format_value: object = format_number
    width: int = field(default=WIDTH, init=False)
    bar_height: int = field(default=BAR_HEIGHT, init=False)

    @property
    def legend(self):
        return len(self.series) > 1

    @property
    def row_height(self):
        return LABEL_HEIGHT + SEGMENT_STEP * len(self.series)

    @property
    def height(self):
        return self.row_height * len(self.bars) + 4

    def _full_length(self):
        if self.scale is not None:
            return Decimal(self.scale)
        largest = max((Decimal(value) for bar in self.bars for value in bar.values), default=Decimal(0))
        return largest if largest > 0 else Decimal(1)

    @cached_property
    def rows(self):
        """Each bar with its printed values and the geometry of its label and segments."""
        full = self._full_length()
        rows = []
        for index, bar in enumerate(self.bars):
            top = index * self.row_height
            texts = [self.format_value(value) for value in bar.values]
            rects = []
            for number, (value, text) in enumerate(zip(bar.values, texts, strict=True)):
                length = max(float(Decimal(value) / full) * BAR_AREA, 0.0)
                y = top + LABEL_HEIGHT - 4 + SEGMENT_STEP * number
                rects.append({"series": number, "y": y, "width": round(length, 1), "text": text,
                              "text_x": round(length + 6, 1), "text_y": y + BAR_HEIGHT - 2})
            rows.append({"label": bar.label, "url": bar.url, "notes": bar.notes, "texts": texts,
                         "label_y": top + 15, "rects": rects, **self._cells(texts, bar.notes)})
        return rows

    @cached_property
    def total_row(self):
        if self.total is None:
            return None
        texts = [self.format_value(value) for value in self.total.values]
        return {"label": self.total.label, "notes": self.total.notes, "texts": texts,
                **self._cells(texts, self.total.notes)}

    def _cells(self, texts, notes):
        """The table's cells with their column headings (the card layout on a phone labels each)."""
        return {"value_cells": list(zip(self.series, texts, strict=False)),
                "note_cells": list(zip(self.note_headings, notes, strict=False))}
