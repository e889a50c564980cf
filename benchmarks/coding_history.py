"""Generate synthetic coding-project histories as a recall dataset (DESIGN §6 format).

    .venv/bin/python benchmarks/coding_history.py [--seed 7] [--projects 6] [-o coding.json]
    .venv/bin/kairos bench recall coding.json --json

Each project is a themed codebase (web shop, data pipeline, mobile app, CLI
tool, ML training, platform infra) with sessions spread over months: filler
turns of everyday work, and planted facts -- decisions with reasons,
preferences, facts that change over time, locations, references, debugging
lessons, dated events and two-fact chains. Questions are paraphrased: each
question template is written apart from the statements and shares as few
words with them as a person asking later would. Categories:

    decision, preference, changed-fact-current, changed-fact-past, location,
    reference, debugging, temporal, multi-hop

``changed-fact-current`` asks about the present: its evidence is the latest
statement, and recall@1 is the figure that matters (latest fact at rank 1).
``changed-fact-past`` asks about the earlier state: its evidence is the old
statement. Everything is seeded; no benchmark data is copied.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

THEMES: dict[str, dict[str, Any]] = {
    "shop": {"service": "checkout service", "module": "orders", "lang": "python", "pkg": "shop",
             "queue": ("Celery", "RQ"), "db": ("MySQL", "PostgreSQL"), "ci": ("Travis", "GitHub Actions"),
             "base": ("/api/v1", "/api/v2"), "host": ("Heroku", "Fly.io"), "fmt": ("black", "ruff format"),
             "people": ["Priya", "Marco", "Lena"], "area": ["payments", "invoices", "carts", "refunds"]},
    "pipeline": {"service": "ingest pipeline", "module": "loaders", "lang": "python", "pkg": "etl",
                 "queue": ("Airflow", "Dagster"), "db": ("Redshift", "BigQuery"), "ci": ("Jenkins", "GitLab CI"),
                 "base": ("s3://raw-events", "s3://lake/events"), "host": ("EC2", "Kubernetes"),
                 "fmt": ("yapf", "black"), "people": ["Tomasz", "Aiko", "Dev"],
                 "area": ["clickstream", "billing exports", "crm sync", "geo lookups"]},
    "mobile": {"service": "mobile app", "module": "screens", "lang": "typescript", "pkg": "app",
               "queue": ("Redux", "Zustand"), "db": ("AsyncStorage", "MMKV"), "ci": ("Bitrise", "EAS Build"),
               "base": ("https://api.example.com/v3", "https://gw.example.com/mobile"),
               "host": ("App Center", "Expo Updates"), "fmt": ("tslint", "eslint"),
               "people": ["Sofia", "Kwame", "Ines"], "area": ["onboarding", "push notifications", "offline mode",
                                                          "deep links"]},
    "cli": {"service": "command-line tool", "module": "commands", "lang": "rust", "pkg": "tool",
            "queue": ("clap 2", "clap 4 derive"), "db": ("sled", "SQLite"), "ci": ("CircleCI", "GitHub Actions"),
            "base": ("~/.toolrc", "~/.config/tool/config.toml"), "host": ("crates.io only", "Homebrew tap"),
            "fmt": ("rustfmt defaults", "rustfmt with max_width 100"), "people": ["Oskar", "Mei", "Jules"],
            "area": ["argument parsing", "shell completions", "self-update", "plugin loading"]},
    "ml": {"service": "training stack", "module": "trainers", "lang": "python", "pkg": "ml",
           "queue": ("Ray", "Slurm"), "db": ("MLflow", "Weights & Biases"), "ci": ("Buildkite", "GitHub Actions"),
           "base": ("/mnt/datasets", "gs://team-datasets"), "host": ("on-prem A100 box", "Lambda Cloud"),
           "fmt": ("autopep8", "ruff format"), "people": ["Hana", "Diego", "Yusuf"],
           "area": ["tokenization", "evaluation", "checkpointing", "data loading"]},
    "infra": {"service": "platform", "module": "charts", "lang": "go", "pkg": "platform",
              "queue": ("Kafka", "NATS JetStream"), "db": ("etcd", "Consul"), "ci": ("Drone", "Argo Workflows"),
              "base": ("infra.corp.internal", "platform.corp.internal"), "host": ("EKS", "GKE"),
              "fmt": ("gofmt", "gofumpt"), "people": ["Nadia", "Bjorn", "Rui"],
              "area": ["ingress", "secrets rotation", "autoscaling", "log shipping"]},
}

# Changing subjects: (statement of the old value, statement of the new value, present question, past question).
CHANGES = {
    "queue": (["Background work in the {service} is processed by {old} workers.",
               "For the {service} we run deferred jobs through {old}."],
              ["We moved the background jobs off {old}; {new} handles them now.",
               "Deferred jobs are on {new} since this week, the old setup is switched off.",
               "Migration done: {new} runs the background work from today."],
              ["Which system handles our async work at present?", "What runs the deferred tasks these days?"],
              ["What did the async work run on originally?", "Before the migration, which system processed the jobs?"]),
    "db": (["The {module} data is stored in {old}.", "{old} is where the {module} tables live."],
           ["The {module} tables now live in {new}; cut-over finished.",
            "We completed the move of the {module} storage to {new}."],
           ["Where is the {module} data kept now?", "Which datastore holds the {module} records currently?"],
           ["Which datastore held the {module} records in the beginning?",
            "Where did the {module} data live before the cut-over?"]),
    "ci": (["Our builds and checks run on {old}.", "Pipelines for every PR are executed by {old}."],
           ["CI moved to {new}; PR checks run there from now on.", "We switched continuous integration over to {new}."],
           ["Which CI service checks pull requests today?", "Where do the PR pipelines execute at the moment?"],
           ["Which CI service did we use previously?", "What ran our pipelines before the switch?"]),
    "base": (["Clients should call the API under {old}.", "The base location is {old}."],
             ["The base location changed to {new}; update the clients.", "From now on everything is served under {new}."],
             ["What base address should clients use now?", "Where is the service rooted currently?"],
             ["What was the base address originally?", "Which base location did clients use before the change?"]),
    "host": (["Production is deployed on {old}.", "We ship releases to {old}."],
             ["Production now runs on {new}; the old target is retired.", "Releases go to {new} from this sprint on."],
             ["Where does production run at the moment?", "What is our current deployment target?"],
             ["Where did we deploy production before?", "What was the original deployment target?"]),
    "fmt": (["Code style is enforced with {old}.", "We format everything with {old} in pre-commit."],
            ["We replaced {old} with {new} for formatting.", "Formatting is now done by {new} in the pre-commit hook."],
            ["Which formatter is enforced right now?", "What tool formats our code currently?"],
            ["Which formatter did we use earlier?", "What handled code formatting before we replaced it?"]),
}

DECISIONS = [
    ("We chose {choice} for {area} because {reason}.",
     "What was the rationale behind picking {choice} for {area}?"),
    ("Decision: {area} goes through {choice}, mainly since {reason}.",
     "Why did the team settle on {choice} when it came to {area}?"),
]
CHOICES = [("server-side rendering", "crawlers could not index the client-rendered pages"),
           ("optimistic locking", "row locks were deadlocking under concurrent updates"),
           ("a monorepo", "cross-package changes kept landing out of sync"),
           ("feature flags", "half-finished work had to ship dark"),
           ("UUIDv7 keys", "sequential integers leaked volumes to competitors"),
           ("event sourcing", "auditors demanded a full trail of every change"),
           ("a read replica", "reporting queries were starving the primary")]

PREFERENCES = [("I like small commits with imperative subject lines, please keep doing that.",
                "How does the user want version-control history to look?"),
               ("Please never use emojis in log messages, I find them noisy.",
                "Is decorating logging output with pictograms acceptable to the user?"),
               ("I'd rather have type hints on every public function, even in scripts.",
                "What does the user expect regarding annotations on exposed functions?"),
               ("Always show me the diff before you run a migration, don't apply it blindly.",
                "What should happen prior to applying schema changes, per the user?"),
               ("Keep answers short; bullet points over paragraphs.",
                "What response format does the user favour?")]

LOCATIONS = [("The retry logic lives in src/{pkg}/{module}/retry.{ext}.",
              "Where is the code that re-attempts failed operations?"),
             ("Feature flag definitions are in config/flags.yaml.",
              "In which file are toggles for unfinished features declared?"),
             ("The rate limiter is implemented in src/{pkg}/middleware/throttle.{ext}.",
              "Which file contains the request throttling?"),
             ("Database migrations sit under {pkg}/migrations/versions/.",
              "Where do schema change scripts go?")]

REFERENCES = [("Latency dashboards are in Grafana at grafana.internal/d/{pkg}-latency.",
               "Where can I look at response-time graphs?"),
              ("The on-call runbook is the Notion page 'Incident playbook – {service}'.",
               "What document tells the person paged what to do?"),
              ("Bugs are tracked in the Linear project {PKG}; support tickets land in Zendesk.",
               "Which tool holds the defect backlog?")]

DEBUGGING = [("The flaky test_{area_slug}_dates failed because it assumed UTC; we fixed it by freezing time "
              "to a fixed zone.", "What was behind the intermittent failure in the date test for {area}?"),
             ("The memory leak in the {service} came from an unbounded lru_cache on the session lookup; "
              "we capped it at 1024 entries.", "What caused RAM usage to keep growing, and how was it solved?"),
             ("Timeouts talking to the {area} provider were DNS: the container resolver retried 5 s per "
              "lookup. Setting ndots:1 fixed it.",
              "Why were calls to the {area} vendor hanging, and what resolved it?")]

TEMPORAL = [("We tagged and shipped release {ver} of the {service} today.",
             "On what date did version {ver} go out?"),
            ("The {area} outage happened this morning; postmortem to follow.",
             "When did the {area} incident occur?")]

MULTIHOP = [("{person} owns the {area} component.",
             "The {area} component is deployed with `make ship-{area_slug}`.",
             "How does the code that {person} is responsible for get released?")]

FILLER = ["Running the test suite again after the rebase.", "Lint is green now, pushing the branch.",
          "Can you look at the failing check on the PR?", "I renamed a few variables for clarity.",
          "Let's pair on this after lunch.", "The build took eleven minutes, that's slow.",
          "Added a unit test for the edge case with empty input.", "Bumped the dependencies, nothing broke.",
          "I'm reviewing the open pull requests now.", "Reverted the last commit, it broke the staging deploy.",
          "We should write docs for the {module} module at some point.",
          "The {service} logs are noisy today, mostly warnings.", "Merged the refactor of the {module} layer.",
          "Can you regenerate the lockfile?", "Staging is up again after the restart.",
          "I'll update the changelog before the release.", "The {area} endpoint returns 500 for some inputs.",
          "Profiling shows most time in JSON serialisation.", "Cleaned up dead code in the {module} folder.",
          "Coverage dropped a bit, let's add tests.", "Question: should the {area} code use the shared client?",
          "Sounds good, go ahead.", "Thanks, that fixed it.", "Let's revisit this next week.",
          "The job queue dashboard shows a backlog this morning.", "Someone asked about the database size.",
          "CI is slow again; the cache must have expired.", "Deploy went out without problems."]

EXT = {"python": "py", "typescript": "ts", "rust": "rs", "go": "go"}


def _fill(t: str, v: dict[str, Any]) -> str:
    return t.format(**v)


def build(seed: int, projects: int, sessions: int = 14, filler: int = 14) -> dict[str, Any]:
    rng = random.Random(seed)
    names = list(THEMES)
    out_sessions: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    for p in range(projects):
        theme = THEMES[names[p % len(names)]]
        proj = f"{names[p % len(names)]}-{p}"
        v: dict[str, Any] = {**{k: x for k, x in theme.items() if isinstance(x, str)},
                             "ext": EXT[theme["lang"]], "PKG": theme["pkg"].upper()}
        start = datetime(2024, 1, 8, 9, 30, tzinfo=timezone.utc) + timedelta(days=rng.randint(0, 40))
        days = sorted(rng.sample(range(0, 200), sessions))
        turns: list[list[dict[str, str]]] = [[] for _ in range(sessions)]
        qn = [0]

        def say(si: int, text: str, speaker: str = "user") -> str:
            tid = f"{proj}:S{si}:T{len(turns[si])}"
            turns[si].append({"id": tid, "speaker": speaker, "text": text})
            return tid

        def ask(question: str, evidence: list[str], cat: str) -> None:
            qn[0] += 1
            questions.append({"id": f"{proj}:q{qn[0]}", "project": proj, "question": question,
                              "evidence": evidence, "category": cat})

        # filler first so planted facts sit among everyday talk
        for si in range(sessions):
            for _ in range(rng.randint(filler // 2, filler)):
                say(si, _fill(rng.choice(FILLER), {**v, "area": rng.choice(theme["area"])}),
                    rng.choice(["user", "assistant"]))
        planted: list[tuple[int, str, str, list[str]]] = []  # (session, text, speaker, ...) planted later

        def plant(si: int, text: str, speaker: str = "user") -> str:
            pos = rng.randint(0, len(turns[si]))
            tid = f"{proj}:S{si}:P{len([t for t in turns[si] if ':P' in t['id']])}"
            turns[si].insert(pos, {"id": tid, "speaker": speaker, "text": text})
            return tid

        for subject, (olds, news, q_now, q_past) in CHANGES.items():
            old, new = theme[subject]
            a = rng.randint(0, sessions // 2 - 1)
            b = rng.randint(a + 2, sessions - 1)
            vv = {**v, "old": old, "new": new}
            t_old = plant(a, _fill(rng.choice(olds), vv), rng.choice(["user", "assistant"]))
            t_new = plant(b, _fill(rng.choice(news), vv), rng.choice(["user", "assistant"]))
            ask(_fill(rng.choice(q_now), vv), [t_new], "changed-fact-current")
            ask(_fill(rng.choice(q_past), vv), [t_old], "changed-fact-past")
        for (choice, reason), area in zip(rng.sample(CHOICES, 3), rng.sample(theme["area"], 3)):
            st, q = rng.choice(DECISIONS)
            vv = {**v, "choice": choice, "reason": reason, "area": area}
            ask(_fill(q, vv), [plant(rng.randrange(sessions), _fill(st, vv))], "decision")
        for st, q in rng.sample(PREFERENCES, 3):
            ask(q, [plant(rng.randrange(sessions), st)], "preference")
        for st, q in LOCATIONS:
            ask(_fill(q, v), [plant(rng.randrange(sessions), _fill(st, v), "assistant")], "location")
        for st, q in REFERENCES:
            ask(_fill(q, v), [plant(rng.randrange(sessions), _fill(st, v))], "reference")
        for st, q in DEBUGGING:
            area = rng.choice(theme["area"])
            vv = {**v, "area": area, "area_slug": area.replace(" ", "_")}
            ask(_fill(q, vv), [plant(rng.randrange(sessions), _fill(st, vv), "assistant")], "debugging")
        for st, q in TEMPORAL:
            area = rng.choice(theme["area"])
            vv = {**v, "area": area, "ver": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}"}
            ask(_fill(q, vv), [plant(rng.randrange(sessions), _fill(st, vv))], "temporal")
        for st1, st2, q in MULTIHOP:
            for person, area in zip(rng.sample(theme["people"], 2), rng.sample(theme["area"], 2)):
                vv = {**v, "person": person, "area": area, "area_slug": area.replace(" ", "-")}
                e1 = plant(rng.randrange(sessions), _fill(st1, vv))
                e2 = plant(rng.randrange(sessions), _fill(st2, vv), "assistant")
                ask(_fill(q, vv), [e1, e2], "multi-hop")
        del planted
        for si in range(sessions):
            date = start + timedelta(days=days[si], hours=rng.randint(0, 8))
            out_sessions.append({"id": f"{proj}:S{si}", "project": proj,
                                 "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"), "turns": turns[si]})
    return {"name": f"coding-history-s{seed}-p{projects}", "sessions": out_sessions, "questions": questions}


if __name__ == "__main__":
    from _dataset_cli import generator_main

    generator_main(build, 7, __doc__)
