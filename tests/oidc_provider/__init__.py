"""A real OpenID Connect provider for the sign-on tests: a tiny Django project on django-oauth-toolkit.

tests/accounts/test_oidc.py prepares it (prepare.py: migrate, people, our client) and starts it with
`python -m django runserver 127.0.0.1:PORT --noreload`, DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings,
OIDC_PROVIDER_DIR (its SQLite file and signing key) and OIDC_PROVIDER_PORT in the environment.
"""
