import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api.routes import admin, auth, health, notes
from app.core.config import settings

logging.basicConfig(level=logging.INFO)

app = FastAPI(title="Briefly API", version="0.4.0", debug=settings.debug)

app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])

app.include_router(health.router)
app.include_router(auth.router)
app.include_router(notes.router)
app.include_router(admin.router)
