"""The Django project: settings, URLs, WSGI and the security middleware."""
