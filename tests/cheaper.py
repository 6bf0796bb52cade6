"""The suite's costliest repeated computations, made cheap without changing what any test sees (the root
conftest applies them to every test). Measured on the whole suite: Argon2 hashes ~190 s, RSA key generation
~80 s (734 keys) and RSA key loading ~70 s (900 loads: OpenSSL 3 checks the primes of every key it loads).

- Argon2 keeps its algorithm and the settings' hashers (``argon2$`` hashes, Django's code path), at the
  smallest cost argon2 accepts, as the CA's keys are 2048 bits in tests instead of 3072.
- New RSA keys come from a pool that lives for the session: a test's first key is the pool's first, its
  second the second..., so the keys within one test are all different, as freshly generated ones would be;
  the pool grows when a test wants more keys than any before it.
- Loading a private key from the same bytes with the same password gives the same key: the loaded key is
  remembered (a wrong password or damaged bytes still raise, every time).
Processes the tests start (Celery workers, the mock services) do all of this the real way."""

from __future__ import annotations

import collections

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.hashers import Argon2PasswordHasher

_generate = rsa.generate_private_key
_load_der, _load_pem = serialization.load_der_private_key, serialization.load_pem_private_key


class KeyPool:
    def __init__(self) -> None:
        self.keys: dict[tuple, list] = collections.defaultdict(list)
        self.taken: collections.Counter = collections.Counter()

    def generate_private_key(self, public_exponent: int, key_size: int, backend=None):
        kind = (public_exponent, key_size)
        index, self.taken[kind] = self.taken[kind], self.taken[kind] + 1
        if index == len(self.keys[kind]):
            self.keys[kind].append(_generate(public_exponent=public_exponent, key_size=key_size))
        return self.keys[kind][index]


def _remembered(load):
    loaded: dict = {}

    def remembered_load(data, password=None, *args, **kwargs):
        key = (bytes(data), None if password is None else bytes(password), args, tuple(sorted(kwargs.items())))
        if key not in loaded:
            loaded[key] = load(data, password, *args, **kwargs)
        return loaded[key]

    return remembered_load


_POOL = KeyPool()


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2_and_remembered_key_loads():
    with pytest.MonkeyPatch.context() as patch:
        # argon2's minimum: memory_cost >= 8 KiB per lane.
        patch.setattr(Argon2PasswordHasher, "time_cost", 1)
        patch.setattr(Argon2PasswordHasher, "memory_cost", 8)
        patch.setattr(Argon2PasswordHasher, "parallelism", 1)
        patch.setattr(serialization, "load_der_private_key", _remembered(_load_der))
        patch.setattr(serialization, "load_pem_private_key", _remembered(_load_pem))
        yield


@pytest.fixture(autouse=True)
def _rsa_keys_from_the_pool(monkeypatch):
    _POOL.taken.clear()
    monkeypatch.setattr(rsa, "generate_private_key", _POOL.generate_private_key)
