"""Reports: charts (server-side SVG) shared by the web pages and the PDF report."""
