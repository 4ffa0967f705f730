"""svc's LocalStack test plugin: see executor.py and providers.py."""
