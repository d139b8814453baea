"""Reliability harness: real server processes (gunicorn, the django-tasks worker) on a file or PostgreSQL database."""
