"""Caching shared by the apps: the Redis cache backend that carries on without Redis."""
