"""gunicorn settings of Stadtdialog: `gunicorn stadtdialog.wsgi --config gunicorn.conf.py --chdir src`.

gunicorn also reads this file by itself when started from the repository's folder. Workers, bind address
and the rest come from the command line or the environment (WEB_CONCURRENCY, GUNICORN_CMD_ARGS).
"""

import gc


def post_worker_init(worker):
    """Once the worker has loaded Django: move everything loaded so far (modules, URL patterns, templates
    compiled while loading) out of the garbage collector's view. Python's full collections then no longer
    walk these objects in the middle of a request, which shortens the slowest requests (the p95)."""
    gc.collect()
    gc.freeze()
