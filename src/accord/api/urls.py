"""/api/v1/…: included by accord.config.urls, outside the language prefixes (namespace "api")."""

from accord.api.api import api
from accord.apikit.factory import api_urlpatterns

urlpatterns, _app_name, app_name = api_urlpatterns(api)
