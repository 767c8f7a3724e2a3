import os

# Settings are read at import time, so provide the required values before the app loads.
os.environ.setdefault("DATABASE_URL", "postgresql+asyncpg://localhost/briefly_test")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("OPENAI_API_KEY", "sk-test")
os.environ.setdefault("DEBUG", "false")
