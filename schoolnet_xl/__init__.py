"""schoolnet-xl: the Flemish school netwerkkaart as a living Excel workbook."""

__version__ = "0.1.0"
