"""The trial-operation simulation (vận hành thử): ``manage.py simulate`` drives the real dossier services
end to end in many communes at once, with the National Public Service Portal sync running, and reports
throughput, states, deadlines and the sync's losses and duplicates (docs/simulation.md)."""
