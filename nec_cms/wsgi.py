import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nec_cms.settings.production")
# Below gunicorn's --timeout (30 s in deploy/systemd/nec-gunicorn.service), so that a query
# kept waiting ends the request with the 503 page before gunicorn kills the worker.
os.environ.setdefault("NEC_DB_STATEMENT_TIMEOUT", "25")

application = get_wsgi_application()
