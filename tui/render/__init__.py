"""Rich renderables shared by the CLI and the TUI (rich only, no textual).

Every renderable respects the width it is given (or the console's), renders in plain text
when the console has no colour, and has a `summary()` that says in one line what it shows.
"""

from __future__ import annotations

from .heatmap import Heatmap
from .histogram import Histogram, HistogramRow
from .image_grid import ImageGrid
from .line_chart import LineChart
from .path_plot import PathPlot

__all__ = ["Heatmap", "Histogram", "HistogramRow", "ImageGrid", "LineChart", "PathPlot"]

from .lab_view import FrameView, metrics_line, plot_renderable, plot_summary  # noqa: E402

__all__ += ["FrameView", "metrics_line", "plot_renderable", "plot_summary"]
