"""Time to make the annual report PDF of a year (issue 17 item 6: ≤ 30 s), on the report benchmark's database:
the figures of the year and the year before computed afresh (the data version raised first, as after a change),
laid out with WeasyPrint; the PDF is not stored. Prints wall and CPU seconds, pages and size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sd_perf_report YEAR=2025 \\
        .venv/bin/python manage.py shell -v0 -c "exec(open('bench/reporting/annual_pdf.py').read())"
"""

import io
import os
import time

from django.conf import settings
from django.utils import timezone, translation
from pypdf import PdfReader

from stadtdialog.core.pdf import render_pdf
from stadtdialog.reporting.annual import annual_report_context
from stadtdialog.reporting.cache import figures_stale

year = int(os.environ.get("YEAR", timezone.localdate().year - 1))
figures_stale()  # nothing cached: the first request after a change
wall, cpu = time.perf_counter(), time.process_time()
with translation.override(settings.LANGUAGE_CODE):
    context = annual_report_context(year)
    figures_wall, figures_cpu = time.perf_counter() - wall, time.process_time() - cpu
    pdf = render_pdf("reporting/annual_report_pdf.html", context)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
pages = len(PdfReader(io.BytesIO(pdf)).pages)
print(
    f"ANNUAL year={year} wall_s={wall:.1f} cpu_s={cpu:.1f} figures_wall_s={figures_wall:.1f} "
    f"figures_cpu_s={figures_cpu:.1f} pages={pages} kb={len(pdf) / 1024:.0f}"
)
