"""The one palette: every workbook the project writes and the Excel button use it.

Red, amber and green are Excel's own "Bad", "Neutral" and "Good" cell styles, so
a verdict looks the same in the card, the findings report, the regional
workbook and the button's marks, and the way Excel users already know it.
"""

from __future__ import annotations

RED_FILL = "#FFC7CE"  # a fout; a missing core category
RED_FONT = "#9C0006"
AMBER_FILL = "#FFEB9C"  # a waarschuwing; a missing recommended category
AMBER_FONT = "#9C5700"
GREEN_FILL = "#C6EFCE"  # covered
BLUE_DARK = "#1F4E79"  # headings, table headers, chart bars
BLUE_LIGHT = "#DDEBF7"  # info; light header rows
INPUT_YELLOW = "#FFF9DB"  # the card's header input cells
GREY_FONT = "#595959"  # secondary text
GREY_HEADER = "#D9D9D9"  # header rows of the findings sheets
WHITE = "#FFFFFF"
BORDER_GREY = "#BFBFBF"

SEVERITY_FILLS: dict[str, str] = {"fout": RED_FILL, "waarschuwing": AMBER_FILL,
                                  "info": BLUE_LIGHT}
