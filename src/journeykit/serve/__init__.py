"""`journeykit serve`: the HTML reports on a local server, rendered on request, reloaded on every change.

site.py builds the pages (through the same code as `journeykit render`), files.py decides which file a
URL names (never one outside the given paths), live.py adds the reload script to served pages and
holds the stream of changes, watch.py watches the files, http.py answers requests.
"""
