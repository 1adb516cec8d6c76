"""Agents' photos (issue 13.1): checked by content, upright, square, without metadata, stored privately,
shown through signed URLs that stop working when the photo is replaced; on the badge, the verification
page and the debtor's link."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import select
from starlette.testclient import TestClient

from tests import factories as f
from visitapp.core import auth
from visitapp.core.db import session_scope
from visitapp.core.errors import Forbidden, ValidationError
from visitapp.core.models import AuditLog, User
from visitapp.core.settings import reset_settings_cache
from visitapp.field.services import badge
from visitapp.people.rules.photo import SIZE, square
from visitapp.people.services import photos


def _image(width: int, height: int, fmt: str = "JPEG", *, orientation: int | None = None) -> bytes:
    img = Image.new("RGB", (width, height), (200, 30, 30))
    img.paste((30, 30, 200), (0, 0, width // 2, height))  # left half blue: shows which way it was turned
    out = io.BytesIO()
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation  # Orientation
        exif[0x8825] = {2: (31.0, 13.0, 0.0)}  # a GPS block, which must not survive
        img.save(out, format=fmt, exif=exif.tobytes())
    else:
        img.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    reset_settings_cache()
    yield tmp_path / "private"
    reset_settings_cache()


def test_a_photo_is_cropped_square_upright_and_without_metadata():
    stored, problem = square(_image(800, 600, orientation=6))  # taken with the phone turned: 90° clockwise
    assert problem == "" and stored is not None
    with Image.open(io.BytesIO(stored)) as out:
        assert out.format == "JPEG" and out.size == (SIZE, SIZE)
        assert not out.getexif()  # no orientation, no GPS, no camera
        top, bottom = out.getpixel((SIZE // 2, 5)), out.getpixel((SIZE // 2, SIZE - 5))
    assert top[2] > 150 and bottom[0] > 150  # turned upright: the blue half is now on top
    assert square(_image(600, 600, "PNG"))[1] == ""


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "people.photo.empty"),
        (b"GIF89a" + b"\0" * 100, "people.photo.type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "people.photo.type"),
        (_image(400, 400)[:300], "people.photo.type"),  # truncated
        (_image(40, 40), "people.photo.too_small"),
    ],
)
def test_what_is_not_a_usable_picture_is_refused_with_the_reason(data, problem):
    assert square(data) == (None, problem)


def test_the_photo_is_served_by_a_signed_url_that_ends_when_it_is_replaced(db_url, private):
    from visitapp.http.routes import api

    with session_scope(db_url) as s:
        admin = auth.identity_of(f.user(s, role="admin"))
        agent = f.user(s, team=f.team(s))
        photos.set_photo(s, actor=admin, user_id=agent.id, data=_image(700, 500))
        first = photos.url(s.get(User, agent.id), api_base="")
        agent_id = agent.id
    client = TestClient(api)
    ok = client.get(first)
    assert ok.status_code == 200 and ok.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(ok.content)).size == (SIZE, SIZE)
    assert client.get(first.replace("s=", "s=0")).status_code == 403
    assert client.get(f"/api/agent-photo/{agent_id}").status_code == 403
    with session_scope(db_url) as s:
        photos.set_photo(s, actor=admin, user_id=agent_id, data=_image(500, 700, "PNG"))
        second = photos.url(s.get(User, agent_id), api_base="")
        assert len(list((private / "agents").iterdir())) == 1  # the old file is gone
        entries = s.exec(select(AuditLog).where(AuditLog.action == "user.photo")).all()
        assert len(entries) == 2 and entries[1].before == {"photo": True} and len(entries[1].after["sha256"]) == 64
    assert client.get(first).status_code == 403  # the replaced photo's address answers no more
    assert client.get(second).status_code == 200


def test_the_badge_and_the_verification_page_show_the_photo(session, private):
    admin = auth.identity_of(f.user(session, role="admin"))
    agent = f.user(session, team=f.team(session))
    assert badge.verify(session, token=agent.verify_token).photo == ""
    photos.set_photo(session, actor=admin, user_id=agent.id, data=_image(300, 300))
    shown = badge.verify(session, token=agent.verify_token).photo
    assert f"/api/agent-photo/{agent.id}?e=" in shown
    assert badge.my_badge(session, actor=auth.identity_of(agent), base_url="http://x").agent.photo.startswith("http")
    photos.remove_photo(session, actor=admin, user_id=agent.id)
    assert badge.verify(session, token=agent.verify_token).photo == ""


def test_only_admins_set_photos_and_bad_files_change_nothing(session, private):
    admin = auth.identity_of(f.user(session, role="admin"))
    agent = f.user(session, team=f.team(session))
    with pytest.raises(Forbidden):
        photos.set_photo(session, actor=auth.identity_of(agent), user_id=agent.id, data=_image(300, 300))
    with pytest.raises(ValidationError, match=r"people\.photo\.type"):
        photos.set_photo(session, actor=admin, user_id=agent.id, data=b"not a picture")
    assert session.get(User, agent.id).photo_path is None
    assert not (private / "agents").exists() or not list((private / "agents").iterdir())
