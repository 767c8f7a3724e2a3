from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


def test_health_returns_ok() -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_notes_require_authentication() -> None:
    response = client.get("/api/notes")
    assert response.status_code == 401


def test_summarize_requires_authentication() -> None:
    response = client.post("/api/notes/1/summarize")
    assert response.status_code == 401
