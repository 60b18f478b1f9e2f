import os

from django.core.wsgi import get_wsgi_application

from quartierwerk.core.request_size import ChunkedBodyLimit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartierwerk.settings")
application = ChunkedBodyLimit(get_wsgi_application())
