"""A third coding-history generator, held out: never tuned on, only measured before and after.

    .venv/bin/python benchmarks/coding_history_heldout.py [--seed 23] [--projects 6] [-o heldout.json]
    .venv/bin/kairos bench recall heldout.json --json

Written apart from ``coding_history.py`` and ``coding_history_alt.py`` and
before any change to recall's ranking for issue 3, with its own codebases
(clinic scheduling, robot controller, podcast host, compiler, trading bot,
newsroom CMS), its own subjects (error tracking, caching, frontend bundling,
secret storage, transactional e-mail, test running, runtime version, scheduled
jobs) and its own vocabulary: statements and questions name a subject with
different words ("exception monitoring" / "crash reports", "transactional
mail" / "sends our e-mails"). A subject's value changes one to three times,
announced in several ways (naming the old value, or not, or only "the new
one is X"); the current value is also mentioned in passing without a change,
and the old one sometimes in a clean-up remark after the change.

Categories (recall@1 of the ``current-*`` ones is "latest fact at rank 1"):

    current-plain   third-person, no tense word ("What is the project's error tracker?")
    current-tense   a tense word, paraphrased ("What handles crash reports nowadays?")
    past            the first value ("What did we track exceptions with originally?")
    stable          a fact that never changed, asked plainly (control)

Seeded; nothing copied from a benchmark. Do not tune recall on its per-item
failures: it is the held-out check.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any

# Per subject: first statement, change announcements ({o} old value, {v} new), passing mentions of
# the current value, clean-up remarks naming the old value, and questions (plain / tense / past).
SUBJECTS: dict[str, dict[str, list[str]]] = {
    "errors": {
        "state": ["Exceptions from production get reported to {v}.", "Crash reports are collected by {v}.",
                  "Unhandled errors show up in {v} with a stack trace."],
        "change": ["We dropped {o} and wired exception reporting into {v}.",
                   "Crash reporting lives in {v} as of this week.",
                   "The new error tracker is {v}; {o} was too pricey.",
                   "Switched the exception monitoring over to {v}."],
        "passing": ["{v} grouped two unrelated stack traces together, annoying.",
                    "Got paged by {v} at 3am for a harmless warning."],
        "cleanup": ["Still need to cancel the {o} subscription.", "Removed the last {o} DSN from the env files."],
        "plain": ["What is the project's error tracker?", "Which service does the project report exceptions to?",
                  "Where do production crashes get logged?"],
        "tense": ["What handles crash reports nowadays?", "Which exception monitoring tool is in use at the moment?"],
        "past": ["What did we track exceptions with originally?", "Which crash reporter came first?"]},
    "cache": {
        "state": ["Hot lookups are cached in {v}.", "The caching layer is {v}.", "Session data sits in {v}."],
        "change": ["Moved the cache from {o} to {v}.", "The caching layer is {v} after today's swap.",
                   "{v} took over caching; {o} kept evicting keys."],
        "passing": ["{v} memory usage crept up over the weekend.", "Flushed {v} to clear a bad entry."],
        "cleanup": ["The {o} nodes can be decommissioned next week.", "Deleted the {o} client from requirements."],
        "plain": ["What is used for caching?", "Which cache does the service rely on?",
                  "Where are frequently read values kept in memory?"],
        "tense": ["What's the cache backend these days?", "Which in-memory store do we cache with right now?"],
        "past": ["Which cache did the service start out with?", "What was the caching layer before it was swapped?"]},
    "bundler": {
        "state": ["The frontend is bundled with {v}.", "{v} builds the browser assets."],
        "change": ["Replaced {o} with {v} for building the frontend.", "Asset builds run through {v} now.",
                   "Frontend bundling migrated to {v}, builds are much faster."],
        "passing": ["{v} warned about a large chunk in the dashboard page.", "Bumped {v} to the latest minor."],
        "cleanup": ["Deleted the leftover {o} config file.", "Some docs still mention {o}, will fix."],
        "plain": ["Which bundler does the frontend use?", "What compiles the JavaScript for the browser?",
                  "What is the build tool for the web assets?"],
        "tense": ["What bundles the client code currently?", "Which asset bundler is current?"],
        "past": ["Which bundler was used first?", "What built the frontend assets before the migration?"]},
    "secrets": {
        "state": ["API keys and passwords are kept in {v}.", "Credentials live in {v}."],
        "change": ["Secrets were migrated out of {o} into {v}.", "{v} is the secret store from now on.",
                   "All credentials moved to {v}."],
        "passing": ["Rotated the database password in {v}.", "{v} access policy needed a tweak for the bot."],
        "cleanup": ["Revoked the old {o} tokens.", "Nobody should read keys from {o} anymore."],
        "plain": ["Where are secrets stored?", "Which vault holds the project's credentials?",
                  "Where does the service read its passwords and tokens from?"],
        "tense": ["Where are API keys kept at present?", "What is the secret manager today?"],
        "past": ["Where were credentials kept in the beginning?", "Which secret store did we use previously?"]},
    "email": {
        "state": ["Transactional mail goes out through {v}.", "Password-reset e-mails are sent via {v}."],
        "change": ["Switched transactional mail from {o} to {v}.", "Outgoing e-mail is delivered by {v} now.",
                   "{v} replaced {o} for notification mail, better deliverability."],
        "passing": ["{v} flagged a bounce spike on the signup template.", "Added a new template in {v}."],
        "cleanup": ["The {o} API key can be revoked.", "Unsubscribed from the {o} status page."],
        "plain": ["Which provider sends the project's e-mails?", "What delivers the password reset emails?",
                  "What is the email service?"],
        "tense": ["Which mail provider is in use now?", "Who delivers our notification emails currently?"],
        "past": ["Which email provider did we have first?", "What sent transactional mail originally?"]},
    "tests": {
        "state": ["Unit tests are run with {v}.", "The test suite executes under {v}."],
        "change": ["Ported the test suite from {o} to {v}.", "Tests run on {v} from now on.",
                   "We adopted {v} as test runner."],
        "passing": ["{v} reported two flaky cases overnight.", "Parallel mode in {v} halved the suite time."],
        "cleanup": ["A few {o}-style assertions are left to convert.", "Dropped the {o} plugin from dev deps."],
        "plain": ["What is the test runner?", "Which framework executes the unit tests?",
                  "How are the tests run?"],
        "tense": ["Which test framework do we use these days?", "What runs the test suite at the moment?"],
        "past": ["What ran the tests at the start?", "Which test framework did the project use before porting?"]},
    "runtime": {
        "state": ["Services run on {v}.", "The runtime is pinned to {v}."],
        "change": ["Upgraded the runtime from {o} to {v}.", "Everything is on {v} after the upgrade.",
                   "Bumped the interpreter to {v}."],
        "passing": ["The {v} image is a bit larger.", "A deprecation warning appeared under {v}."],
        "cleanup": ["Removed the {o} compatibility shim.", "CI no longer builds {o} images."],
        "plain": ["Which runtime version does the project target?", "What interpreter version are the services on?",
                  "What is the language version in production?"],
        "tense": ["What version of the runtime are we on now?", "Which interpreter version is current?"],
        "past": ["Which runtime version did the project start on?", "What version did services run before the upgrade?"]},
    "cron": {
        "state": ["Nightly jobs are scheduled by {v}.", "Periodic tasks are triggered from {v}."],
        "change": ["Moved the scheduled jobs from {o} to {v}.", "{v} now triggers the nightly runs.",
                   "Periodic tasks are owned by {v} going forward."],
        "passing": ["{v} skipped one run during the maintenance window.", "Added a weekly report to {v}."],
        "cleanup": ["Cleared the old {o} entries.", "The {o} host can go once nobody logs in."],
        "plain": ["What schedules the nightly jobs?", "Which scheduler runs the recurring tasks?",
                  "How are periodic jobs triggered?"],
        "tense": ["What triggers the nightly runs currently?", "Which cron system is in charge now?"],
        "past": ["What scheduled the periodic jobs originally?", "Which scheduler did we begin with?"]},
}

THEMES: dict[str, dict[str, Any]] = {
    "clinic": {"errors": ["Sentry", "Rollbar", "Honeybadger"], "cache": ["Memcached", "Redis"],
               "bundler": ["Webpack", "Vite"], "secrets": ["a .env file on the server", "HashiCorp Vault"],
               "email": ["SendGrid", "Postmark"], "tests": ["unittest", "pytest"],
               "runtime": ["Python 3.9", "Python 3.11", "Python 3.12"], "cron": ["crontab", "Celery beat"],
               "svc": "appointment scheduler", "stable": ("Patient records are encrypted with AES-GCM at rest.",
                                                          "How is patient data protected on disk?")},
    "robot": {"errors": ["Bugsnag", "Sentry"], "cache": ["an LRU dict", "Redis", "Dragonfly"],
              "bundler": ["Parcel", "esbuild"], "secrets": ["Kubernetes secrets", "SOPS"],
              "email": ["Amazon SES", "Mailgun"], "tests": ["GoogleTest", "Catch2"],
              "runtime": ["ROS Noetic", "ROS 2 Humble"], "cron": ["systemd timers", "Nomad periodic jobs"],
              "svc": "arm controller", "stable": ("Joint limits are defined in config/joints.urdf.",
                                                  "Where are the arm's movement bounds configured?")},
    "podcast": {"errors": ["Raygun", "Sentry", "Datadog Error Tracking"], "cache": ["Varnish", "Fastly"],
                "bundler": ["Rollup", "Vite", "Turbopack"], "secrets": ["Heroku config vars", "Doppler"],
                "email": ["Mandrill", "Resend"], "tests": ["Jest", "Vitest"],
                "runtime": ["Node 16", "Node 18", "Node 20"], "cron": ["Heroku Scheduler", "GitHub Actions cron"],
                "svc": "episode feed", "stable": ("RSS feeds are regenerated on every publish event.",
                                                  "When does the feed get rebuilt?")},
    "compiler": {"errors": ["crash dumps in S3", "Sentry"], "cache": ["ccache", "sccache"],
                 "bundler": ["Browserify", "esbuild"], "secrets": ["GitHub encrypted secrets", "1Password"],
                 "email": ["Gmail SMTP", "Postmark"], "tests": ["lit", "FileCheck with pytest"],
                 "runtime": ["LLVM 15", "LLVM 16", "LLVM 17"], "cron": ["Jenkins timed builds", "Buildkite schedules"],
                 "svc": "optimizer", "stable": ("The IR verifier runs after every pass in debug builds.",
                                                "When is the intermediate representation checked?")},
    "trading": {"errors": ["Airbrake", "Sentry"], "cache": ["Redis", "KeyDB"],
                "bundler": ["Webpack", "Rspack"], "secrets": ["AWS Secrets Manager", "Vault"],
                "email": ["SparkPost", "Amazon SES"], "tests": ["pytest", "pytest with hypothesis"],
                "runtime": ["Java 11", "Java 17", "Java 21"], "cron": ["Quartz", "Temporal schedules"],
                "svc": "order router", "stable": ("Orders above 50k USD require a second approval.",
                                                  "What is the rule for very large orders?")},
    "newsroom": {"errors": ["New Relic", "Sentry"], "cache": ["Redis", "Cloudflare cache"],
                 "bundler": ["Gulp", "Webpack", "Vite"], "secrets": ["Ansible Vault", "GCP Secret Manager"],
                 "email": ["Mailchimp Transactional", "Brevo"], "tests": ["RSpec", "Minitest"],
                 "runtime": ["Ruby 2.7", "Ruby 3.2"], "cron": ["whenever", "Sidekiq cron"],
                 "svc": "article editor", "stable": ("Embargoed stories are hidden until their publish_at time.",
                                                     "How are embargoed articles kept private?")},
}

FILLER = ["Rebased on main, resolving a conflict in the {svc}.", "Looks good, approving.",
          "I'll write the migration tomorrow.", "Can we talk about the release plan?",
          "The staging box ran out of disk again.", "Added logging around the retry path.",
          "That error message is confusing for users.", "Renamed the helper, no behaviour change.",
          "The {svc} is slow when the payload is large.", "Who is on support this week?",
          "Let me try reproducing it locally.", "Pushed a fix, CI is running.", "Can you review my PR?",
          "The nightly build was red, looking into it.", "Pair on this after the standup?",
          "The cache hit rate graph looks odd.", "Email templates need a copy review.",
          "We should document the secrets rotation process.", "Tests are flaky on the arm64 runner.",
          "Frontend build output is huge, someone should look.", "Upgrading things always takes longer than planned.",
          "Scheduled jobs overlap sometimes.", "Error volume went down after the fix.", "Thanks!", "Sounds fine."]


def build(seed: int, projects: int, sessions: int = 14, filler: int = 12) -> dict[str, Any]:
    rng = random.Random(seed)
    names = list(THEMES)
    out_sessions: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    for p in range(projects):
        name = names[p % len(names)]
        theme = THEMES[name]
        proj = f"ho-{name}-{p}"
        fv = {"svc": theme["svc"]}
        start = datetime(2024, 3, 4, 14, 0, tzinfo=timezone.utc) + timedelta(days=rng.randint(0, 30))
        days = sorted(rng.sample(range(0, 300), sessions))
        turns: list[list[dict[str, str]]] = [[] for _ in range(sessions)]
        for si in range(sessions):
            for i in range(rng.randint(filler // 2, filler)):
                turns[si].append({"id": f"{proj}:S{si}:F{i}", "speaker": rng.choice(["alex", "assistant"]),
                                  "text": rng.choice(FILLER).format(**fv)})
        n = [0]

        def plant(si: int, text: str) -> str:
            n[0] += 1
            tid = f"{proj}:S{si}:P{n[0]}"
            turns[si].insert(rng.randint(0, len(turns[si])),
                             {"id": tid, "speaker": rng.choice(["alex", "assistant"]), "text": text})
            return tid

        def ask(q: str, ev: str, cat: str) -> None:
            questions.append({"id": f"{proj}:q{len(questions)}", "project": proj, "question": q,
                              "evidence": [ev], "category": cat})

        for subj, spec in SUBJECTS.items():
            vals = theme[subj]
            slots = sorted(rng.sample(range(sessions - 1), len(vals)))
            ids = [plant(slots[0], rng.choice(spec["state"]).format(v=vals[0]))]
            for k in range(1, len(vals)):
                ids.append(plant(slots[k], rng.choice(spec["change"]).format(v=vals[k], o=vals[k - 1])))
                if rng.random() < 0.4:  # the old value named again after the change, in a clean-up remark
                    plant(rng.randint(slots[k], sessions - 1), rng.choice(spec["cleanup"]).format(o=vals[k - 1]))
            if rng.random() < 0.7:  # the current value mentioned in passing, later, without a change
                plant(rng.randint(slots[-1] + 1, sessions - 1), rng.choice(spec["passing"]).format(v=vals[-1]))
            ask(rng.choice(spec["plain"]), ids[-1], "current-plain")
            ask(rng.choice(spec["tense"]), ids[-1], "current-tense")
            ask(rng.choice(spec["past"]), ids[0], "past")
        st, q = theme["stable"]
        ask(q, plant(rng.randrange(sessions), st), "stable")
        for si in range(sessions):
            date = start + timedelta(days=days[si], hours=rng.randint(0, 5))
            out_sessions.append({"id": f"{proj}:S{si}", "project": proj,
                                 "date": date.strftime("%Y-%m-%dT%H:%M:%SZ"), "turns": turns[si]})
    return {"name": f"coding-history-heldout-s{seed}-p{projects}", "sessions": out_sessions,
            "questions": questions}


if __name__ == "__main__":
    from _dataset_cli import generator_main

    generator_main(build, 23, __doc__)
