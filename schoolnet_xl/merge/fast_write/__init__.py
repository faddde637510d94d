"""The fast way to write the regional workbook: the same workbook, sooner.

`regional_workbook` lays out every sheet and hands the data rows to a writer;
`PlainWriter` there writes every cell with XlsxWriter's own calls (the
reference), `FastWriter` here is the default. A Flanders-sized region (3,000
cards, 90,000 Partners rows, ~1.7 million cells) is where each piece earned its
code; the figures are from the commits that brought them, on the 2-core machine
of benchmarks/bench_merge.py:

- `bulk_rows`: data rows rendered as `<row>` XML with inline strings and
  spliced into XlsxWriter's package while it is copied: ~1 µs a cell instead of
  XlsxWriter's ~7 µs, 7x faster for the 90,000 Partners rows (52ae2c2); the
  Dekking matrix too (XlsxWriter spent ~0.7 s on its 69,000 cells, c7eafac).
  The Partners table is laid out over two rows and widened in the package:
  XlsxWriter's add_table spends ~2 s checking overlaps over 90,000 rows (7f594d0).
- `alongside`: a forked process writes the Partners rows while this one lays
  out the rest: region + write of 3,000 cards, median 4.3 -> 3.2 s (7fbe0b9); and
  with them the rows of Dekking, Scholen, Bevindingen and Bronbestanden, which
  this one otherwise rendered after working out the evolution: 9,000 cards in a
  quiet spell, fork to written 1.79-1.94 -> 1.33-1.35 s (64391b0); no gain when
  other work already keeps both cores busy.
- `links`: the hyperlinks of Scholen and Bevindingen (each row to its file)
  written as two strings per link instead of XlsxWriter's write_url and
  packager: ~0.4 s -> ~0.03 s for the 12,000 links of 3,000 cards (ff8393d).
- `deflated`: that process also deflates its rows, and the main process
  joins the pieces into one zip member instead of compressing 83 MB again:
  the Partners splice in the main process 0.65 -> 0.09 s (9724b58).

Same output: tests/test_merge_writer_paths.py writes one region both ways and
compares every cell value (calamine and openpyxl), format, row height, the
Partners table and the document properties. Private APIs used here (zipfile
internals in `deflated`, XlsxWriter's `Format._get_xf_index` in `writer`) are
checked by tests/test_merge_writer_private_apis.py, which says what broke.
"""

from schoolnet_xl.merge.fast_write.writer import FastWriter

__all__ = ["FastWriter"]
