"""Hashing of passwords, tokens and debtor verifiers."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import random
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2 iterations, 1 lane),
# one of its equivalent configurations: about 25 ms of one core, where the library's default (64 MiB,
# 3 iterations, 4 lanes) takes 170 ms, so 200 agents signing in at the start of a shift cost 5 CPU seconds,
# not 35. Older hashes are upgraded at the next sign-in (auth.login: password_needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)

# At most this many hashes at once on the machine, whatever the number of worker processes: the rest of
# the cores keep answering everyone else's events during a burst of sign-ins.
HASHING_SLOTS = max(1, (os.cpu_count() or 1) // 2)
_SLOT_DIR = Path(tempfile.gettempdir()) / f"visitapp-hashing-{os.getuid()}"


@contextmanager
def hashing_slot() -> Iterator[None]:
    """Hold one of the machine's HASHING_SLOTS (a lock file each, flock'ed: shared by every process of
    this user on this machine, released if the process dies); waits for one when all are taken."""
    _SLOT_DIR.mkdir(mode=0o700, exist_ok=True)
    held = None
    for i in random.sample(range(HASHING_SLOTS), HASHING_SLOTS):
        fd = os.open(_SLOT_DIR / f"{i}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        held = fd
        break
    if held is None:
        held = os.open(_SLOT_DIR / f"{random.randrange(HASHING_SLOTS)}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(held, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(held, fcntl.LOCK_UN)
        os.close(held)


def hash_password(password: str) -> str:
    with hashing_slot():
        return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        with hashing_slot():
            return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are high-entropy, so a plain SHA-256 is the right stored form."""
    return hashlib.sha256(token.encode()).hexdigest()


def hash_verifier(secret_key: str, debtor_key: str, kind: str, value: str) -> str:
    """A debtor verifier (birth year, ID last 4) has little entropy: a keyed HMAC with the server secret
    makes a stolen table useless without the key; the 5-tries lock stops online guessing."""
    msg = f"{debtor_key}:{kind}:{value.strip().upper()}".encode()
    return hmac.new(secret_key.encode(), msg, hashlib.sha256).hexdigest()


def verifier_matches(secret_key: str, debtor_key: str, kind: str, value: str, stored: str | None) -> bool:
    if not stored:
        return False
    return hmac.compare_digest(hash_verifier(secret_key, debtor_key, kind, value), stored)


def sign(secret_key: str, message: str) -> str:
    """A short HMAC signature for URLs that must work without a header (an <img> of a private photo)."""
    return hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]


def signature_matches(secret_key: str, message: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret_key, message), signature or "")


# a one-time password an admin reads out or hands over: no look-alike characters (0/O, 1/l/I)
_READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
ONE_TIME_LENGTH = 12
MIN_PASSWORD = 10
MAX_PASSWORD = 128


def new_one_time_password() -> str:
    """12 characters of a 54-letter alphabet: ~69 bits, shown once, changed at the next login."""
    return "".join(secrets.choice(_READABLE) for _ in range(ONE_TIME_LENGTH))


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why a password the user chose is refused (a message key), or None. Length is what makes a password
    strong (NIST SP 800-63B): at least 10 characters, and not the user name."""
    if len(password) < MIN_PASSWORD:
        return "password.too_short"
    if len(password) > MAX_PASSWORD:
        return "password.too_long"
    if username and password.strip().lower() == username.strip().lower():
        return "password.is_username"
    return None
