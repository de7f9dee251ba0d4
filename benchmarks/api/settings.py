"""The page benchmark's settings (production over plain HTTP on the loopback), with the API
benchmark's baseline address."""

from benchmarks.pages.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.api.urls"
