"""What a simulation run is asked to do: scale, duration, the mix of what happens to dossiers, and the
faults the mock NPSP is told to show."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Mix:
    """Shares of dossiers (each drawn independently per dossier from the seed)."""

    online: float = 0.7  # submitted online by a citizen; the rest are filed at a counter
    refuse: float = 0.04  # refused at the one-stop check (form 03)
    withdraw: float = 0.04  # withdrawn by the applicant (online dossiers only) before a result
    supplement_at_check: float = 0.10  # supplement requested at the check, before receipt
    supplement_in_processing: float = 0.08  # supplement requested by the specialist (the clock stops)
    extend: float = 0.08  # extended once with an apology letter (form 04)
    step_return: float = 0.06  # the leader sends the step back to the specialist once
    stop: float = 0.02  # processing stopped (form 05)
    upload_result: float = 0.5  # the leader uploads a small PDF result instead of generating it
    collect_online: float = 0.5  # an online applicant collects the result online (else at the counter)
    rate: float = 0.6  # the applicant rates the service after the return (online applicants)


@dataclass(frozen=True)
class Faults:
    error_rate: float = 0.0
    latency_ms: int = 0
    timeout_rate: float = 0.0
    down_at: float | None = None  # seconds after the start of the run
    down_for: float = 0.0
    down_mode: str = "503"  # "503": answers 503; "refuse": connections refused

    @property
    def any(self) -> bool:
        return bool(self.error_rate or self.latency_ms or self.timeout_rate or (self.down_at is not None
                                                                                and self.down_for))


@dataclass(frozen=True)
class SimulationConfig:
    communes: int = 3
    citizens_per_commune: int = 10
    duration: float = 60.0  # seconds during which new dossiers arrive
    dossiers: int | None = None  # stop arrivals after this many (whichever comes first)
    rate: float = 2.0  # new dossiers per second, all communes together
    think_ms: float = 150.0  # mean pause between two actions on one dossier
    citizen_threads: int = 2
    officer_threads: int = 2
    backoffice_threads: int = 2
    seed: int = 2025
    mix: Mix = Mix()
    # The sync.
    sync: str = "inprocess"  # or "celery": running workers deliver the outbox
    relay_threads: int = 2
    start_mock: bool = False
    npsp_url: str | None = None  # default: settings.NPSP_URL
    npsp_admin_token: str | None = None  # default: env NPSP_ADMIN_TOKEN or the mock's development token
    faults: Faults = Faults()
    retry_base_seconds: float = 0.5
    retry_max_seconds: float = 5.0
    # Attempts before a dead letter. None: enough for the retries to outlast the injected outage (the
    # production default, 30 attempts up to 600 s apart, covers hours; with the run's short backoff cap
    # that many attempts would not outlast a few minutes' outage).
    max_attempts: int | None = None
    npsp_timeout_seconds: float = 3.0
    settle_timeout: float = 120.0  # after arrivals stop, how long dossiers in flight may take to finish
    drain_timeout: float = 120.0  # how long the outbox may take to empty at the end
    progress: bool = True

    def as_dict(self) -> dict:
        return asdict(self)

    def attempts(self) -> int:
        if self.max_attempts is not None:
            return self.max_attempts
        outage = (self.faults.down_for or 0.0) + 60.0  # the outage and a minute of ordinary errors after it
        return max(30, int(2 * outage / max(self.retry_max_seconds, 0.1)) + 5)
