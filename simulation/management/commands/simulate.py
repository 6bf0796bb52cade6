"""``manage.py simulate``: the trial-operation simulation (docs/simulation.md). Thin: parses the options,
runs simulation.runner.simulation_run, prints the report."""

from __future__ import annotations

import dataclasses

from django.core.management.base import BaseCommand, CommandError

from simulation.config import Faults, Mix, SimulationConfig
from simulation.runner import SimulationError, simulation_run


class Command(BaseCommand):
    help = ("Drive the real dossier services end to end in N communes (citizens online and at counters, "
            "officers, specialists, leaders, clerks) with the NPSP sync running, then report throughput, "
            "states, on-time rate, sync lag, lost messages and duplicates.")

    def add_arguments(self, parser):
        scale = parser.add_argument_group("scale and duration")
        scale.add_argument("--communes", type=int, default=3, help="communal centres taking part (default 3)")
        scale.add_argument("--citizens-per-commune", type=int, default=10)
        scale.add_argument("--duration", type=float, default=60.0, help="seconds during which dossiers arrive")
        scale.add_argument("--dossiers", type=int, default=None, help="stop arrivals after this many dossiers")
        scale.add_argument("--rate", type=float, default=2.0, help="new dossiers per second, all communes together")
        scale.add_argument("--think-ms", type=float, default=150.0,
                           help="mean pause between two actions on one dossier (ms)")
        scale.add_argument("--citizen-threads", type=int, default=2)
        scale.add_argument("--officer-threads", type=int, default=2)
        scale.add_argument("--backoffice-threads", type=int, default=2)
        scale.add_argument("--seed", type=int, default=2025)
        scale.add_argument("--settle-timeout", type=float, default=120.0,
                           help="seconds the dossiers in flight may take to finish after arrivals stop")
        mix = parser.add_argument_group("mix (shares of dossiers)")
        for item in dataclasses.fields(Mix):
            mix.add_argument(f"--mix-{item.name.replace('_', '-')}", dest=f"mix_{item.name}", type=float,
                             default=item.default, metavar="SHARE", help=f"default {item.default}")
        sync = parser.add_argument_group("the sync with the NPSP")
        sync.add_argument("--sync", choices=["inprocess", "celery"], default="inprocess",
                          help="inprocess (default): relay threads here; celery: running workers deliver")
        sync.add_argument("--relay-threads", type=int, default=2)
        sync.add_argument("--start-mock", action="store_true",
                          help="start the mock NPSP as a subprocess with a fresh database on a free port")
        sync.add_argument("--npsp-url", default=None, help="default: settings.NPSP_URL")
        sync.add_argument("--npsp-admin-token", default=None, help="default: $NPSP_ADMIN_TOKEN or the mock's dev token")
        sync.add_argument("--npsp-error-rate", type=float, default=0.0, help="share of NPSP requests answered 503")
        sync.add_argument("--npsp-latency-ms", type=int, default=0)
        sync.add_argument("--npsp-timeout-rate", type=float, default=0.0,
                          help="share of NPSP requests held past the client's timeout (then applied)")
        sync.add_argument("--npsp-down-at", type=float, default=None, metavar="SECONDS")
        sync.add_argument("--npsp-down-for", type=float, default=0.0, metavar="SECONDS")
        sync.add_argument("--npsp-down-mode", choices=["503", "refuse"], default="503")
        sync.add_argument("--retry-base-seconds", type=float, default=0.5)
        sync.add_argument("--retry-max-seconds", type=float, default=5.0)
        sync.add_argument("--max-attempts", type=int, default=None,
                          help="attempts before a dead letter (default: enough to outlast --npsp-down-for)")
        sync.add_argument("--npsp-timeout-seconds", type=float, default=3.0)
        sync.add_argument("--drain-timeout", type=float, default=120.0)
        out = parser.add_argument_group("output")
        out.add_argument("--json", action="store_true", help="print the report as JSON")
        out.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        mix = Mix(**{item.name: options[f"mix_{item.name}"] for item in dataclasses.fields(Mix)})
        faults = Faults(error_rate=options["npsp_error_rate"], latency_ms=options["npsp_latency_ms"],
                        timeout_rate=options["npsp_timeout_rate"], down_at=options["npsp_down_at"],
                        down_for=options["npsp_down_for"], down_mode=options["npsp_down_mode"])
        if options["communes"] < 1 or options["rate"] <= 0:
            raise CommandError("--communes must be at least 1 and --rate positive.")
        config = SimulationConfig(
            communes=options["communes"], citizens_per_commune=options["citizens_per_commune"],
            duration=options["duration"], dossiers=options["dossiers"], rate=options["rate"],
            think_ms=options["think_ms"], citizen_threads=options["citizen_threads"],
            officer_threads=options["officer_threads"], backoffice_threads=options["backoffice_threads"],
            seed=options["seed"], mix=mix, sync=options["sync"], relay_threads=options["relay_threads"],
            start_mock=options["start_mock"], npsp_url=options["npsp_url"],
            npsp_admin_token=options["npsp_admin_token"], faults=faults,
            retry_base_seconds=options["retry_base_seconds"], retry_max_seconds=options["retry_max_seconds"],
            max_attempts=options["max_attempts"],
            npsp_timeout_seconds=options["npsp_timeout_seconds"], settle_timeout=options["settle_timeout"],
            drain_timeout=options["drain_timeout"], progress=not options["no_progress"],
        )
        try:
            report = simulation_run(config, stream=self.stderr._out)
        except (SimulationError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.as_json() if options["json"] else report.as_table())
        if not report.ok:
            raise CommandError("The simulation's checks failed: " + "; ".join(report.failures))
