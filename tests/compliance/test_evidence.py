"""A case's evidence pack (issue 13.5): a ZIP whose manifest verifies, a CJK PDF summary, the raw records of
this case and nothing of another, photos and agreements as stored, links redacted, generation audited."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import zipfile
from datetime import time

import pytest
from pypdf import PdfReader
from sqlmodel import select

from tests import factories as f
from visitapp.adapters.pdf import fonts_available
from visitapp.compliance.services import evidence
from visitapp.core import auth, tasks
from visitapp.core.errors import Forbidden, NotFound
from visitapp.core.models import AuditLog, Message, Note
from visitapp.core.settings import reset_settings_cache
from visitapp.field.services import checkin, visit_log

pytestmark = pytest.mark.skipif(not fonts_available(), reason="needs the CJK font (scripts/bootstrap.sh)")
HOME = (31.2304, 121.4737)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (80, 80), (10, 200, 10)).save(out, format="PNG")
    return out.getvalue()


def _worked_case(session, name: str, note: str):
    t = f.team(session, name=f"队 {name}")
    agents = [f.user(session, team=t), f.user(session, team=t)]
    case = f.case(session, team=t, agent=agents[0], name=name)
    v = f.visit(session, case=case, agents=agents, window=(time(9), time(11)))
    me = auth.identity_of(agents[0])
    r = checkin.check_in(session, actor=me, visit_id=v.id, lat=HOME[0], lon=HOME[1], reason="小区门口")
    assert r.decision.allowed and not r.needs_reason
    visit_log.add_note(session, actor=me, visit_id=v.id, body=note)
    visit_log.add_photo(session, actor=me, visit_id=v.id, filename="door.png", data=_png())
    body = f"{name} 您好 https://x.example/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
    session.add(
        Message(debtor_id=case.debtor_id, case_id=case.id, visit_id=v.id, to_number="+8613800000000", body=body)
    )
    session.flush()
    return case, v


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.setenv("VISITAPP_PRIVATE_DIR", str(tmp_path / "private"))
    reset_settings_cache()
    yield
    reset_settings_cache()


def test_the_pack_verifies_and_holds_this_case_only(session, private):
    mine, visit = _worked_case(session, "甲某某", "门口贴有告示，邻居说周末在家")
    _other, _ = _worked_case(session, "乙某某", "另一案件的秘密备注")
    sup = auth.identity_of(f.user(session, role="supervisor"))
    got = evidence.pack(session, actor=sup, case_id=mine.id, lang="zh-CN")
    assert got.sha256 == hashlib.sha256(got.data).hexdigest() and got.filename.endswith(".zip")
    z = zipfile.ZipFile(io.BytesIO(got.data))
    names = z.namelist()
    root = f"case-{mine.id}/"
    assert all(n.startswith(root) for n in names)
    manifest = json.loads(z.read(root + "manifest.json"))
    listed = {e["path"] for e in manifest["files"]}
    assert listed == {n[len(root) :] for n in names} - {"manifest.json", "SHA256SUMS"}
    for e in manifest["files"]:  # the manifest verifies, file by file
        data = z.read(root + e["path"])
        assert len(data) == e["bytes"] and hashlib.sha256(data).hexdigest() == e["sha256"], e["path"]
    sums = z.read(root + "SHA256SUMS").decode().splitlines()
    assert len(sums) == len(manifest["files"]) and all("  " in line for line in sums)
    # the records are there: the visit with its check-in, the note, the photo file, the SMS with its link hidden
    visits = json.loads(z.read(root + "records/visits.json"))
    assert visits[0]["id"] == visit.id and visits[0]["checkin_at"] and visits[0]["checkin_lat"] == HOME[0]
    assert "门口贴有告示" in z.read(root + "records/notes.json").decode()
    assert any(n.startswith(root + "photos/") for n in names)
    sms = z.read(root + "records/sms.json").decode()
    assert "AbCdEfGhIjKlMnOp" not in sms and "甲某某" in sms
    # nothing of the other case, in any file (the PDF's text included)
    text = PdfReader(io.BytesIO(z.read(root + "summary.pdf"))).pages[0].extract_text()
    assert "甲某某" in text and f"案件 {mine.id}" in text
    everything = b"".join(z.read(n) for n in names).decode("utf-8", "ignore") + text
    assert "乙某某" not in everything and "另一案件的秘密备注" not in everything
    [entry] = session.exec(select(AuditLog).where(AuditLog.action == "evidence.export")).all()
    assert entry.actor_id == sup.id and entry.after["sha256"] == got.sha256


def test_only_supervisors_and_admins_and_only_existing_cases(session, private):
    case, _ = _worked_case(session, "丙某某", "备注")
    for role in ("agent", "dispatcher"):
        with pytest.raises(Forbidden):
            evidence.pack(session, actor=auth.identity_of(f.user(session, role=role)), case_id=case.id, lang="zh-CN")
    admin = auth.identity_of(f.user(session, role="admin"))
    with pytest.raises(NotFound):
        evidence.pack(session, actor=admin, case_id=99999, lang="zh-CN")
    en = evidence.pack(session, actor=admin, case_id=case.id, lang="en")
    z = zipfile.ZipFile(io.BytesIO(en.data))
    text = PdfReader(io.BytesIO(z.read(f"case-{case.id}/summary.pdf"))).pages[0].extract_text()
    assert "Evidence pack of case" in text
    assert session.exec(select(Note)).all()  # the pack read, it did not take anything away


def test_the_page_makes_the_pack_in_another_process_with_the_same_files(session, private):
    """What /admin/evidence does (visitapp.core.tasks, here a child process): the same pack, photos included."""
    mine, _ = _worked_case(session, "丙某某", "约好周三上午再来")
    sup = auth.identity_of(f.user(session, role="supervisor"))
    session.commit()  # the child reads the database and the private directory, as a task worker would
    got = asyncio.run(tasks.run(evidence.pack_apart, actor=sup, case_id=mine.id, lang="zh-CN"))
    here = evidence.pack(session, actor=sup, case_id=mine.id, lang="zh-CN")
    assert sorted(zipfile.ZipFile(io.BytesIO(got.data)).namelist()) == sorted(
        zipfile.ZipFile(io.BytesIO(here.data)).namelist()
    )
    assert got.files == here.files and got.sha256 == hashlib.sha256(got.data).hexdigest()
    with pytest.raises(Forbidden):
        asyncio.run(tasks.run(evidence.pack_apart, actor=auth.identity_of(f.user(session)), case_id=mine.id, lang="en"))
