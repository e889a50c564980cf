#!/usr/bin/env python3
"""Blind coding-history recall dataset generator (set B).

Writes a JSON dataset of simulated coding-agent sessions across five software
projects, in which a pool of changeable subjects (ports, timeouts, owners,
tools, rules, ...) take on values that change over time, alongside stable facts
(decisions, preferences, locations, references, debugging lessons) and a large
pool of ordinary filler talk.  Questions come with the ids of the turns that
hold the answer.

    python benchmarks/histories_blind_b.py [--seed N] -o OUT.json

Standard library only; output is deterministic for a given seed.

Format:
  {"name", "sessions": [{"id", "date", "project", "turns": [{"id", "speaker", "text"}]}],
   "questions": [{"id", "question", "evidence": [turn ids], "category", "project"}]}
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import string
import sys

# ---------------------------------------------------------------------------
# Changeable subjects
# ---------------------------------------------------------------------------
#
# Template roles and the value placeholders they may use:
#   first, passing, answer         {v}                      (v: the value in force)
#   explicit                       {new} {old} {reason}     (a change with its reason)
#   reasons                        may use {old} {new}
#   silent                         {new}                    (new value stated as plain fact)
#   propose                        {new}                    (floated, confirmed in a later session)
#   confirm                        {new} (may use {old})
#   reject_propose                 {alt}                    (a proposal that will be turned down)
#   reject_reply                   may use {cur} {alt}
#   old                            {old}                    (clean-up / comparison remark)
#   now                            no value, contains the word "now"
#   ask                            no value (an in-session question, answered by `answer`)
#   q_plain / q_now                evaluation questions, current value (q_now has a tense word)
#   q_orig / q_prev                evaluation questions, first value / value before the last change
#   q_when                         evaluation question, date of the most recent change
# Project placeholders usable everywhere: {svc} {comp} {partner} {job} {entity} {entities} {proj}

SUBJECTS: dict[str, dict] = {}


def subject(key, label, values, req=None, ordered=False, **templates):
    SUBJECTS[key] = dict(key=key, label=label, values=values,
                         req=req or (lambda p: True), ordered=ordered, **templates)


def _has(flag):
    return lambda p: bool(p["flags"].get(flag))


subject(
    "api_port", "API port",
    ["8000", "8080", "9000", "5000", "3000", "8443", "7070", "8081", "4000", "6060"],
    req=_has("api"),
    first=["{svc} listens on port {v}; the compose file exposes the same one.",
           "For local dev, {svc} binds to {v} — hit http://localhost:{v}/health to check it's up.",
           "Note for the README: the server runs on port {v} by default.",
           "I set the HTTP listener for {svc} to port {v}."],
    explicit=["Moving the API off port {old} to {new} — {reason}.",
              "Changed the listen port from {old} to {new} because {reason}.",
              "Heads up: {svc} binds to {new} instead of {old} from today. Reason: {reason}.",
              "I switched the server port to {new} (was {old}); {reason}."],
    reasons=["the new metrics sidecar grabs {old} inside the pod",
             "it collided with another service on the shared dev box",
             "the corporate proxy only forwards a short list of ports",
             "the load balancer health check template expects {new}"],
    silent=["Smoke tests against localhost:{new} pass, merging.",
            "The server is up on {new}, logs look clean.",
            "Pointed Postman at port {new} and the {svc} endpoints respond fine.",
            "{svc} listens on {new}; remember that when you set up the SSH tunnel."],
    propose=["What if we moved {svc} to port {new}? It would stop clashing with the other stacks people run locally.",
             "Thinking about putting the API on port {new}. Not doing it today, just floating it."],
    confirm=["Decided on the port question: {svc} goes to {new}. Merged the compose and Helm changes.",
             "OK, the port switch to {new} is done — everyone please update your .env files."],
    passing=["curl localhost:{v}/health returns 200, so the container itself is fine.",
             "The Helm chart exposes containerPort {v}, matching the app config.",
             "I forwarded port {v} from the staging pod to debug the request."],
    reject_propose=["Should we just run the API on {alt} like the other teams do?",
                    "Could we switch the port to {alt}? It's easier to remember."],
    reject_reply=["I'd rather not — too many scripts and bookmarks point at {cur}; not worth the churn.",
                  "Let's not. Changing it breaks everyone's local setup for zero gain.",
                  "No, keep {cur}; the firewall rules were just approved for it."],
    old=["Cleaned up the last stray references to port {old} in the docs.",
         "Found an old nginx snippet still proxying to :{old}; deleted it.",
         "Someone's bookmark still pointed at :{old}, which is why they got connection refused."],
    now=["Now that the port shuffle is behind us I can finally fix the flaky health check.",
         "The port config is documented properly now, nice."],
    ask=["Which port is the dev server on again? I forgot.",
         "Remind me what I should curl to reach {svc} locally?"],
    answer=["It binds to {v}, e.g. curl localhost:{v}/health.",
            "Port {v} — it's in .env.example too."],
    q_plain=["Which port should I connect to for {svc}?",
             "On what port does the {svc} HTTP server accept connections?"],
    q_now=["What port is {svc} bound to at the moment?",
           "Which port does {svc} use currently?"],
    q_orig=["What port did {svc} use originally?",
            "When the project started, which port did the server accept traffic on?"],
    q_prev=["Which port was the API on before the most recent port change?"],
    q_when=["When did the {svc} port last change?",
            "On what date was the API's port most recently switched?"],
)

subject(
    "request_timeout", "upstream request timeout",
    ["5 seconds", "10 seconds", "15 seconds", "20 seconds", "30 seconds", "45 seconds", "60 seconds", "90 seconds"],
    first=["Set the default timeout for outbound HTTP calls to {v}.",
           "Our client wrapper gives up on upstream requests after {v}.",
           "For calls to {partner} we use a timeout of {v}, configured in the shared HTTP client."],
    explicit=["Setting the upstream timeout to {new}, previously {old}: {reason}.",
              "Changed the HTTP client timeout to {new} (it was {old}) because {reason}.",
              "Timeout for {partner} calls goes from {old} to {new} — {reason}."],
    reasons=["p99 latency of {partner} crept up after their migration",
             "requests were piling up and holding worker slots",
             "the nightly job kept failing on slow responses",
             "SRE asked for consistency with the gateway settings"],
    silent=["With the timeout at {new} the nightly job finally finishes without errors.",
            "Upstream calls are capped at {new}; anything slower falls back to the cached copy.",
            "The client config sets the timeout to {new}, and that's what the gateway expects too."],
    propose=["Proposal: make the upstream timeout {new}. Let's discuss at standup.",
             "I'm tempted to change the request timeout to {new}; any objections before I do it next week?"],
    confirm=["Went ahead with it: outbound requests time out after {new} from this release.",
             "Timeout change is merged — {new} everywhere in the HTTP client config."],
    passing=["The trace shows the call hanging for the full {v} before it gave up.",
             "With a timeout of {v} plus the retries, the worst case is still acceptable.",
             "Keep the {v} ceiling on upstream calls in mind when you write the integration test."],
    reject_propose=["Can we set the request timeout to {alt}? The nightly job still fails sometimes.",
                    "What about a timeout of {alt} for everything?"],
    reject_reply=["No — a different timeout just hides the problem; keep {cur} and fix the slow query.",
                  "I'd leave it; {cur} is what the gateway expects, and changing one side only causes confusing errors.",
                  "Not convinced. Let's profile first before touching the timeout."],
    old=["The old {old} setting is still in the sample config; I'll update it.",
         "Back when calls were cut at {old}, half these alerts were timeouts; the graph looks calmer."],
    now=["The timeout alerts are pretty quiet now, nice change from last month.",
         "Now that the timeout config lives in one place, it's much easier to reason about."],
    ask=["What's our timeout on upstream HTTP calls again?",
         "How long do we wait on {partner} before giving up?"],
    answer=["{v}, set in the shared HTTP client.",
            "We cut it off at {v}."],
    q_plain=["How long does the HTTP client wait for {partner} before aborting?",
             "What is the cutoff for outbound requests to {partner}?"],
    q_now=["What's the outbound request timeout set to these days?",
           "How long are upstream calls allowed to run at the moment?"],
    q_orig=["What was the upstream request timeout when it was first configured?"],
    q_prev=["What was the outbound timeout before it was last adjusted?"],
    q_when=["When was the outbound request timeout most recently adjusted?"],
)

subject(
    "retry_limit", "retry limit for {job}",
    ["2", "3", "4", "5", "6", "8", "10"],
    first=["Failed {job} get retried at most {v} times before going to the dead-letter queue.",
           "I configured the worker to retry {job} up to {v} times.",
           "Retry policy for {job}: {v} retries with exponential backoff."],
    explicit=["Changing max retries for {job} from {old} to {new} since {reason}.",
              "Set MAX_RETRIES to {new} (previously {old}) — {reason}.",
              "The retry cap for {job} goes from {old} to {new}; {reason}."],
    reasons=["the dead-letter queue was filling with transient failures",
             "retries were hammering {partner} during their outages",
             "the backoff math works out better for the SLA",
             "on-call asked for fewer duplicate alerts"],
    silent=["The worker gives up after {new} retries and parks the message in the DLQ.",
            "Saw a job fail {new} times in a row and land in the dead-letter queue, as designed.",
            "MAX_RETRIES is {new} in the worker settings, so the test needs {new} simulated failures."],
    propose=["Should we change the retry cap for {job} to {new}? I'll write it up.",
             "Idea for next sprint: retry {job} {new} times instead."],
    confirm=["The retry cap change went in — {job} retry up to {new} times from this deploy.",
             "Agreed in the review: MAX_RETRIES is {new} from today."],
    passing=["The job hit all {v} retries before {partner} came back up.",
             "Given the cap of {v} retries, the DLQ count should stay low.",
             "The retry header on the last one showed attempt {v} of {v}."],
    reject_propose=["What if we retried {job} {alt} times?",
                    "Could we push the retry limit to {alt}?"],
    reject_reply=["No, more retries would just amplify the outage; {cur} is plenty.",
                  "Let's keep it as is — the DLQ replay tool covers the rest.",
                  "I don't want to change it before the audit; staying at {cur}."],
    old=["Updated the runbook, which still said {job} retry {old} times.",
         "The alert threshold was tuned for {old} retries; adjusting it."],
    now=["The dead-letter queue is almost empty now, the retry tweaks helped.",
         "Now that the retry logic has tests, I'm less scared to touch it."],
    ask=["How many times do we retry {job} before giving up?",
         "What's MAX_RETRIES set to for the worker?"],
    answer=["{v} retries, then it goes to the dead-letter queue.",
            "It's {v}."],
    q_plain=["How many attempts does the worker make on {job} before dead-lettering them?",
             "What is the maximum number of retries for {job}?"],
    q_now=["How many retries are {job} allowed currently?",
           "What's the maximum number of attempts on {job} at the moment?"],
    q_orig=["What was the retry limit for {job} at the beginning?"],
    q_prev=["How many times were {job} retried before the latest change?"],
    q_when=["When was the retry limit for {job} last changed?"],
)

subject(
    "default_branch", "default branch",
    ["main", "master", "trunk", "develop", "mainline"],
    first=["Default branch for the repo is `{v}`; open PRs against it.",
           "Branch off `{v}` for features; CI deploys from `{v}`.",
           "I created the repo with `{v}` as the default branch."],
    explicit=["Renamed the default branch from `{old}` to `{new}` — {reason}. Please re-point your local clones.",
              "We're switching the default branch to `{new}` (was `{old}`) because {reason}."],
    reasons=["the org-wide policy changed", "the release tooling assumes it",
             "we want a separate integration branch before releases",
             "it matches the other repos in the org"],
    silent=["Rebased my branch onto `{new}` and pushed; CI is green.",
            "Opened the PR against `{new}` as usual.",
            "The deploy job triggers on pushes to `{new}`."],
    propose=["Should we rename the default branch to `{new}`? Other teams already did.",
             "I'd like to move us to `{new}` as the default branch; will raise it at the retro."],
    confirm=["Branch rename done: `{new}` is the default, GitHub redirects the old name.",
             "Retro agreed — default branch is `{new}` from today."],
    passing=["Merged into `{v}` after the review.",
             "Pulled the latest `{v}` and the test failure is gone.",
             "Cut the release tag from `{v}`."],
    reject_propose=["Can we make `{alt}` the default branch?",
                    "What about a `{alt}` branch as the default, for integration?"],
    reject_reply=["No, one long-lived branch is enough; keep `{cur}`.",
                  "Not worth it, it breaks all the open PRs and bookmarks.",
                  "Let's not rename anything mid-quarter."],
    old=["Deleted a leftover CI rule that still filtered on `{old}`.",
         "Someone's script still did `git pull origin {old}`, fixed it."],
    now=["Branch protection is finally set up properly now.",
         "Now that the branch rules are sorted, let's look at the merge queue."],
    ask=["Which branch do I target for the PR?",
         "What's the default branch called here?"],
    answer=["`{v}` — everything merges there.", "Target `{v}`."],
    q_plain=["Which branch should pull requests be opened against?",
             "What is the name of the repository's primary branch?"],
    q_now=["What's the name of the primary git branch at the moment?",
           "Which branch do we currently merge features into?"],
    q_orig=["What was the default branch originally named?"],
    q_prev=["What was the primary branch's name before the latest rename?"],
    q_when=["When was the default branch last renamed?"],
)

subject(
    "owner", "ownership of the {comp}",
    lambda p: p["people"],
    first=["{v} owns the {comp}; route questions about it to them.",
           "For anything touching the {comp}, {v} is the owner and default reviewer.",
           "CODEOWNERS lists {v} for the {comp}."],
    explicit=["Ownership of the {comp} moves from {old} to {new} — {reason}.",
              "{new} is taking over the {comp} from {old}, since {reason}."],
    reasons=["{old} moved to the platform team", "the reorg put it under {new}'s group",
             "{old} is going on parental leave for a few months",
             "{new} wrote most of the recent changes anyway"],
    silent=["Pinged {new} about the {comp} change since it's their area.",
            "{new} approved the {comp} PR as its owner, so we're good to merge.",
            "{new} is the owner of the {comp}, so the design doc goes to them."],
    propose=["Maybe {new} should own the {comp}; they know it best at this point.",
             "Thinking {new} could take over the {comp}. Let's ask the lead."],
    confirm=["Lead signed off: {new} owns the {comp} going forward; CODEOWNERS is updated.",
             "It's official, {comp} ownership is with {new}."],
    passing=["Asked {v} to review the {comp} change, since it's theirs.",
             "{v}, who owns the {comp}, mentioned it has a known edge case with empty payloads.",
             "Tagged {v} on the {comp} incident as the owner."],
    reject_propose=["Could {alt} take over the {comp}?",
                    "Should we hand the {comp} to {alt}?"],
    reject_reply=["No, {cur} keeps it; {alt} is already overloaded.",
                  "Not yet — a handover would be too disruptive before the launch."],
    old=["{old} still gets auto-requested on {comp} PRs; I'll clean up the stale CODEOWNERS entry.",
         "Found a TODO signed by {old} in the {comp}, from when it was theirs."],
    now=["The {comp} is in much better shape now, whoever ends up maintaining it.",
         "Now that the {comp} has proper docs, onboarding to it is easier."],
    ask=["Who's the owner of the {comp}?",
         "Who should review changes to the {comp}?"],
    answer=["{v} — they own it.", "That would be {v}."],
    q_plain=["Who is responsible for the {comp}?",
             "Whose approval do changes to the {comp} need?"],
    q_now=["Who maintains the {comp} currently?",
           "Who's in charge of the {comp} these days?"],
    q_orig=["Who was the first owner of the {comp}?"],
    q_prev=["Who owned the {comp} before the most recent handover?"],
    q_when=["When did responsibility for the {comp} last change hands?"],
)

subject(
    "staging_host", "staging host",
    lambda p: [f"staging.{p['domain']}", f"stg1.{p['slug']}.internal", f"staging-2.{p['domain']}",
               f"preprod.{p['domain']}", f"qa-box.{p['slug']}.internal", f"stage.{p['slug']}.cloud"],
    first=["Staging lives at {v}; deploys go there automatically on merge.",
           "The staging environment is {v} — use the shared test accounts there.",
           "Set up the staging box at {v}."],
    explicit=["Staging moved from {old} to {new} — {reason}.",
              "We're retiring {old}; staging is {new} from here on because {reason}."],
    reasons=["the old VM was out of disk every other week",
             "we migrated staging into the Kubernetes cluster",
             "the certificate on the old domain expired and moving was easier",
             "infra consolidated all pre-prod environments"],
    silent=["Deployed the branch to {new} and QA is testing there.",
            "The login flow works on {new}; can someone double-check the emails?",
            "Sent the client the {new} link for the demo."],
    propose=["Thoughts on moving staging to {new}? Infra offered us a slot.",
             "We could host staging at {new} instead; I'll check with infra."],
    confirm=["Infra finished the move: staging is served from {new}.",
             "Staging cutover is done, {new} is live and DNS is updated."],
    passing=["QA found the bug on {v} this morning.",
             "The seed script ran against {v} without issues.",
             "I'll demo from {v} since prod data is off limits."],
    reject_propose=["Should staging move to {alt}?", "What if we put staging on {alt}?"],
    reject_reply=["No, {cur} is fine and the move would eat a week.",
                  "Not worth it; infra is busy and nothing is broken."],
    old=["Shut down the {old} VM for good; billing will thank us.",
         "Removed {old} from the CORS allow-list."],
    now=["Staging feels a lot snappier now, whatever infra did.",
         "Now that staging has realistic data, QA is finding more edge cases."],
    ask=["What's the staging URL again?", "Where do I test before prod?"],
    answer=["{v}.", "Staging is {v}."],
    q_plain=["Which host serves the pre-production environment?",
             "What's the address of the environment QA checks before a release?"],
    q_now=["What hostname does staging use currently?",
           "Where is staging running at the moment?"],
    q_orig=["What was the first staging host?"],
    q_prev=["Which host ran staging before the latest move?"],
    q_when=["When did staging most recently move hosts?"],
)

subject(
    "api_prefix", "API route prefix",
    ["/api", "/v1", "/api/v1", "/api/v2", "/api/v3", "/api/v4"],
    req=_has("api"), ordered=True,
    first=["All public routes are mounted under `{v}`.",
           "Route prefix for the REST API is `{v}`, set in the router config.",
           "I mounted the {svc} router at `{v}`."],
    explicit=["Switching the API prefix from `{old}` to `{new}` — {reason}.",
              "Routes live under `{new}` instead of `{old}` from this release, since {reason}."],
    reasons=["the breaking change to pagination needs a new version",
             "the gateway team wants a uniform prefix across services",
             "mobile clients pin versions and we need both to coexist for a while",
             "it simplifies the ingress rules"],
    silent=["The integration tests call `{new}/health` and pass.",
            "Docs examples use `{new}/...` for every endpoint.",
            "The mobile client's base URL is `{new}`."],
    propose=["Should we move routes to `{new}`? The next breaking change would be a good moment.",
             "Proposal: mount the API under `{new}`. Will write an ADR."],
    confirm=["ADR accepted, routes are served under `{new}`.",
             "Prefix change shipped; `{new}` is the canonical base path."],
    passing=["The 404 came from hitting the route without the `{v}` prefix.",
             "Swagger UI groups everything under `{v}`.",
             "The rate limiter keys on paths starting with `{v}`."],
    reject_propose=["What about switching to `{alt}` for the routes?",
                    "Could we mount everything at `{alt}` instead?"],
    reject_reply=["No, clients hardcode `{cur}`; a prefix change needs a deprecation window we don't have.",
                  "Let's not — it's cosmetic and breaks every integration."],
    old=["Removed the redirect from `{old}` routes; traffic there dropped to zero.",
         "Logs still show a few partners calling `{old}`; I'll email them."],
    now=["The route table is much tidier now after the cleanup.",
         "Now that the OpenAPI spec is generated, the base path is documented automatically."],
    ask=["What's the base path for the API?", "Which prefix do the routes use?"],
    answer=["`{v}`.", "Everything is under `{v}`."],
    q_plain=["Under which base path are the REST endpoints mounted?",
             "What path prefix do clients prepend to API routes?"],
    q_now=["What is the API's route prefix these days?",
           "Which base path are endpoints served from currently?"],
    q_orig=["What base path did the API routes originally use?"],
    q_prev=["What was the route prefix before the last switch?"],
    q_when=["When did the API route prefix last change?"],
)

subject(
    "runtime", "runtime version",
    lambda p: {"python": ["Python 3.9", "Python 3.10", "Python 3.11", "Python 3.12", "Python 3.13"],
               "node": ["Node 16", "Node 18", "Node 20", "Node 22"],
               "go": ["Go 1.19", "Go 1.20", "Go 1.21", "Go 1.22", "Go 1.23"]}[p["lang"]],
    ordered=True,
    first=["The service runs on {v}; the Dockerfile pins the base image.",
           "We target {v} for {svc}, CI matrix included.",
           "Local dev expects {v} — use the version file in the repo."],
    explicit=["Upgrading {svc} from {old} to {new} — {reason}.",
              "Bumped the runtime to {new} (was {old}) because {reason}."],
    reasons=["{old} goes end-of-life soon", "we need the newer language features",
             "the base image for {old} stopped getting security patches",
             "it's measurably faster in our benchmarks"],
    silent=["Rebuilt the image on {new}; tests pass.",
            "The CI matrix only has {new}, so the lint job was quick.",
            "Install {new} locally, otherwise the lockfile won't resolve."],
    propose=["Should we move to {new}? The release notes look good.",
             "I'd like to upgrade to {new} next sprint."],
    confirm=["Runtime upgrade to {new} is merged and deployed.",
             "All services are on {new} after today's deploy."],
    passing=["The stack trace is from the {v} image, line numbers match.",
             "Using a {v} feature in the parser, so don't backport it.",
             "The {v} container starts in under two seconds."],
    reject_propose=["Can we jump straight to {alt}?", "What about moving to {alt}?"],
    reject_reply=["Not yet — half our dependencies don't support {alt}; staying on {cur}.",
                  "No, too risky before the release; later maybe."],
    old=["Dropped the {old} job from the CI matrix.",
         "Removed the {old} compatibility shim."],
    now=["The build is noticeably faster now, probably the image caching.",
         "Now that the upgrade dust has settled, let's look at the deprecation warnings."],
    ask=["Which runtime version do I need locally?", "What version should my toolchain be?"],
    answer=["{v}.", "Use {v}; the version file in the repo pins it."],
    q_plain=["Which language runtime version does {svc} target?",
             "What runtime release is baked into the Docker image?"],
    q_now=["What runtime version are we on currently?",
           "Which runtime release does {svc} use these days?"],
    q_orig=["Which runtime version did {svc} start on?"],
    q_prev=["What runtime version was used before the latest upgrade?"],
    q_when=["When was the runtime last upgraded?"],
)

subject(
    "orm", "ORM",
    lambda p: {"python": ["SQLAlchemy", "Django ORM", "Peewee", "SQLModel", "Tortoise ORM", "Pony ORM"],
               "node": ["Prisma", "TypeORM", "Drizzle", "Sequelize", "MikroORM", "Kysely"],
               "go": ["GORM", "sqlc", "Ent", "sqlx", "Bun"]}[p["lang"]],
    req=_has("db"),
    first=["The data layer uses {v}; models live in their own package.",
           "We went with {v} for database access.",
           "All queries go through {v}, no raw SQL in handlers."],
    explicit=["Migrating the data layer from {old} to {new} — {reason}.",
              "Replaced {old} with {new} since {reason}."],
    reasons=["{old} made the N+1 problems hard to spot", "we need better type safety in queries",
             "the migration tooling for {old} kept generating broken diffs",
             "{new} handles our async code path natively"],
    silent=["Wrote the new repository class with {new}, it's straightforward.",
            "The {new} query for the report is in the PR, please review.",
            "Generated the models with {new} and the tests pass."],
    propose=["I'd like to try {new} for the data layer; prototype branch coming.",
             "Should we consider {new} instead of what we have?"],
    confirm=["Prototype convinced everyone, we're moving the data layer to {new}.",
             "Decision: {new} is our ORM going forward; the old models get ported this sprint."],
    passing=["The slow page was a lazy load in {v}; added an eager join.",
             "{v} logs the SQL if you turn on echo in the settings.",
             "The {v} session wasn't closed in the worker, hence the leaked connections."],
    reject_propose=["What about swapping to {alt}?", "Could we use {alt} instead?"],
    reject_reply=["No, a rewrite of the data layer isn't justified; {cur} works.",
                  "Not now. We'd lose weeks porting models for little gain."],
    old=["Deleted the last {old} model file.",
         "Uninstalled {old}; nothing imported it anymore."],
    now=["The models are much cleaner now, the test suite agrees.",
         "Now that the queries are typed, review is faster."],
    ask=["What do we use for DB access?", "Which ORM is this project on?"],
    answer=["{v}.", "It's {v}."],
    q_plain=["What library handles database access in {svc}?",
             "Which object-relational mapper do the models rely on?"],
    q_now=["Which data-access library are we using at the moment?",
           "What ORM does the project use currently?"],
    q_orig=["What ORM did the project start with?"],
    q_prev=["Which ORM was in use before the latest migration?"],
    q_when=["When did we last switch the data-access library?"],
)

subject(
    "broker", "message broker",
    ["RabbitMQ", "Redis Streams", "Kafka", "NATS JetStream", "Amazon SQS", "Google Pub/Sub"],
    req=_has("queue"),
    first=["Background work goes through {v}; the workers consume from it.",
           "We picked {v} as the message broker.",
           "Events between {svc} and the workers flow over {v}."],
    explicit=["Replacing {old} with {new} as the broker — {reason}.",
              "Moving the queues from {old} to {new} since {reason}."],
    reasons=["we needed replay of old messages", "running {old} ourselves was eating on-call time",
             "throughput peaks outgrew {old}", "{new} is already managed by the platform team"],
    silent=["Consumer lag on {new} is close to zero after the deploy.",
            "Published the test event to {new} and the worker picked it up.",
            "The {new} topic for {job} has three consumers."],
    propose=["Should we move messaging to {new}? I'll write up the trade-offs.",
             "I'd like to prototype the workers on {new}."],
    confirm=["Trade-off doc approved: the broker is {new}, migration done this sprint.",
             "All queues are on {new}; the old cluster is drained."],
    passing=["Messages pile up in {v} when the worker crashes, so at least nothing is lost.",
             "The {v} client library needed a reconnect option.",
             "Purged the test queue in {v} after the load test."],
    reject_propose=["Should we switch to {alt}?", "What about {alt} for messaging?"],
    reject_reply=["No — {cur} handles our volume easily; a migration buys nothing.",
                  "Not now, too many moving parts before the launch."],
    old=["Decommissioned the {old} cluster.",
         "Removed the {old} client from the dependencies."],
    now=["Queue depth alerts are rare now.",
         "Now that consumers are idempotent, redeliveries don't scare me."],
    ask=["What broker do the workers read from?", "Which queue system are we on?"],
    answer=["{v}.", "The workers consume from {v}."],
    q_plain=["What message broker connects {svc} with its workers?",
             "Which queueing system carries background jobs?"],
    q_now=["Which broker are we using at the moment?",
           "What do the workers consume messages from currently?"],
    q_orig=["What broker did the project start with?"],
    q_prev=["Which message broker was used before the latest migration?"],
    q_when=["When did we last switch message brokers?"],
)

subject(
    "css", "styling approach",
    ["Tailwind CSS", "CSS Modules", "styled-components", "vanilla-extract", "Sass", "Emotion", "UnoCSS"],
    req=_has("frontend"),
    first=["Components are styled with {v}.",
           "We're using {v} for the web UI styles.",
           "Styling convention: {v}, no inline style objects."],
    explicit=["Moving the UI from {old} to {new} — {reason}.",
              "New and existing styles use {new} instead of {old} from here on, since {reason}."],
    reasons=["runtime CSS-in-JS was hurting render performance",
             "the design system team publishes tokens for {new}",
             "{old} class names kept colliding",
             "server-side rendering with {old} was a pain"],
    silent=["Wrote the settings page with {new}, looks right on mobile.",
            "The {new} styles for the modal are in the PR.",
            "Fixed the dark-mode contrast in the {new} theme file."],
    propose=["Should we try {new} for the new screens?",
             "I'm tempted to move styles to {new}; prototype coming."],
    confirm=["Prototype looked good, UI work uses {new} from here; old components get ported gradually.",
             "Decision made: {new} is our styling approach."],
    passing=["The button variant needed a new {v} rule for the disabled state.",
             "Moved the spacing tokens into the {v} setup.",
             "The flicker was a {v} ordering issue, fixed."],
    reject_propose=["What if we used {alt} for styles?", "Could we move to {alt}?"],
    reject_reply=["No, {cur} works and rewriting every component isn't worth it.",
                  "Not now, the redesign comes first."],
    old=["Deleted the last {old} file from the components folder.",
         "Uninstalled {old}; nothing imports it anymore."],
    now=["The UI looks consistent now, designers are happy.",
         "Now that tokens are centralised, theming is easy."],
    ask=["How do we write styles here?", "What's the styling approach for components?"],
    answer=["{v}.", "We use {v}."],
    q_plain=["What technique is used to style the web front end?",
             "Which styling library do UI components rely on?"],
    q_now=["What styling approach does the UI use currently?",
           "How are components styled these days?"],
    q_orig=["What did we originally style components with?"],
    q_prev=["Which styling approach did we use before the latest change?"],
    q_when=["When did the styling approach last change?"],
)

subject(
    "monitoring", "monitoring provider",
    ["Datadog", "New Relic", "Grafana Cloud", "Honeycomb", "Prometheus and Grafana", "Dynatrace", "Elastic APM"],
    first=["Metrics and traces for {svc} go to {v}.",
           "We set up {v} for monitoring; the agent runs as a sidecar.",
           "Alerts come from {v}; the on-call rotation is wired to it."],
    explicit=["We're moving monitoring from {old} to {new} — {reason}.",
              "Switched observability over to {new}, replacing {old}, because {reason}."],
    reasons=["the {old} bill doubled after the last pricing change",
             "{new} gives us trace-to-log correlation out of the box",
             "the company signed an org-wide contract",
             "{old}'s agent kept crashing on the new base image"],
    silent=["Built a {new} dashboard for the error budget.",
            "The alert that woke me up came from {new}; the query was a bit noisy.",
            "Traces in {new} show the slow span is the DB call."],
    propose=["Should we try {new} for monitoring? They offered a trial.",
             "I'd like to evaluate {new}; our current setup misses distributed traces."],
    confirm=["Trial went well — monitoring is on {new} as of this week, agents rolled out.",
             "Signed off: {new} is our monitoring stack, old agents are being removed."],
    passing=["Checked {v} and CPU was flat during the incident.",
             "The {v} monitor for queue depth fired twice overnight.",
             "I pinned the latency graph from {v} in the channel."],
    reject_propose=["Could we move monitoring to {alt}?", "What about {alt} instead of our current tool?"],
    reject_reply=["No, migrating dashboards and alerts is months of work; {cur} does the job.",
                  "Not this year — the contract with {cur} runs until December.",
                  "Let's not; the team knows the current tool and the alerts are tuned."],
    old=["Uninstalled the {old} agent from the last two VMs.",
         "Archived the old {old} dashboards so nobody looks at stale data."],
    now=["The alerting is much less noisy now, on-call is sleeping again.",
         "Now that traces are wired up, debugging latency is way easier."],
    ask=["Where do I look at the service metrics?", "Which tool do our alerts come from?"],
    answer=["{v} — there's a {svc} dashboard in there.", "Everything goes to {v}."],
    q_plain=["Which observability product receives {svc}'s telemetry?",
             "What vendor do we rely on for dashboards and alerting?"],
    q_now=["Which monitoring platform is in use at the moment?",
           "What do we use for observability these days?"],
    q_orig=["Which monitoring tool did we start out with?"],
    q_prev=["What monitoring product did we use before the latest switch?"],
    q_when=["When did we last change monitoring providers?"],
)

subject(
    "region", "cloud region",
    ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "eu-north-1", "ca-central-1"],
    first=["Production runs in {v}; keep new resources there too.",
           "Everything for {svc} is deployed to the {v} region.",
           "Our AWS footprint is in {v}, including the database."],
    explicit=["Migrating production from {old} to {new} — {reason}.",
              "We moved the workloads to {new} (from {old}) since {reason}."],
    reasons=["most of our customers are closer to {new}",
             "data-residency requirements from the new enterprise contract",
             "{old} had two capacity incidents this quarter",
             "the reserved-instance deal is cheaper in {new}"],
    silent=["Spun up the new read replica in {new} next to the primary.",
            "Terraform plan for {new} looks clean, applying.",
            "Latency from the office to {new} is fine for the admin tools."],
    propose=["What do people think about moving to {new}? Sales keeps asking about data residency.",
             "Proposal: relocate production to {new}. I'll cost it out."],
    confirm=["Region migration finished — production is in {new}.",
             "Cutover complete, all traffic is served from {new}."],
    passing=["The S3 bucket is in {v} as well, so no cross-region transfer fees.",
             "Opened a support case for the {v} load balancer.",
             "Spot capacity in {v} was tight this morning."],
    reject_propose=["Should we move to {alt}?", "What if we ran production in {alt}?"],
    reject_reply=["No, a region move for a few ms isn't worth the risk; staying in {cur}.",
                  "Not without a customer requirement; the migration plan alone is weeks."],
    old=["Deleted the leftover snapshots in {old}.",
         "Tore down the old VPC in {old}; the cost report should drop."],
    now=["The infra bill is more predictable now, finance is happy.",
         "Now that the Terraform state is split per environment, plans are fast."],
    ask=["Which region is prod in?", "Where should I create the new bucket?"],
    answer=["{v}.", "Use {v}, same as everything else."],
    q_plain=["In which cloud region is production hosted?",
             "Which AWS region holds the production database?"],
    q_now=["Which region does production run in currently?",
           "Where are our workloads deployed these days, region-wise?"],
    q_orig=["Which region was production first deployed in?"],
    q_prev=["What region hosted production before the latest migration?"],
    q_when=["When did production last change regions?"],
)

subject(
    "review_rule", "merge approval rule",
    ["one approval", "two approvals", "three approvals", "a code-owner approval"],
    first=["Merging needs {v}; branch protection enforces it.",
           "Rule of the repo: {v} before anything lands.",
           "I configured the repo so PRs require {v}."],
    explicit=["Changing the merge requirement from {old} to {new} — {reason}.",
              "From today PRs need {new} instead of {old}; {reason}."],
    reasons=["a broken migration slipped through last month",
             "the team grew and we can afford more eyes",
             "the SOC 2 auditor asked for it",
             "reviews were the bottleneck for releases"],
    silent=["Got {new} on the PR, merging.",
            "Still waiting on {new} before I can merge the refactor.",
            "Branch protection shows {new} required, so the bot can't auto-merge."],
    propose=["Should we require {new} for merges? I'll bring it up at the retro.",
             "Idea: make it {new} per PR. Thoughts?"],
    confirm=["Retro outcome: PRs need {new}, branch protection updated.",
             "Team agreed, merge rule is {new} effective immediately."],
    passing=["The PR has {v}, so it's good to merge.",
             "Once it gets {v} I'll deploy.",
             "Dependabot PRs also need {v}, so they pile up."],
    reject_propose=["Can we require {alt} for merges?", "Should we change the rule to {alt}?"],
    reject_reply=["No, {cur} is enough for a team our size.",
                  "I'd rather not slow reviews down further; keep the rule."],
    old=["Updated CONTRIBUTING.md, it still said {old}.",
         "The merge bot config still mentioned {old}; fixed."],
    now=["Reviews are moving faster now, the queue is short.",
         "Now that we have CODEOWNERS, review requests go to the right people."],
    ask=["How many approvals do I need before merging?", "What's the review rule for PRs?"],
    answer=["{v}.", "You need {v}."],
    q_plain=["What does a pull request require before it can land?",
             "What review sign-off is needed to merge a change?"],
    q_now=["What's the approval requirement for merging currently?",
           "How much review does a PR need these days?"],
    q_orig=["What was the original merge-approval requirement?"],
    q_prev=["What did merges require before the last rule change?"],
    q_when=["When was the merge-approval rule last changed?"],
)

subject(
    "release_day", "release day",
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    first=["We release every {v}; the train leaves at noon.",
           "Release day is {v}. Get changes in by the morning.",
           "Deploys to production happen weekly on {v}."],
    explicit=["Moving release day from {old} to {new} — {reason}.",
              "Releases go out on {new} instead of {old} starting next week, because {reason}."],
    reasons=["support is short-staffed on {old}", "QA needs a full day after the sprint review",
             "the partner freeze window overlaps {old}", "on-call hand-off happens on {old}"],
    silent=["Release train is on {new} as usual; I'll cut the tag in the morning.",
            "I'll make sure the fix is in before {new}'s release.",
            "Changelog for {new}'s release is drafted."],
    propose=["Should we ship on {new} instead? I'll ask support.",
             "Proposal: move the weekly release to {new}."],
    confirm=["Support agreed; releases are on {new} starting next week.",
             "Release day is officially {new}, calendar invite updated."],
    passing=["This will go out with {v}'s release.",
             "Let's not merge anything risky the day before {v}.",
             "The hotfix skipped {v}'s train and went out directly."],
    reject_propose=["Can we release on {alt}s instead?", "What about shipping on {alt}?"],
    reject_reply=["No, {cur} works well and customers expect it.",
                  "Let's not move it, the support rota is built around it."],
    old=["Removed the old {old} release reminder from the calendar.",
         "Someone still posted a {old} release checklist out of habit."],
    now=["Releases are pretty boring now, which is the goal.",
         "Now that the release checklist is automated, it takes twenty minutes."],
    ask=["When's the next release?", "Which day do we deploy to prod?"],
    answer=["{v}, like every week.", "We ship on {v}."],
    q_plain=["On which weekday does the weekly production deploy happen?",
             "Which day of the week do releases ship?"],
    q_now=["What day do we release on currently?",
           "Which weekday is release day at the moment?"],
    q_orig=["What weekday did releases originally go out on?"],
    q_prev=["What was release day before the most recent change?"],
    q_when=["When was the release day last moved?"],
)

subject(
    "postgres", "database version",
    ["PostgreSQL 12", "PostgreSQL 13", "PostgreSQL 14", "PostgreSQL 15", "PostgreSQL 16", "PostgreSQL 17"],
    req=_has("db"), ordered=True,
    first=["The database is {v}, managed by the cloud provider.",
           "We run {v} in production and in the dev containers.",
           "Provisioned {v} for {svc}."],
    explicit=["Upgrading the database from {old} to {new} — {reason}.",
              "Database is on {new} after tonight's maintenance (was {old}); {reason}."],
    reasons=["{old} reaches end of support", "we want the faster vacuum and replication improvements",
             "the provider is forcing the upgrade anyway",
             "a planner fix in {new} solves our slow report query"],
    silent=["Restored last night's backup into a {new} instance for testing.",
            "Dev containers pull the {new} image.",
            "The query plan on {new} uses the index properly."],
    propose=["Should we upgrade to {new}? The provider supports it.",
             "Let's plan the move to {new}; I'll test the extensions."],
    confirm=["Upgrade to {new} went fine, no errors in the logs.",
             "Production database is {new} after the maintenance window."],
    passing=["The extension we need is supported on {v}.",
             "Checked the {v} logs; it was a lock wait.",
             "pg_dump from the {v} instance took twelve minutes."],
    reject_propose=["Should we go to {alt} already?", "Can we jump to {alt}?"],
    reject_reply=["No, let it mature; we'll stay on {cur} for the time being.",
                  "Not until the provider marks it stable."],
    old=["Deleted the {old} snapshot we kept as a fallback.",
         "CI no longer spins up {old}."],
    now=["Database CPU is much lower now after the index work.",
         "Now that backups are verified nightly, I sleep better."],
    ask=["Which Postgres version are we on?", "What database version should my local container use?"],
    answer=["{v}.", "Use {v}, same as prod."],
    q_plain=["Which major database version does production run?",
             "What Postgres release backs {svc}?"],
    q_now=["Which database version are we running at the moment?",
           "What Postgres release are we on currently?"],
    q_orig=["What database version did we launch with?"],
    q_prev=["Which database version ran before the most recent upgrade?"],
    q_when=["When was the database last upgraded?"],
)

subject(
    "ci", "CI system",
    ["GitHub Actions", "GitLab CI", "CircleCI", "Buildkite", "Jenkins", "Drone CI"],
    first=["CI runs on {v}; the pipeline config is in the repo.",
           "We use {v} for builds and tests.",
           "Set up {v} to run lint, tests and the image build."],
    explicit=["Moving CI from {old} to {new} — {reason}.",
              "Replaced {old} with {new} for our pipelines since {reason}."],
    reasons=["{old} queue times were hitting twenty minutes",
             "we want self-hosted runners with more memory",
             "the company is standardising on {new}",
             "caching in {old} never worked reliably"],
    silent=["The {new} pipeline passed on the first try.",
            "Added a matrix job in the {new} config for the integration tests.",
            "{new} flagged a lint error in the PR."],
    propose=["Could we try {new}? I have a branch with the pipeline ported.",
             "Thinking of moving builds to {new}; will compare timings."],
    confirm=["Timings were better, so CI is on {new}; old pipelines disabled.",
             "Merged the {new} config; it's our CI from today."],
    passing=["The {v} job timed out fetching dependencies; re-ran it.",
             "I cached the build layers in {v} and saved a few minutes.",
             "The nightly {v} run caught the regression."],
    reject_propose=["Should we switch CI to {alt}?", "What about {alt}? I heard it's faster."],
    reject_reply=["No, porting pipelines is a week of work and {cur} is fine.",
                  "Not worth it; our bottleneck is the tests, not the CI tool."],
    old=["Deleted the old {old} config file from the repo.",
         "Revoked the {old} deploy token."],
    now=["Builds are pretty quick now after the caching fix.",
         "Now that the pipeline is split, lint fails in seconds."],
    ask=["Where do the builds run?", "Which CI are we on?"],
    answer=["{v}.", "We use {v}; config is in the repo."],
    q_plain=["Which service executes the project's build and test pipelines?",
             "What CI provider runs our checks?"],
    q_now=["Which CI system do we use at the moment?",
           "What runs our pipelines these days?"],
    q_orig=["What CI service did the project start with?"],
    q_prev=["Which CI tool ran our builds before the latest switch?"],
    q_when=["When did we last change CI providers?"],
)

subject(
    "pkg_manager", "dependency manager",
    lambda p: {"python": ["pip-tools", "Poetry", "uv", "PDM", "Pipenv"],
               "node": ["npm", "Yarn", "pnpm", "Bun"]}[p["lang"]],
    req=lambda p: p["lang"] in ("python", "node"),
    first=["Dependencies are managed with {v}; commit the lockfile.",
           "We use {v} for installs and the lockfile.",
           "Set up {v} for dependency management."],
    explicit=["Switching dependency management from {old} to {new} — {reason}.",
              "Replaced {old} with {new}; {reason}."],
    reasons=["{new} resolves and installs several times faster",
             "{old} kept producing lockfile conflicts",
             "the workspace support in {new} is better",
             "{old} had an unpatched bug with private indexes"],
    silent=["Ran the {new} install and everything resolved cleanly.",
            "Added the dependency with {new} and updated the lockfile.",
            "The Dockerfile installs with {new}; the build is faster."],
    propose=["Should we try {new}? The install speed looks great.",
             "I'd like to move us to {new}, prototype in a branch."],
    confirm=["Prototype worked, so we're on {new}; lockfile regenerated.",
             "Merged the switch to {new}; please reinstall your environments."],
    passing=["{v} warned about a yanked release; pinned the previous one.",
             "The lockfile from {v} had a conflict after the rebase.",
             "Cached the {v} store in CI."],
    reject_propose=["Could we switch to {alt}?", "What about using {alt} instead?"],
    reject_reply=["No, {cur} works and the team knows it.",
                  "Not worth another tooling migration this quarter."],
    old=["Deleted the stale {old} lockfile.",
         "Removed {old} instructions from the contributing guide."],
    now=["Installs are fast now, nobody complains anymore.",
         "Now that the lockfile is stable, renovate PRs merge cleanly."],
    ask=["How do I install the dependencies?", "Which dependency tool does this repo use?"],
    answer=["{v} — run its install command at the repo root.", "We use {v}."],
    q_plain=["Which tool resolves and locks the project's dependencies?",
             "What should I use to install packages in this repo?"],
    q_now=["Which package manager does the repo use currently?",
           "What dependency tool are we on these days?"],
    q_orig=["What dependency manager did the project use originally?"],
    q_prev=["Which dependency manager was used before the last switch?"],
    q_when=["When did we last change the dependency manager?"],
)

subject(
    "coverage", "coverage gate",
    ["60%", "70%", "75%", "80%", "85%", "90%"],
    first=["CI fails if coverage drops below {v}.",
           "Coverage gate is {v} on the whole project.",
           "I set the coverage threshold to {v}."],
    explicit=["Changing the coverage gate from {old} to {new} — {reason}.",
              "The coverage threshold is {new} after today's change (was {old}), because {reason}."],
    reasons=["we added lots of tests to the core modules", "generated code was skewing the number",
             "the team agreed to ratchet it gradually", "the gate was blocking urgent fixes"],
    silent=["Coverage came in just above {new}, so the gate passed.",
            "The PR dropped coverage under {new} and CI blocked it.",
            "The config has fail_under at {new}; add a test for the new branch."],
    propose=["Should we set the coverage gate to {new}?", "How about a coverage threshold of {new}?"],
    confirm=["Agreed at planning — the coverage gate is {new}, config updated.",
             "Threshold change merged: {new}."],
    passing=["We're sitting comfortably above {v} on coverage.",
             "The new module alone would push us under {v} without tests.",
             "The coverage report has the parser near the top and overall over {v}."],
    reject_propose=["Can we set the coverage gate to {alt}?", "What about a {alt} threshold?"],
    reject_reply=["No, chasing the number leads to useless tests; {cur} is fine.",
                  "Let's keep it; changing the gate this week would block the release."],
    old=["Updated the badge config that still referenced {old}.",
         "The old {old} threshold was still in a stale config file; removed it."],
    now=["Coverage reports are actually readable now.",
         "Now that the flaky tests are fixed, coverage numbers are stable."],
    ask=["What coverage do we need for CI to pass?", "What's the coverage gate?"],
    answer=["{v}.", "At least {v}."],
    q_plain=["What minimum test coverage does CI enforce?",
             "Below what coverage percentage does the pipeline fail?"],
    q_now=["What's the coverage threshold at the moment?",
           "Which coverage gate do we enforce currently?"],
    q_orig=["What was the coverage threshold when it was first introduced?"],
    q_prev=["What was the coverage gate before the last change?"],
    q_when=["When was the coverage gate last adjusted?"],
)

subject(
    "rate_limit", "rate limit",
    ["60", "100", "120", "300", "600", "1000"],
    req=_has("api"),
    first=["Each API key may make {v} requests per minute; beyond that we return 429.",
           "The rate limiter allows {v} requests per minute per key.",
           "Set the default rate limit to {v} req/min per client."],
    explicit=["Changing the per-key rate limit from {old} to {new} requests per minute — {reason}.",
              "Rate limit is {new} requests per minute after this deploy, previously {old}; {reason}."],
    reasons=["a big customer's sync job kept hitting 429s", "we got scraped hard last weekend",
             "the database can handle more after the index work",
             "the gateway team asked for a common limit"],
    silent=["Load test at {new} requests per minute per key stayed green.",
            "The customer's integration is throttled at {new} req/min, which matches what they saw.",
            "429s kick in after {new} requests in a minute."],
    propose=["Should we set the rate limit to {new} req/min?",
             "Proposal: {new} requests per minute per key."],
    confirm=["Product approved it: the limit is {new} requests per minute.",
             "Rate limit update deployed, {new} req/min per key."],
    passing=["The client was sending bursts way above {v} per minute.",
             "At {v} req/min the dashboard shows very few 429s.",
             "The docs page mentions the {v} per minute limit."],
    reject_propose=["Can we lift the rate limit to {alt} per minute?",
                    "What about {alt} requests per minute?"],
    reject_reply=["No, {cur} per minute protects the DB; they should batch.",
                  "Let's not change the limit for one customer."],
    old=["The SDK still documented {old} per minute; fixed the docstring.",
         "Updated the 429 error message that still mentioned {old} requests."],
    now=["429s are rare now, support tickets dropped.",
         "Now that the limiter state is shared, it works across pods."],
    ask=["What's the per-key rate limit?", "How many calls per minute can a client make?"],
    answer=["{v} requests per minute.", "{v} per minute per key."],
    q_plain=["How many calls a minute is a single API key allowed?",
             "At what request rate do clients start getting 429 responses?"],
    q_now=["What's the per-client throttle set to currently?",
           "How many calls a minute can a key make these days?"],
    q_orig=["What was the original per-key request limit?"],
    q_prev=["What was the rate limit before the most recent change?"],
    q_when=["When was the API rate limit last changed?"],
)

subject(
    "standup", "standup time",
    ["9:15", "9:30", "9:45", "10:00", "10:30", "11:00"],
    first=["Daily standup is at {v}, fifteen minutes max.",
           "We do standup at {v} every morning in the team huddle.",
           "Put standup in the calendar for {v} every day."],
    explicit=["Standup moves from {old} to {new} — {reason}.",
              "We'll do standup at {new} instead of {old}, since {reason}."],
    reasons=["a new teammate joined from a later time zone",
             "the {old} slot clashes with the school run for half the team",
             "the ops sync took over the {old} slot",
             "people were skipping it because it was too early"],
    silent=["See everyone at the {new} standup.",
            "I'll bring it up at standup tomorrow at {new}.",
            "Missed the {new} standup, here's my update in writing."],
    propose=["Could we move standup to {new}?", "Would {new} work better for standup?"],
    confirm=["Everyone agreed, standup is at {new} starting next week.",
             "Calendar updated: standup at {new} from here on."],
    passing=["Let's discuss it after the {v} standup.",
             "I'll report the flake at the {v} standup.",
             "The {v} standup ran long today."],
    reject_propose=["Can we do standup at {alt}?", "What about {alt} for standup?"],
    reject_reply=["No, {cur} is the only slot that works for both time zones.",
                  "Let's keep the slot; changing it confuses everyone."],
    old=["The old {old} reminder was still in the channel topic; updated it.",
         "Someone joined the call at {old} out of habit."],
    now=["Standups are short now, which is great.",
         "Now that we write updates async first, the call is quick."],
    ask=["What time is standup?", "When do we sync in the morning?"],
    answer=["{v}.", "Standup is at {v}."],
    q_plain=["At what time does the team meet for the daily sync?",
             "When is the daily stand-up call?"],
    q_now=["What time is the daily sync currently?",
           "When does the morning stand-up happen these days?"],
    q_orig=["What time was standup originally?"],
    q_prev=["What time did standup use to be before the last change?"],
    q_when=["When was the standup time last changed?"],
)

subject(
    "upload", "upload limit",
    ["5 MB", "10 MB", "20 MB", "25 MB", "50 MB", "100 MB"],
    req=_has("upload"),
    first=["Uploads are capped at {v} per file.",
           "Max upload size is {v}; the proxy enforces the same limit.",
           "Set the file upload limit to {v}."],
    explicit=["Changing the upload limit from {old} to {new} — {reason}.",
              "The upload cap is {new} after this release, was {old}; {reason}."],
    reasons=["users kept hitting the limit with phone photos",
             "we moved uploads to presigned URLs so size matters less",
             "storage costs spiked after abuse",
             "the proxy in front of us was rejecting larger bodies anyway"],
    silent=["A {new} file uploads fine; anything bigger gets a 413.",
            "The validation message says the max is {new}.",
            "Tested uploading a {new} file from the app, works."],
    propose=["Should we allow {new} uploads?", "Proposal: set the upload cap to {new}."],
    confirm=["Approved — uploads can be up to {new}, proxy config updated.",
             "The upload cap change is live: {new}."],
    passing=["The user's file was just above {v}, hence the error.",
             "The {v} limit is enforced both client side and server side.",
             "Compressing images on the client keeps them well under {v}."],
    reject_propose=["Can we raise uploads to {alt}?", "What about a {alt} limit?"],
    reject_reply=["No, {cur} covers almost everyone; large files should go through the bulk import.",
                  "Let's not, storage costs are already a topic."],
    old=["The help page still said {old}; updated it.",
         "Removed the special case for {old} uploads in the proxy config."],
    now=["Upload errors are rare now.",
         "Now that uploads go straight to storage, the API pods are calmer."],
    ask=["How big can uploaded files be?", "What's the upload size limit?"],
    answer=["{v}.", "Up to {v} per file."],
    q_plain=["What is the maximum size of a single uploaded file?",
             "How large may a file be before the server rejects it?"],
    q_now=["What's the per-file upload cap currently?",
           "How big can uploads be these days?"],
    q_orig=["What was the original file size limit for uploads?"],
    q_prev=["What was the upload cap before it was last changed?"],
    q_when=["When did the maximum file size for uploads last change?"],
)

subject(
    "batch_size", "batch size",
    ["250", "500", "1000", "2500", "5000", "10000"],
    req=_has("pipeline"),
    first=["The loader writes in batches of {v} rows.",
           "Batch size for {job} is {v} records.",
           "I set BATCH_SIZE to {v} for the warehouse loader."],
    explicit=["Changing the batch size from {old} to {new} rows — {reason}.",
              "Batch size is {new} after today's change, previously {old}, because {reason}."],
    reasons=["the warehouse started throttling large inserts",
             "memory on the worker spiked with bigger batches",
             "throughput doubled in the benchmark",
             "smaller batches make retries cheaper"],
    silent=["Each batch of {new} rows takes about four seconds to load.",
            "The log shows batches of {new} going through cleanly.",
            "With batches of {new} rows the backfill finished overnight."],
    propose=["Should we try batches of {new} rows?",
             "Proposal: BATCH_SIZE={new}; I'll benchmark it first."],
    confirm=["Benchmarks look good, BATCH_SIZE is {new} in the prod config.",
             "Batch size change merged: {new} rows."],
    passing=["A single bad row fails the whole batch of {v}, so the validator matters.",
             "At {v} rows per batch memory stays flat.",
             "The retry replays the full batch of {v} rows."],
    reject_propose=["Could we go to {alt} rows per batch?", "What about batches of {alt}?"],
    reject_reply=["No, {cur} is the sweet spot from the last benchmark.",
                  "Let's not; bigger batches made retries painful last time."],
    old=["The old default of {old} rows was still in the sample config; fixed.",
         "A comment still claimed batches of {old}; updated."],
    now=["The nightly load is boring now, finishes early.",
         "Now that the loader is streaming, memory stays low."],
    ask=["How many rows per batch does the loader use?", "What's the batch size?"],
    answer=["{v} rows.", "BATCH_SIZE is {v}."],
    q_plain=["How many rows go into each write batch?",
             "What chunk size does the loader insert with?"],
    q_now=["What's the loader's batch size at the moment?",
           "How many records per batch do we write currently?"],
    q_orig=["What batch size did the loader start with?"],
    q_prev=["What was the batch size before the most recent change?"],
    q_when=["When was the batch size last changed?"],
)

# ---------------------------------------------------------------------------
# Stable facts: (statement templates, question templates, requirement)
# ---------------------------------------------------------------------------

DECISIONS = [
    (["We decided on UUIDv7 primary keys instead of auto-increment integers: they sort by creation time and don't leak how many {entities} we have.",
      "Going with UUIDv7 for IDs rather than serial ints, since they stay time-ordered and hide our {entity} volume from customers."],
     ["Why did we choose time-ordered UUIDs over sequential integer IDs?",
      "What was the reasoning behind the primary key format?"], _has("db")),
    (["Decision: no GraphQL. Clients only call about a dozen endpoints, and HTTP caching with plain REST is simpler to operate.",
      "We're staying with REST and skipping GraphQL — a dozen endpoints don't justify it, and REST responses cache easily."],
     ["What was the argument against adopting GraphQL?",
      "Why did we keep a REST interface instead of moving to GraphQL?"], _has("api")),
    (["Feature flags live in the database rather than env vars, so support can flip them without a deploy.",
      "We store feature flags in a DB table instead of environment variables; that way support toggles them without shipping anything."],
     ["Why aren't feature flags kept in environment variables?",
      "What's the reason toggles are persisted in a table?"], _has("db")),
    (["We vendor the {sdk} client instead of depending on the published package, because upstream broke semver twice last year.",
      "The {sdk} SDK is copied into the repo rather than installed — their releases broke compatibility twice in a year."],
     ["Why is the {sdk} SDK checked into our repository rather than installed?",
      "What led us to keep our own copy of the {sdk} library?"], None),
    (["Migrations run as a separate deploy step, never on app startup, because two pods racing on the same migration corrupted the schema table once.",
      "We decided against running migrations at boot: once two replicas raced and broke the schema history, so it's a dedicated job in the deploy."],
     ["Why doesn't the app apply schema migrations when it starts?",
      "What incident made us move database migrations out of application boot?"], _has("db")),
    (["All timestamps are stored in UTC and converted only at the edges; mixing zones is what caused the off-by-one-day report bug.",
      "Rule we settled on: persist times in UTC, convert only for display, after the report bug where dates shifted by a day."],
     ["Why are times persisted only in UTC?",
      "What motivated the policy on time zones in stored data?"], None),
    (["We keep {svc} and its client library in one repo, so an API change and the client update land in the same PR.",
      "Monorepo it is: the service and its client live together so interface changes ship atomically."],
     ["What was the motivation for keeping server and client code in a single repository?",
      "Why didn't we split the client library into its own repo?"], _has("api")),
    (["No cache layer in front of the DB for now — measured p95 is fine, and invalidation bugs would cost more than they save.",
      "We chose not to add a cache: latency numbers are within budget and stale-data bugs aren't worth it."],
     ["Why haven't we put a caching tier between the app and the database?",
      "What's the reasoning for running without a query cache?"], _has("db")),
    (["The API client is generated from the OpenAPI spec rather than handwritten, because the manual one kept drifting from the server.",
      "We generate client code from the spec; the hand-maintained version diverged from the server too often."],
     ["Why do we generate the client instead of writing it by hand?",
      "What problem led us to auto-generate the API client?"], _has("api")),
    (["Every background job must be idempotent, keyed on a request ID, since the queue only guarantees at-least-once delivery.",
      "Jobs are written to be safely re-runnable with a dedup key, because messages can arrive more than once."],
     ["Why must background jobs tolerate being run twice?",
      "What delivery guarantee forced us to make jobs idempotent?"], _has("queue")),
    (["We picked server-side sessions over JWTs so a login can be revoked instantly.",
      "Sessions are stored server-side instead of using JWTs; revoking access immediately mattered more than statelessness."],
     ["Why did we go with server-held sessions rather than JSON web tokens?",
      "What made us reject JWT-based auth?"], _has("api")),
    (["Config is validated at startup and the process refuses to boot on a bad value — a typo once silently disabled a feature for a week.",
      "We fail fast on invalid configuration at boot, after a misspelled setting quietly turned something off for days."],
     ["Why does {svc} refuse to start when a setting is invalid?",
      "What happened that made us validate configuration eagerly?"], None),
    (["Every dependency is pinned to an exact version and a bot opens the update PRs; a transitive minor release once broke the build an hour before shipping.",
      "We pin exact versions for all dependencies and let automation propose bumps, after an unpinned transitive update broke a release."],
     ["Why are all dependencies locked to exact versions?",
      "What incident made us stop using version ranges?"], None),
    (["We're keeping {svc} as one deployable rather than splitting it up — the team is small and a single pipeline is easier to reason about.",
      "No microservices for now: one artifact, one deploy, because with this team size the operational overhead isn't worth it."],
     ["Why isn't the system broken into several services?",
      "What's the reasoning against a microservice split?"], None),
]

PREFERENCES = [
    (["Please keep PRs under about 400 changed lines; three small ones beat one huge one.",
      "I'd like pull requests to stay below roughly 400 lines of diff — split anything bigger."],
     ["How big should a pull request be at most?",
      "What size limit do we aim for on diffs under review?"], None),
    (["Commit messages: ticket key first, imperative mood, for example '{tk}-123: fix rounding in totals'.",
      "Convention for commits is the ticket key followed by an imperative summary, like '{tk}-123: fix rounding in totals'."],
     ["What format do we use for commit messages?",
      "How should a commit subject line be written?"], None),
    (["I prefer tests against a real database in Docker over mocking the DB layer.",
      "Don't mock the database in tests, please; spin up the real one in a container."],
     ["Should tests stub out the database or talk to an actual one?",
      "What's the stance on faking the persistence layer in the test suite?"], _has("db")),
    (["Keep the type checker strict: no untyped public functions and no blanket ignores.",
      "Public functions need full type annotations, and I don't want file-wide type-check suppressions."],
     ["What's the expectation on typing for public functions?",
      "How strict should static type checking be here?"], None),
    (["Structured logs only, please: key=value pairs, no prose, so they're greppable.",
      "Log lines should be key=value fields rather than sentences — much easier to search."],
     ["What style should log lines follow?",
      "How do we want log output formatted?"], None),
    (["Squash-merge only; I want one commit per PR in the history.",
      "Always squash when merging so each PR shows up as a single commit."],
     ["Which merge strategy should I use for PRs?",
      "How should pull requests be merged?"], None),
    (["Prefer early returns over nested if/else; I'll flag deep nesting in reviews.",
      "Guard clauses and early returns please — deeply nested conditionals get pushed back in review."],
     ["How do we feel about deeply nested conditionals?",
      "What control-flow style is favoured in code review?"], None),
    (["Any non-obvious workaround gets a short 'why' comment with a link to the issue.",
      "If you add a hack, put a one-line comment explaining why and link the ticket."],
     ["What should accompany a hacky workaround in the code?",
      "What's expected next to a non-obvious fix in the source?"], None),
    (["JSON fields in API responses are snake_case; clients do their own mapping.",
      "Response payload keys use snake_case — the apps convert on their side."],
     ["What casing should response keys use?",
      "Which naming style do API payload fields follow?"], _has("api")),
    (["Open draft PRs early, even half-broken; I'd rather see the direction on day one.",
      "Push a draft pull request as soon as you start, so the approach can be discussed early."],
     ["When should I open a pull request for work in progress?",
      "How early do we want to see unfinished work up for review?"], None),
    (["No print debugging left in commits — use the logger at debug level.",
      "Please don't commit stray print calls; log at debug instead."],
     ["What should be used instead of leftover print statements?",
      "How should temporary diagnostic output be handled before committing?"], None),
]

LOCATIONS = [
    (["The backoff helpers live in `{root}/util/backoff{ext}`; reuse them instead of writing new loops.",
      "Retry-with-backoff utilities are in `{root}/util/backoff{ext}`."],
     ["Where is the shared code for waiting between retry attempts?"], None),
    (["Feature flag definitions are all in `{root}/flags/registry{ext}`.",
      "Every toggle is declared in `{root}/flags/registry{ext}`."],
     ["Which file declares our feature toggles?"], None),
    (["Schema migrations go in `{migdir}`, one file per change.",
      "DB migration scripts are kept under `{migdir}`."],
     ["Where do database migration files live?"], _has("db")),
    (["The generated OpenAPI spec ends up in `docs/api/openapi.yaml`; never hand-edit it.",
      "Spec generation writes `docs/api/openapi.yaml` — don't modify that file manually."],
     ["Where is the machine-generated API specification written?"], _has("api")),
    (["Seed fixtures are in `{root}/fixtures/seed/`.",
      "The sample data used for seeding lives in `{root}/fixtures/seed/`."],
     ["Which folder contains the seeding data files?"], None),
    (["Alert rules for {svc} are defined in `ops/alerts/{slug}.rules.yml`.",
      "Alerting thresholds are configured in `ops/alerts/{slug}.rules.yml`."],
     ["Where are the alerting rules kept?"], None),
    (["The Terraform for this service is in `infra/terraform/{slug}/`.",
      "Infrastructure code for {svc} sits under `infra/terraform/{slug}/`."],
     ["Where's the infrastructure-as-code for the service?"], None),
    (["End-to-end tests live in `e2e/specs/`, separate from the unit tests.",
      "The browser and API end-to-end suites are in `e2e/specs/`."],
     ["Which directory holds the end-to-end test suite?"], None),
]

REFERENCES = [
    (["On-call runbook: https://wiki.{domain}/runbooks/{slug}-oncall — read it before your first shift.",
      "The runbook for on-call is at https://wiki.{domain}/runbooks/{slug}-oncall."],
     ["Where can I find the guide for being on call?"], None),
    (["Latency dashboard: https://dash.{domain}/d/{hash}/{slug}-latency",
      "I bookmarked the latency board: https://dash.{domain}/d/{hash}/{slug}-latency"],
     ["What's the link to the latency graphs?"], None),
    (["The accessibility audit is tracked in {tk}-{n}.",
      "All the a11y audit findings are collected under {tk}-{n}."],
     ["Which ticket covers the accessibility review?"], None),
    (["Design doc for the permissions model: https://docs.{domain}/design/{hash}",
      "The permissions model is written up at https://docs.{domain}/design/{hash}"],
     ["Where can I read the design for roles and access control?"], None),
    (["Postmortem for the {month} outage: https://wiki.{domain}/postmortems/{slug}-{month_l}",
      "The write-up of the {month} incident is at https://wiki.{domain}/postmortems/{slug}-{month_l}"],
     ["Where's the incident review for the {month} outage?"], None),
    (["The API style guide we follow is https://wiki.{domain}/eng/api-style-guide",
      "For endpoint naming and errors we follow https://wiki.{domain}/eng/api-style-guide"],
     ["Which document defines the conventions our endpoints should follow?"], None),
]

DEBUGGING = [
    (["Found the flake in `{test}`: CI runs in UTC while the fixture computed 'today' from local midnight.",
      "`{test}` failed intermittently because the fixture used local midnight for 'today' and CI is on UTC."],
     ["Why did `{test}` fail only sometimes?"], None),
    (["The memory leak was the per-request logger capturing the whole request body in a closure; logging only the ID fixed it.",
      "Memory kept growing because a closure in the request logger held onto every body. We log just the ID now."],
     ["What was behind the steady memory growth in {svc}?"], _has("api")),
    (["The intermittent 502s: the load balancer idle timeout was shorter than our keep-alive, so it closed sockets we still reused.",
      "Those random 502s came from keep-alive outliving the load balancer's idle timeout — it dropped connections we were reusing."],
     ["What caused the sporadic bad-gateway errors?"], _has("api")),
    (["Deadlock solved — two jobs locked {entities} in different orders; sorting the IDs before locking fixed it.",
      "The deadlock was lock ordering: two jobs grabbed {entities} rows in opposite order. Locking in sorted ID order fixed it."],
     ["How was the deadlock between the two jobs resolved?"], _has("db")),
    (["Duplicate emails came from the webhook handler not being idempotent: the provider retries when our 200 is slow.",
      "Users got emails twice because the provider re-sent webhooks on slow responses and our handler processed both."],
     ["Why were some users emailed twice?"], _has("api")),
    (["Tests passed on laptops but failed in CI because of a wrong-case import; the macOS case-insensitive filesystem hid it.",
      "The CI-only failure was an import with the wrong capitalisation, which macOS tolerates and Linux doesn't."],
     ["Why did the suite pass locally yet fail in the pipeline?"], None),
    (["Slow startup was DNS: the config module resolved every upstream hostname at import time.",
      "Boot took ages because importing the config triggered DNS lookups for all upstream hosts."],
     ["What made {svc} take so long to boot?"], None),
    (["The missing nightly run was a cron in local time; the DST switch pushed it past the cutoff.",
      "The nightly job skipped a day because its schedule was in local time and daylight saving shifted it."],
     ["Why did the nightly run not happen one night?"], None),
    (["The snapshot diffs between machines were locale-dependent number formatting; forcing the C locale in tests fixed them.",
      "Snapshots differed per laptop because numbers were formatted with the system locale — tests pin the C locale now."],
     ["What made the snapshot tests disagree across developer machines?"], None),
]

MULTIHOP = [  # (first turn, second turn, question, requirement); evidence is both turns
    (["{p} looks after the {comp2}; loop them in on changes there.",
      "Anything in the {comp2} should go past {p}, it's their baby."],
     ["{p} works from {city}, so replies come in the {tz} morning.",
      "Heads up, {p} is based in {city}; expect answers during {tz} hours."],
     ["Which city does the maintainer of the {comp2} work from?",
      "Where is the person responsible for the {comp2} located?"], None),
    (["The flaky `{test}` is tracked as {tk}-{n}.",
      "Opened {tk}-{n} for the intermittent failure in `{test}`."],
     ["{tk}-{n} was assigned to {p} during triage.",
      "Triage gave {tk}-{n} to {p}."],
     ["Who is handling the ticket about the unstable `{test}`?",
      "Who got the bug for the intermittently failing `{test}`?"], None),
    (["The {feature} ships behind the `{flag}` flag.",
      "We gated the {feature} with the `{flag}` toggle."],
     ["`{flag}` can be flipped in the admin panel under Settings → Experiments.",
      "To change `{flag}`, go to Settings → Experiments in the admin panel."],
     ["Where do I go to switch on the {feature}?",
      "How would I enable the {feature} for an account?"], _has("api")),
    (["Seed data is loaded by `{script}`.",
      "`{script}` is what populates the demo data."],
     ["`{script}` takes its database URL from `{envvar}`.",
      "`{script}` reads `{envvar}` to decide which database to connect to."],
     ["Which environment variable decides where the seed loader writes?",
      "What env var points the demo-data loader at a database?"], _has("db")),
    (["The {metric} chart lives on the '{board}' dashboard.",
      "You'll find {metric} plotted on the '{board}' board."],
     ["Edit rights for '{board}' are requested in #{channel}.",
      "If you need to change '{board}', ask for access in #{channel}."],
     ["Where do I ask for permission to edit the dashboard with the {metric} chart?",
      "Which channel grants write access to the board that graphs {metric}?"], None),
]


CITIES = [("Lisbon", "European"), ("Toronto", "Eastern"), ("Bangalore", "Indian"),
          ("Berlin", "Central European"), ("Sydney", "Australian"), ("Austin", "US Central"),
          ("Nairobi", "East African"), ("Seoul", "Korean")]

# ---------------------------------------------------------------------------
# Filler talk (pairs are user -> assistant)
# ---------------------------------------------------------------------------

FILLER_PAIRS = [
    ("The {test} test fails on my machine with an ordering assertion. Any idea?",
     "The query behind it has no ORDER BY, so row order depends on the planner. I added an explicit sort in {func}; it should be deterministic."),
    ("Can you look over my change to {file}? It's mostly renames.",
     "Looked through it. One log message still uses the old name and the docstring for {func} is stale; otherwise fine."),
    ("CI went red on {test} again.",
     "Same flake as before: the fixture teardown races the background thread. I'll add a join and open {tk}-{n} for a proper fix."),
    ("What does {func} return when the input is empty?",
     "An empty list, but the caller in {file} assumes at least one element. I'll add a guard there."),
    ("I keep getting a circular import when I touch {file}.",
     "The helper module imports the models at module level. Moving that import inside the function breaks the cycle."),
    ("Let's write a regression test for {tk}-{n} before fixing it.",
     "Added a failing test that reproduces it with the exact payload from the ticket. On to the fix."),
    ("Any reason {func} catches a bare exception?",
     "No good one. It swallowed a KeyError that hid the real bug. I narrowed it to the two exceptions we expect."),
    ("The linter complains about line length in {file}.",
     "Reformatted with the project formatter; it was one long f-string. Split it up."),
    ("Can we delete the commented-out block at the bottom of {file}?",
     "Yes, git has the history. Removed it."),
    ("Why is {test} so slow?",
     "It builds a few hundred fixtures in a loop. Switched to a factory with bulk create; it runs in under a second."),
    ("{person} asked whether {func} is thread-safe.",
     "Not quite: it mutates a module-level dict. I wrapped the cache in a lock and added a note."),
    ("Let's rename {func} — the name doesn't say what it does.",
     "Agreed. Renamed it and updated the {k} call sites; no public API uses it."),
    ("I think there's an off-by-one in the pagination of the {area}.",
     "There is: the last page was skipped when the total was an exact multiple of the page size. Fixed and tested both edges."),
    ("Can you explain what this regex in {file} is matching?",
     "It matches the legacy reference format: a prefix, a dash, and six digits. I added a comment with an example."),
    ("The error message for invalid input in the {area} is confusing.",
     "Rewrote it to say which field failed and why, and kept the error code stable for clients."),
    ("Do we have a test for the empty-{entity} case?",
     "We didn't. Added one; it exposed a None dereference in {func}, fixed in the same commit."),
    ("{person} says the {area} looks broken after the last merge.",
     "A default changed in a shared helper. I restored the old default and added a test so it can't drift again."),
    ("Mind doing a quick review of {tk}-{n}? Small change.",
     "Reviewed. Looks good; I left one suggestion about naming but it's not blocking."),
    ("Is {file} still used anywhere?",
     "Only by a script nobody runs. I'll remove both and mention it in the PR description."),
    ("Tests pass locally but I see a warning about an unclosed file.",
     "The CSV reader in {func} never closes its handle. Switched it to a context manager."),
    ("Can you add type hints to {func}?",
     "Done. It surfaced one place where we pass a string instead of a list, which was a latent bug."),
    ("Let's split {file}, it's getting huge.",
     "Split it into three modules by responsibility and kept re-exports so imports don't break."),
    ("How should I name the new fixture?",
     "Follow the existing pattern: the noun, then the state, like '{entity} archived'."),
    ("The docs example for the {area} is out of date.",
     "Updated the snippet and added it to the doc tests so it gets executed."),
    ("I'm seeing a deprecation warning from a dependency in the test output.",
     "It's harmless for the moment; I filed {tk}-{n} to track the upgrade and silenced it only in tests."),
    ("What's the plan for {tk}-{n}?",
     "Reproduce first, then a minimal fix, then a follow-up refactor if the code still looks fragile."),
    ("Can we make {func} pure? It reads the clock directly.",
     "Passed the clock in as a parameter with a default. Tests can freeze time without patching."),
    ("The {area} throws a 500 when a field is missing.",
     "Validation ran after the lookup. Moved it first, so it's a clean 400 with the field name."),
    ("Is there a reason we copy the list in {func}?",
     "Yes, the caller mutates it later. I left a comment so nobody 'optimises' it away."),
    ("I added a log line in {file} but I can't find it in the output.",
     "The logger name doesn't match the configured hierarchy, so it's filtered. Use the module-level logger instead."),
    ("Let's pair on {tk}-{n} after lunch.",
     "Sounds good. I'll prepare a failing test so we can start right away."),
    ("Review comment from {person}: the loop in {func} is quadratic.",
     "Fair point. Built a lookup dict first; it's linear and the benchmark dropped a lot."),
    ("The {test} test depends on network access.",
     "It calls the real endpoint through a helper. I stubbed the HTTP layer with a recorded response."),
    ("Could you check why the coverage report skips {file}?",
     "It's excluded by an old pattern in the config. Removed the pattern; the numbers shifted slightly."),
    ("I can't reproduce {tk}-{n} at all.",
     "It needs a {entity} with no owner; the seed data never has one. I'll add that to the fixtures."),
    ("Is it fine to merge with one skipped test?",
     "Only if the skip references a ticket. Add the ticket key to the reason string."),
    ("What's this magic number in {func}?",
     "It's the maximum nesting depth we support. Pulled it into a named constant with a comment."),
    ("The schema change for {tk}-{n} needs a default value.",
     "Added a server-side default so existing rows get backfilled without locking the table for long."),
    ("Can we avoid loading all {entities} into memory in {func}?",
     "Switched it to iterate in chunks with a server-side cursor. Memory stays flat."),
    ("Typo in the user-facing message for the {area}.",
     "Fixed, and I grepped for the same typo elsewhere; there were two more."),
    ("Do you know why {test} is marked xfail?",
     "It was waiting on {tk}-{n}, which is closed. Removed the marker and it passes."),
    ("Should {func} raise or return None on a missing {entity}?",
     "Raise. Every caller already checks and raises anyway, so one place is cleaner."),
    ("The logs are very noisy from the {area}.",
     "Dropped two per-item info logs to debug and added one summary line per run."),
    ("Can you summarise what changed in the last few PRs?",
     "Mostly cleanup in {file}, a fix for {tk}-{n}, and new tests around {func}. Nothing user-visible."),
    ("I want to add a config option for the {area}.",
     "Add it to the settings object with a default and a validator; don't read the environment directly in the module."),
    ("Is {person} still on the design review for the {area}?",
     "Yes, they left comments on the doc yesterday; most are about naming."),
    ("The build warns about an unused variable in {file}.",
     "Leftover from the refactor. Removed it."),
    ("{func} has three boolean parameters, it's hard to read the calls.",
     "Made them keyword-only so call sites have to name them."),
    ("Let's add a smoke test for the {area} to the pipeline.",
     "Added one that hits it with a minimal payload and checks the response shape."),
    ("The snapshot test for the {area} changed unexpectedly.",
     "A dict ordering change upstream. The content is the same, so I updated the snapshot and sorted keys."),
    ("Why does {test} sleep for two seconds?",
     "Someone waited for an async job the hard way. Replaced it with polling on the job status."),
    ("Could you double-check the error handling in {func}?",
     "It retried on validation errors, which never succeed. It only retries on connection errors after my change."),
    ("Do we need a changelog entry for {tk}-{n}?",
     "Yes, it changes behaviour for clients. Added one under 'Fixed'."),
    ("I've been staring at this stack trace from {file} for an hour.",
     "The real error is the first chained exception; the bottom one is just the cleanup failing. Look at the {func} call."),
    ("Let's remove the feature toggle for the {area}, it's been on for ages.",
     "Removed the toggle and the dead branch; tests still pass."),
    ("The {area} returns timestamps without a timezone.",
     "They're serialized as ISO 8601 with an explicit offset after my fix, and there's a test."),
    ("Could we cache the result of {func}? It's called a lot.",
     "It's cheap per call; the real cost was the repeated query. I batched the query instead of caching."),
    ("{person} wants a quick demo of the {area} changes.",
     "I'll record a short screen capture and post it in the channel."),
    ("Is there an easy way to run just the tests for {file}?",
     "Pass the test path and a keyword filter to the runner; I added a make target for it too."),
    ("What's blocking {tk}-{n}?",
     "Waiting on a decision from {person} about the error format. Everything else is ready."),
    ("The naming in {file} mixes two conventions.",
     "Standardised on the one used in the rest of the package and kept aliases for one release."),
    ("Should we log the full payload when {func} fails?",
     "No, it can contain personal data. Log the IDs and the validation errors only."),
    ("Can you write a docstring for {func}?",
     "Added one with the arguments, return value, and the exception it raises."),
    ("This test creates files in the repo directory.",
     "Switched it to the temporary directory fixture so nothing leaks into the working tree."),
    ("The {area} is slow for big accounts.",
     "Found a missing index on the foreign key used in the filter. Added it in a schema change."),
    ("I broke the build, sorry — forgot to commit a new file.",
     "No worries, happens. I pushed the missing file and CI is green again."),
    ("Let's add a pre-commit hook for formatting.",
     "Added it, pinned to the same formatter release as CI so they don't disagree."),
    ("Hmm, {test} passes alone but fails in the full suite.",
     "Test pollution: an earlier test patches a module global and never restores it. Switched it to a fixture with cleanup."),
    ("Can you check if {func} handles unicode names?",
     "Lowercasing is fine, but the slicing could split a character. Fixed with proper normalisation."),
    ("We got a bug report about the {area} from a customer.",
     "Reproduced it with their data shape. It's a null in an optional field; fix plus test are in {tk}-{n}."),
    ("Quick question: dataclasses or plain dicts for the {entity} payload?",
     "Dataclasses for anything passed between modules; dicts only at the serialization boundary."),
    ("I'm out tomorrow, {person} will cover reviews.",
     "Noted. I'll tag them on anything urgent."),
    ("How was the conference?",
     "Good! A nice talk on property-based testing; I want to try it on {func}."),
    ("Coffee break, back in ten.",
     "Sure. I'll keep the test run going in the meantime."),
    ("Sorry, the meeting ran long. Where were we?",
     "Halfway through the {area} refactor; next step is moving {func} into its own module."),
    ("Let's timebox this investigation to an hour.",
     "Agreed. If we don't find it by then, I'll write down what we ruled out in {tk}-{n}."),
    ("Can you generate some realistic test data for the {area}?",
     "Wrote a small factory that makes varied {entities}, including the weird edge cases from production."),
    ("Does anyone still use the old admin script?",
     "Checked the logs: nobody ran it in months. I'll deprecate it with a warning first."),
    ("The README setup steps didn't work for me.",
     "A step was missing after the last tooling change. I updated the instructions and tested them in a fresh container."),
    ("Can you bisect to find when {test} started failing?",
     "Bisect points to the commit that changed the default sort in {func}. Reverting that line fixes it."),
    ("I think {func} and the code in {file} duplicate each other.",
     "They do, mostly. I merged them into one helper and kept the stricter validation."),
    ("Let's keep {tk}-{n} out of this release, it needs more testing.",
     "Fine by me. I'll put it behind a flag and leave it off."),
    ("Is the flaky {test} fixed?",
     "Not yet; I've narrowed it down to the shared cache between tests. Working on isolating it."),
    ("Can we get rid of the global state in {file}?",
     "Wrapped it in a small class that gets injected. Tests got simpler too."),
    ("The diff for {tk}-{n} is bigger than I expected.",
     "Most of it is moved code. Reviewing with whitespace and moves ignored makes it much smaller."),
    ("Why is this call returning 200 with an error body?",
     "Legacy behaviour from the first version. I documented it and opened {tk}-{n} to fix it properly."),
    ("Any thoughts on the naming of the new {entity} status values?",
     "Use past-tense adjectives like 'archived' and 'cancelled' to match the existing ones."),
    ("Do you have a minute to help me read this flame graph?",
     "Sure. The wide bar is JSON serialization in {func}; the database isn't the problem here."),
    ("I'd like to clean up the test helpers this week.",
     "Good idea. Start with the three near-duplicate builders for {entities}."),
    ("How do I run things locally with fake data?",
     "Use the dev compose profile and the seed command; it creates a few {entities} for you."),
    ("The PR template asks for a test plan, what do I write?",
     "Just list what you ran and what you checked by hand; a few lines is fine."),
    ("Weird: {test} is green but the feature is broken when I try it by hand.",
     "The test mocks the exact function that's broken. I rewrote it to go through the real code path."),
    ("Let's add an assertion message to that check in {func}.",
     "Added one that prints the offending {entity} ID."),
    ("Thanks for fixing {tk}-{n} so fast.",
     "No problem, it was a one-line fix once we had the repro."),
    ("{person} is asking if the {area} handles duplicate submissions from the client.",
     "It does: requests carry an idempotency key and duplicates return the first result."),
    ("I'm not sure the new abstraction in {file} pays off.",
     "Fair. It only has one implementation. I'll inline it and we can extract later if a second one shows up."),
    ("Let's update the dependencies this sprint.",
     "I'll go through the outdated list and do them in small batches, one PR each."),
    ("Is the {area} covered by any integration test?",
     "Only indirectly. I added a direct one that exercises the happy path and one failure."),
    ("Can you make the error in {func} include the {entity} ID?",
     "Done, and the message reads better too."),
    ("{person} found a race in the {area} during the demo.",
     "Two requests could read the same state before either wrote. Added a row lock around the update."),
    ("My local database is in a weird state.",
     "Drop it and rerun the seed command; it's faster than debugging leftover rows."),
    ("What's the difference between {func} and the older helper?",
     "The old one didn't validate input. Everything should use {func}; I'll deprecate the other."),
    ("I merged too early, the PR still had a debug flag on.",
     "Happens. I reverted just that line in a follow-up commit."),
    ("The dependency update PR has a failing test in {file}.",
     "An upstream function changed its default argument. Passing it explicitly fixes the test."),
    ("Can we speed up the test suite a bit?",
     "Running tests in parallel and reusing the database between modules cuts it roughly in half."),
]

OPENERS = ["Morning! Let's pick up {tk}-{n}.", "Back on the {area} today.",
           "Quick session, I only have half an hour.", "Picking up the refactor of {file}.",
           "Hey, a couple of small things today.", "Let's continue where we stopped last time.",
           "New day, new bugs. Where do we start?", "I want to finish {tk}-{n} today if possible.",
           "Hi again. First thing: the failing {test}.",
           "Short one: I need a second pair of eyes on {file}.",
           "Let's look at the review comments on my last PR.",
           "I have a few questions about the {area}."]

CLOSERS = ["That's it for today, thanks.", "Great, I'll push and open the PR.",
           "Let's stop here; I'll handle the review comments tomorrow.", "Thanks! Logging off.",
           "Cool, ship it.", "Perfect, that unblocks me.",
           "Good progress. I'll write up notes in {tk}-{n}.", "OK, enough for one day."]

ACKS = ["Makes sense.", "Sounds good, go ahead.", "Right, thanks.", "OK, noted.",
        "Good catch.", "Fair enough.", "Let's do that.", "Agreed."]

# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------

PROJECTS = [
    dict(name="ledgerline", slug="ledgerline", kind="subscription billing API", lang="python",
         flags=dict(api=True, db=True, queue=True), domain="ledgerline.io",
         svc="ledger-api", comp="invoice renderer", comp2="dunning scheduler", partner="Stripe", sdk="Stripe",
         job="webhook deliveries", entity="invoice", entities="invoices", tk="LED",
         root="ledgerline", ext=".py", migdir="ledgerline/migrations/",
         files=["billing/proration.py", "billing/tax.py", "api/views/subscriptions.py", "core/money.py", "billing/dunning.py"],
         tests=["test_proration_midcycle", "test_invoice_totals_rounding", "test_tax_reverse_charge", "test_webhook_signature", "test_refund_partial"],
         funcs=["compute_proration", "render_invoice", "apply_coupon", "sync_customer", "close_period"],
         areas=["subscriptions endpoint", "refund flow", "proration logic", "customer sync"],
         features=["usage-based pricing", "invoice reminders", "multi-currency checkout"],
         scripts=["scripts/load_seed.py", "scripts/seed_demo_accounts.py"],
         envvars=["LEDGER_SEED_DB_URL", "SEED_DATABASE_URL"],
         metrics=["invoice render latency", "failed charge rate"],
         boards=["Billing Overview", "Payments Health"], channels=["billing-infra", "payments-ops"]),
    dict(name="trailhead", slug="trailhead", kind="hiking app backend and web companion", lang="node",
         flags=dict(api=True, db=True, frontend=True, upload=True), domain="trailhead.app",
         svc="trail-api", comp="offline map sync", comp2="photo moderation queue", partner="the Mapbox API", sdk="Mapbox",
         job="photo processing jobs", entity="trail report", entities="trail reports", tk="TRL",
         root="src", ext=".ts", migdir="src/db/migrations/",
         files=["src/routes/trails.ts", "src/services/elevation.ts", "src/jobs/photoResize.ts", "web/screens/TrailDetail.tsx", "src/db/queries/reports.ts"],
         tests=["trails.search.spec.ts", "elevationProfile.spec.ts", "photoResize.spec.ts", "offlineBundle.spec.ts", "reportFlagging.spec.ts"],
         funcs=["buildElevationProfile", "resizePhoto", "searchTrails", "bundleOfflineTiles", "flagReport"],
         areas=["trail search", "elevation profile", "favorites screen", "report flagging"],
         features=["offline trail bundles", "group hikes", "trail condition alerts"],
         scripts=["scripts/seed.ts", "scripts/loadDemoTrails.ts"],
         envvars=["SEED_DATABASE_URL", "TRAILHEAD_SEED_DB"],
         metrics=["tile download errors", "photo processing backlog"],
         boards=["Trail API Health", "Mobile Sync"], channels=["trail-platform", "mobile-ops"]),
    dict(name="siftpipe", slug="siftpipe", kind="data ingestion pipeline", lang="python",
         flags=dict(db=True, queue=True, pipeline=True), domain="siftpipe.dev",
         svc="sift-worker", comp="CSV normalizer", comp2="schema registry client", partner="the vendor reporting API", sdk="vendor reporting",
         job="ingest batches", entity="source record", entities="source records", tk="SIFT",
         root="sift", ext=".py", migdir="sift/warehouse/migrations/",
         files=["sift/normalize/csv.py", "sift/dedupe.py", "sift/loaders/warehouse.py", "sift/schemas/registry.py", "dags/daily_ingest.py"],
         tests=["test_dedupe_fuzzy_keys", "test_csv_bom_handling", "test_late_arriving_rows", "test_schema_drift_alert", "test_partition_pruning"],
         funcs=["normalize_row", "dedupe_batch", "load_partition", "resolve_schema", "backfill_range"],
         areas=["dedupe stage", "warehouse loader", "backfill command", "schema drift check"],
         features=["fuzzy dedupe", "late-row reconciliation", "per-source quotas"],
         scripts=["scripts/seed_sources.py", "scripts/load_fixtures.py"],
         envvars=["SIFT_SEED_DSN", "WAREHOUSE_SEED_URL"],
         metrics=["rows rejected per source", "ingest lag"],
         boards=["Pipeline Freshness", "Ingest Quality"], channels=["data-platform", "ingest-oncall"]),
    dict(name="pulsegrid", slug="pulsegrid", kind="IoT telemetry ingestion service", lang="go",
         flags=dict(api=True, db=True, queue=True), domain="pulsegrid.io",
         svc="pulse-ingest", comp="MQTT bridge", comp2="firmware OTA planner", partner="the device registry service", sdk="device registry",
         job="firmware rollout tasks", entity="device reading", entities="device readings", tk="PG",
         root="internal", ext=".go", migdir="db/migrations/",
         files=["internal/ingest/decoder.go", "internal/mqtt/bridge.go", "internal/store/timeseries.go", "cmd/pulse-ingest/main.go", "internal/ota/planner.go"],
         tests=["TestDecodeCompressedFrame", "TestBridgeReconnect", "TestDownsampleHourly", "TestOTABatchSplit", "TestClockSkewCorrection"],
         funcs=["DecodeFrame", "Reconnect", "Downsample", "PlanRollout", "CorrectSkew"],
         areas=["frame decoder", "downsampling job", "device auth handshake", "OTA planner"],
         features=["adaptive sampling", "staged firmware rollout", "offline buffering"],
         scripts=["cmd/seed/main.go", "scripts/seed_devices.go"],
         envvars=["PULSE_SEED_DSN", "SEED_PG_URL"],
         metrics=["frames dropped per second", "device reconnect rate"],
         boards=["Fleet Telemetry", "Ingest Throughput"], channels=["iot-platform", "fleet-ops"]),
    dict(name="inkwell", slug="inkwell", kind="collaborative markdown editor", lang="node",
         flags=dict(api=True, db=True, frontend=True, upload=True), domain="inkwell.so",
         svc="inkwell-server", comp="realtime sync engine", comp2="export service", partner="the PDF export renderer", sdk="PDF renderer",
         job="document export jobs", entity="document", entities="documents", tk="INK",
         root="packages/server/src", ext=".ts", migdir="packages/server/migrations/",
         files=["packages/editor/src/Toolbar.tsx", "packages/server/src/sync/crdt.ts", "packages/server/src/routes/docs.ts", "packages/editor/src/plugins/tables.ts", "packages/server/src/export/pdf.ts"],
         tests=["crdt.merge.spec.ts", "toolbar.a11y.spec.ts", "tablePlugin.spec.ts", "exportPdf.spec.ts", "presence.spec.ts"],
         funcs=["mergeOps", "renderToolbar", "insertTable", "exportToPdf", "broadcastPresence"],
         areas=["presence indicators", "table plugin", "comment threads", "PDF export"],
         features=["suggestion mode", "document templates", "offline editing"],
         scripts=["scripts/seed-docs.ts", "scripts/demo-workspace.ts"],
         envvars=["INKWELL_SEED_DB", "SEED_DATABASE_URL"],
         metrics=["sync conflict rate", "export queue time"],
         boards=["Editor Realtime", "Export Pipeline"], channels=["editor-core", "infra-help"]),
    dict(name="shelfscan", slug="shelfscan", kind="warehouse inventory system", lang="python",
         flags=dict(api=True, db=True, queue=True, frontend=True, upload=True), domain="shelfscan.com",
         svc="shelf-api", comp="barcode scanner module", comp2="replenishment planner", partner="the carrier rates API", sdk="carrier rates",
         job="stock sync jobs", entity="stock item", entities="stock items", tk="SHELF",
         root="shelf", ext=".py", migdir="shelf/db/migrations/",
         files=["shelf/api/routes/stock.py", "shelf/scanning/barcode.py", "shelf/replenish/planner.py", "web/src/pages/Picklist.tsx", "shelf/integrations/carriers.py"],
         tests=["test_barcode_checksum", "test_picklist_sorting", "test_replenish_thresholds", "test_carrier_quote_cache", "test_bin_location_parse"],
         funcs=["parse_barcode", "build_picklist", "plan_replenishment", "quote_shipment", "move_stock"],
         areas=["picklist screen", "bin location parser", "carrier quotes", "cycle count flow"],
         features=["cycle counting", "pick path optimisation", "low-stock alerts"],
         scripts=["scripts/seed_warehouse.py", "scripts/load_demo_bins.py"],
         envvars=["SHELF_SEED_DB_URL", "SEED_DSN"],
         metrics=["scan error rate", "picklist build time"],
         boards=["Warehouse Ops", "Scanner Health"], channels=["warehouse-eng", "ops-dashboards"]),
    dict(name="ferrydocs", slug="ferrydocs", kind="documentation site generator CLI", lang="python",
         flags=dict(), domain="ferrydocs.org",
         svc="ferry CLI", comp="markdown renderer", comp2="search indexer", partner="the external sites we link-check", sdk="link checker",
         job="link-check requests", entity="page", entities="pages", tk="FERRY",
         root="ferry", ext=".py", migdir="",
         files=["ferry/render/markdown.py", "ferry/cli.py", "ferry/search/index.py", "ferry/themes/default/base.html", "ferry/linkcheck.py"],
         tests=["test_toc_nesting", "test_relative_links", "test_search_index_unicode", "test_theme_override", "test_incremental_build"],
         funcs=["render_page", "build_toc", "index_pages", "check_links", "resolve_theme"],
         areas=["table of contents", "incremental build", "link checker", "theme loader"],
         features=["versioned docs", "dark theme", "search suggestions"],
         scripts=["scripts/seed_site.py", "scripts/build_demo.py"],
         envvars=["FERRY_SEED_DB", "DEMO_DB_URL"],
         metrics=["build duration", "broken link count"],
         boards=["Docs Builds", "Site Health"], channels=["docs-tooling", "web-infra"]),
]

PEOPLE = ["Priya", "Tomasz", "Aiko", "Mateo", "Grace", "Olu", "Sven", "Leila", "Hannah", "Ravi",
          "Chen", "Fatima", "Jonas", "Ines", "Kwame", "Marta", "Diego", "Yuki", "Noah", "Sara"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# ---------------------------------------------------------------------------
# Template checks (run at import; cheap)
# ---------------------------------------------------------------------------

TENSE_RE = re.compile(r"\b(now|currently|at the moment|these days)\b", re.I)
VALUE_FIELDS = {"v", "old", "new", "alt", "cur", "reason"}
PROJECT_FIELDS = {"svc", "comp", "partner", "job", "entity", "entities", "proj", "sdk"}
_FMT = string.Formatter()


def fields(t):
    return {f for _, f, _, _ in _FMT.parse(t) if f}


ROLE_RULES = {  # role: (required, allowed value fields)
    "first": ({"v"}, {"v"}), "passing": ({"v"}, {"v"}), "answer": ({"v"}, {"v"}),
    "explicit": ({"new", "reason"}, {"new", "old", "reason"}),
    "reasons": (set(), {"old", "new"}),
    "silent": ({"new"}, {"new"}), "propose": ({"new"}, {"new"}),
    "confirm": ({"new"}, {"new", "old"}),
    "reject_propose": ({"alt"}, {"alt"}), "reject_reply": (set(), {"cur", "alt"}),
    "old": ({"old"}, {"old"}), "now": (set(), set()), "ask": (set(), set()),
    "q_plain": (set(), set()), "q_now": (set(), set()), "q_orig": (set(), set()),
    "q_prev": (set(), set()), "q_when": (set(), set()),
}
STATEMENT_ROLES = ["first", "explicit", "reasons", "silent", "propose", "confirm", "passing",
                   "reject_propose", "reject_reply", "old", "now", "ask", "answer"]
QUESTION_ROLES = ["q_plain", "q_now", "q_orig", "q_prev", "q_when"]


def _words(t):
    t = re.sub(r"\{[a-z_0-9]+\}", " | ", t.lower())
    return re.findall(r"[a-z0-9|']+", t)


def _ngrams(t, n=4):
    w = _words(t)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1) if "|" not in w[i:i + n]}


def check_templates():
    problems = []
    for key, s in SUBJECTS.items():
        for role, (req, allowed) in ROLE_RULES.items():
            ts = s.get(role)
            if not ts:
                problems.append(f"{key}.{role}: missing")
                continue
            for t in ts:
                f = fields(t)
                vf = f & VALUE_FIELDS
                if not req <= f:
                    problems.append(f"{key}.{role}: missing {req - f} in {t!r}")
                if vf - allowed:
                    problems.append(f"{key}.{role}: disallowed {vf - allowed} in {t!r}")
                if f - VALUE_FIELDS - PROJECT_FIELDS:
                    problems.append(f"{key}.{role}: unknown {f - VALUE_FIELDS - PROJECT_FIELDS}")
                if role == "now" and not re.search(r"\bnow\b", t, re.I):
                    problems.append(f"{key}.now without 'now': {t!r}")
                if role == "q_now" and not TENSE_RE.search(t):
                    problems.append(f"{key}.q_now without tense word: {t!r}")
                if role in ("q_plain", "q_orig", "q_prev", "q_when") and TENSE_RE.search(t):
                    problems.append(f"{key}.{role} has tense word: {t!r}")
        stmts = set().union(*(_ngrams(t) for r in STATEMENT_ROLES for t in s[r]))
        for r in QUESTION_ROLES:
            for q in s[r]:
                common = _ngrams(q) & stmts
                if common:
                    problems.append(f"{key}.{r}: copies statement wording {common} in {q!r}")
    for pool_name, pool in (("DECISIONS", DECISIONS), ("PREFERENCES", PREFERENCES),
                            ("LOCATIONS", LOCATIONS), ("REFERENCES", REFERENCES),
                            ("DEBUGGING", DEBUGGING)):
        for stmts, qs, _ in pool:
            sg = set().union(*(_ngrams(t) for t in stmts))
            for q in qs:
                if _ngrams(q) & sg:
                    problems.append(f"{pool_name}: copies wording {_ngrams(q) & sg} in {q!r}")
    for a, b, qs, _ in MULTIHOP:
        sg = set().union(*(_ngrams(t) for t in a + b))
        for q in qs:
            if _ngrams(q) & sg:
                problems.append(f"MULTIHOP: copies wording in {q!r}")
    # filler must never state a subject value (it would be an unannotated mention)
    banned = set()
    for s in SUBJECTS.values():
        vals = s["values"]
        pools = [vals] if isinstance(vals, list) else \
            [vals(dict(p, people=PEOPLE)) for p in PROJECTS if s["req"](p)]
        for pool in pools:
            banned.update(v for v in pool if re.search(r"[A-Za-z]", v) and len(v) >= 3)
    banned.update(PEOPLE)
    texts = [t for pair in FILLER_PAIRS for t in pair] + OPENERS + CLOSERS + ACKS
    for t in texts:
        for v in banned:
            if re.search(r"(?<![\w-])" + re.escape(v) + r"(?![\w-])", t, re.I):
                problems.append(f"filler mentions subject value {v!r}: {t!r}")
    if problems:
        raise AssertionError("template problems:\n  " + "\n  ".join(problems))


check_templates()

# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

TRAP_WEIGHTS = {"explicit": 0.45, "silent": 0.30, "propose": 0.25}


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        self.decks = {}
        self.filler_unused = list(range(len(FILLER_PAIRS)))
        self.rng.shuffle(self.filler_unused)

    # -- helpers -----------------------------------------------------------
    def pick(self, seq):
        """Draw from a per-list shuffled deck, so phrasings rotate before they repeat."""
        deck = self.decks.get(id(seq))
        if not deck:
            deck = list(seq)
            self.rng.shuffle(deck)
            self.decks[id(seq)] = deck
        return deck.pop()

    def filler_pair(self):
        if not self.filler_unused:
            self.filler_unused = list(range(len(FILLER_PAIRS)))
            self.rng.shuffle(self.filler_unused)
        return FILLER_PAIRS[self.filler_unused.pop()]

    def fill_ctx(self, P):
        r = self.rng
        return dict(file=r.choice(P["files"]), test=r.choice(P["tests"]), func=r.choice(P["funcs"]),
                    person=r.choice(P["people"]), tk=P["tk"], n=r.randint(100, 999), k=r.randint(2, 9),
                    area=r.choice(P["areas"]), entity=P["entity"], entities=P["entities"], svc=P["svc"])

    # -- one project ---------------------------------------------------------
    def project(self, base):
        r = self.rng
        P = dict(base)
        P["people"] = r.sample(PEOPLE, 6)
        P["proj"] = P["name"]
        pctx = {k: P[k] for k in PROJECT_FIELDS}
        n = r.randint(12, 15)
        start = dt.date(2024, 1, 8) + dt.timedelta(days=r.randint(0, 240))
        span = r.randint(125, 178)
        offs = sorted(r.sample(range(1, span), n - 2)) + [span]
        dates = [start] + [start + dt.timedelta(days=o) for o in offs]
        assert len(set(dates)) == n and dates == sorted(dates)

        sessions = [[] for _ in range(n)]   # list of blocks; block = list of turn dicts
        load = [0] * n
        occupied = {}                       # subject -> set(session idx)

        def add_block(si, turns):
            sessions[si].append(turns)
            load[si] += len(turns)

        def turn(text, annots=(), speaker=None, tag=None):
            return dict(text=text, annots=list(annots), speaker=speaker, tag=tag)

        def render(t, **kw):
            ctx = dict(pctx)
            ctx.update(kw)
            return t.format(**ctx)

        eligible = [k for k, s in SUBJECTS.items() if s["req"](P)]
        chosen = r.sample(eligible, 9)
        changing, stable_key = chosen[:8], chosen[8]
        plans = {}
        sets_at = [[] for _ in range(n)]

        # ---- timelines -----------------------------------------------------
        for key in changing:
            S = SUBJECTS[key]
            pool = S["values"] if isinstance(S["values"], list) else S["values"](P)
            c = r.choices([1, 2, 3], weights=[0.45, 0.35, 0.2])[0]
            c = min(c, len(pool) - 2)
            ok = None
            while ok is None:
                assert c >= 1, key
                for _ in range(300):
                    s0 = r.randint(0, 2)
                    cs = sorted(r.sample(range(s0 + 2, n), c))
                    if all(b - a >= 2 for a, b in zip([s0] + cs, cs)) and \
                            all(len(sets_at[x]) < 4 for x in [s0] + cs):
                        ok = cs
                        break
                else:
                    c -= 1
            sample = r.sample(pool, c + 2)
            if S["ordered"]:
                sample.sort(key=pool.index)
            values, alt = sample[:c + 1], sample[c + 1]
            plans[key] = dict(key=key, values=values, alt=alt, sets=[s0] + ok, types=[None] * c)
            for x in [s0] + ok:
                sets_at[x].append(key)
            occupied[key] = set([s0] + ok)

        # change types, with each kind guaranteed at least once per project
        slots = [(k, i) for k in changing for i in range(len(plans[k]["types"]))]
        r.shuffle(slots)
        forced = ["explicit", "silent", "propose"]
        for idx, (k, i) in enumerate(slots):
            if idx < len(forced):
                t = forced[idx]
            else:
                t = r.choices(list(TRAP_WEIGHTS), weights=list(TRAP_WEIGHTS.values()))[0]
            plans[k]["types"][i] = t

        # ---- set events ------------------------------------------------------
        records = []  # filled after turn ids exist; annots carry (subject, value, role)
        for key in changing:
            S, pl = SUBJECTS[key], plans[key]
            vals = pl["values"]
            add_block(pl["sets"][0], [turn(render(self.pick(S["first"]), v=vals[0]),
                                           [(key, vals[0], "set")], tag=("set", key, 0))])
            for i, t in enumerate(pl["types"]):
                si, old, new = pl["sets"][i + 1], vals[i], vals[i + 1]
                if t == "explicit":
                    tmpl = self.pick(S["explicit"])
                    reason_t = self.pick(S["reasons"])
                    reason = render(reason_t, old=old, new=new)
                    text = render(tmpl, old=old, new=new, reason=reason)
                    used = fields(tmpl) | fields(reason_t)
                    ann = [(key, new, "set")] + ([(key, old, "from")] if "old" in used else [])
                    add_block(si, [turn(text, ann, tag=("set", key, i + 1))])
                elif t == "silent":
                    add_block(si, [turn(render(self.pick(S["silent"]), new=new),
                                        [(key, new, "set")], tag=("set", key, i + 1))])
                else:  # proposal in an earlier session, confirmation here
                    prev = pl["sets"][i]
                    cands = [x for x in range(prev + 1, si) if x not in occupied[key]]
                    ps = r.choice([x for x in cands if load[x] < 6] or cands)
                    occupied[key].add(ps)
                    add_block(ps, [turn(render(self.pick(S["propose"]), new=new), [(key, new, "alt")])])
                    tmpl = self.pick(S["confirm"])
                    ann = [(key, new, "set")] + ([(key, old, "from")] if "old" in fields(tmpl) else [])
                    add_block(si, [turn(render(tmpl, old=old, new=new), ann, tag=("set", key, i + 1))])

        def value_at(pl, si):
            idx = max(i for i, s in enumerate(pl["sets"]) if s < si)
            return pl["values"][idx]

        CAP = 9

        def free_sessions(key, lo, size, hi=None):
            hi = n if hi is None else hi
            return [x for x in range(lo, hi) if x not in occupied.get(key, ()) and load[x] + size <= CAP]

        # ---- optional subject events -----------------------------------------
        def n_subjects(lo, hi):
            return r.sample(changing, r.randint(lo, hi))

        for key in n_subjects(2, 4):  # rejected proposals (traps: value unchanged)
            S, pl = SUBJECTS[key], plans[key]
            after_last = free_sessions(key, pl["sets"][-1] + 1, 2)
            anywhere = free_sessions(key, pl["sets"][0] + 1, 2)
            opts = after_last if (after_last and r.random() < 0.7) else anywhere
            if not opts:
                continue
            si = r.choice(opts)
            occupied[key].add(si)
            cur, alt = value_at(pl, si), pl["alt"]
            rp = self.pick(S["reject_propose"])
            rr = self.pick(S["reject_reply"])
            ann2 = ([(key, cur, "restate")] if "cur" in fields(rr) else []) + \
                   ([(key, alt, "alt")] if "alt" in fields(rr) else [])
            add_block(si, [turn(render(rp, alt=alt), [(key, alt, "alt")], speaker="user"),
                           turn(render(rr, cur=cur, alt=alt), ann2, speaker="assistant")])

        for key in n_subjects(2, 4):  # clean-up / comparison remarks naming an old value
            S, pl = SUBJECTS[key], plans[key]
            i = r.randrange(1, len(pl["sets"]))
            opts = free_sessions(key, pl["sets"][i] + 1, 1)
            if not opts:
                continue
            si = r.choice(opts)
            occupied[key].add(si)
            old = pl["values"][i - 1]
            add_block(si, [turn(render(self.pick(S["old"]), old=old), [(key, old, "old")])])

        for key in n_subjects(2, 4):  # small talk with "now", no change, no value
            S, pl = SUBJECTS[key], plans[key]
            opts = free_sessions(key, pl["sets"][0] + 1, 1)
            if not opts:
                continue
            si = r.choice(opts)
            occupied[key].add(si)
            add_block(si, [turn(render(self.pick(S["now"])), [(key, None, "mention")])])

        for key in n_subjects(1, 3):  # in-session question answered with the value in force
            S, pl = SUBJECTS[key], plans[key]
            opts = free_sessions(key, pl["sets"][0] + 1, 2)
            if not opts:
                continue
            si = r.choice(opts)
            occupied[key].add(si)
            v = value_at(pl, si)
            add_block(si, [turn(render(self.pick(S["ask"])), [(key, None, "mention")], speaker="user"),
                           turn(render(self.pick(S["answer"]), v=v), [(key, v, "restate")], speaker="assistant")])

        for key in changing:  # passing mentions of the value in force
            S, pl = SUBJECTS[key], plans[key]
            for _ in range(r.choices([0, 1, 2], weights=[0.25, 0.5, 0.25])[0]):
                opts = free_sessions(key, pl["sets"][0] + 1, 1)
                if not opts:
                    break
                si = r.choice(opts)
                occupied[key].add(si)
                v = value_at(pl, si)
                add_block(si, [turn(render(self.pick(S["passing"]), v=v), [(key, v, "restate")])])

        # ---- stable subject (never changes) ------------------------------------
        S = SUBJECTS[stable_key]
        pool = S["values"] if isinstance(S["values"], list) else S["values"](P)
        sv = r.choice(pool)
        s0 = r.choice([x for x in range(n // 2 + 1) if load[x] < CAP] or list(range(n // 2 + 1)))
        occupied[stable_key] = {s0}
        add_block(s0, [turn(render(self.pick(S["first"]), v=sv), [(stable_key, sv, "set")],
                            tag=("set", stable_key, 0))])
        plans[stable_key] = dict(key=stable_key, values=[sv], alt=None, sets=[s0], types=[])
        if r.random() < 0.6:
            opts = free_sessions(stable_key, s0 + 1, 1)
            if opts:
                si = r.choice(opts)
                occupied[stable_key].add(si)
                add_block(si, [turn(render(self.pick(S["passing"]), v=sv), [(stable_key, sv, "restate")])])

        # ---- stable facts ----------------------------------------------------------
        fctx = dict(pctx, root=P["root"], ext=P["ext"], migdir=P["migdir"], slug=P["slug"],
                    domain=P["domain"], tk=P["tk"], n=r.randint(100, 999),
                    hash="".join(r.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8)),
                    test=r.choice(P["tests"]))
        mon = r.randrange(12)
        fctx.update(month=MONTHS[mon], month_l=MONTHS[mon].lower())
        facts = {}

        def place_fact(name, tmpl_list, annots_tag):
            opts = [x for x in range(n) if load[x] + 1 <= CAP] or list(range(n))
            si = r.choice(opts)
            text = self.pick(tmpl_list).format(**fctx)
            add_block(si, [turn(text, [], tag=("fact", annots_tag))])
            facts[annots_tag] = name

        asked = {}
        for cat, pool, k_ask, k_extra in (("decision", DECISIONS, 2, r.randint(0, 2)),
                                          ("preference", PREFERENCES, 2, r.randint(0, 2)),
                                          ("location", LOCATIONS, 1, r.randint(0, 1)),
                                          ("reference", REFERENCES, 1, r.randint(0, 1)),
                                          ("debugging", DEBUGGING, 1, r.randint(0, 1))):
            usable = [e for e in pool if e[2] is None or e[2](P)]
            picked = r.sample(usable, min(k_ask + k_extra, len(usable)))
            for j, (stmts, qs, _) in enumerate(picked):
                tag = f"{cat}{j}"
                place_fact(tag, stmts, tag)
                if j < k_ask:
                    asked[tag] = (cat, self.pick(qs).format(**fctx))

        # ---- multi-hop pair -----------------------------------------------------
        a_t, b_t, mq, _ = r.choice([m for m in MULTIHOP if m[3] is None or m[3](P)])
        owner_people = set(plans.get("owner", {}).get("values", [])) | {plans.get("owner", {}).get("alt")}
        city, tz = r.choice(CITIES)
        feature = r.choice(P["features"])
        mctx = dict(pctx, p=r.choice([p for p in P["people"] if p not in owner_people] or P["people"]),
                    comp2=P["comp2"], city=city, tz=tz, test=r.choice([t for t in P["tests"] if t != fctx["test"]]),
                    tk=P["tk"], n=r.randint(100, 999), feature=feature,
                    flag=feature.replace(" ", "_").replace("-", "_") + "_enabled",
                    script=r.choice(P["scripts"]), envvar=r.choice(P["envvars"]),
                    metric=r.choice(P["metrics"]), board=r.choice(P["boards"]), channel=r.choice(P["channels"]))
        sa = r.choice([x for x in range(n - 1) if load[x] < CAP] or list(range(n - 1)))
        sb = r.choice([x for x in range(sa + 1, n) if load[x] < CAP] or list(range(sa + 1, n)))
        add_block(sa, [turn(self.pick(a_t).format(**mctx), [], tag=("fact", "mhA"))])
        add_block(sb, [turn(self.pick(b_t).format(**mctx), [], tag=("fact", "mhB"))])
        mh_question = self.pick(mq).format(**mctx)

        # ---- assemble sessions ---------------------------------------------------
        out_sessions, all_turns = [], []
        for si in range(n):
            blocks = sessions[si]
            r.shuffle(blocks)
            body = sum(len(b) for b in blocks)
            has_closer = r.random() < 0.55 and body + 2 <= 12
            assert body + 1 + has_closer <= 12, (P["name"], si, body)
            target = r.randint(max(8, body + 1 + has_closer), 12)
            need = target - body - 1 - has_closer
            fill_blocks = []
            while need >= 2:
                fc = self.fill_ctx(P)
                u, a = self.filler_pair()
                fill_blocks.append([turn(u.format(**fc), speaker="user"),
                                    turn(a.format(**fc), speaker="assistant")])
                need -= 2
            if need == 1:
                fill_blocks.append([turn(self.pick(ACKS))])
            middle = blocks + fill_blocks
            r.shuffle(middle)
            if len(middle) > 1 and middle[0][0]["text"] in ACKS:  # no bare "OK" right after the opener
                middle.append(middle.pop(0))
            seq = [[turn(self.pick(OPENERS).format(**self.fill_ctx(P)), speaker="user")]] + middle
            if has_closer:
                seq.append([turn(self.pick(CLOSERS).format(**self.fill_ctx(P)))])
            turns = [t for b in seq for t in b]
            prev = None
            sid = f"{P['slug']}-s{si + 1:02d}"
            js_turns = []
            for ti, t in enumerate(turns):
                if t["speaker"] is None:
                    t["speaker"] = "assistant" if prev == "user" else "user"
                prev = t["speaker"]
                t["id"] = f"{P['slug']}-{si + 1:02d}-{ti + 1:02d}"
                t["session"], t["date"], t["order"] = si, dates[si], ti
                js_turns.append(dict(id=t["id"], speaker=t["speaker"], text=t["text"]))
                all_turns.append(t)
            out_sessions.append(dict(id=sid, date=dates[si].isoformat(), project=P["name"], turns=js_turns))

        # ---- questions -----------------------------------------------------------
        questions = self.questions(P, plans, changing, stable_key, all_turns, asked, mh_question, render)
        return out_sessions, questions

    # -- questions and evidence from the structured annotations --------------------
    def questions(self, P, plans, changing, stable_key, all_turns, asked, mh_question, render):
        r = self.rng
        pos = lambda t: (t["date"], t["order"])
        by_tag = {t["tag"]: t for t in all_turns if t["tag"]}

        def recs(key):
            return [(t, v, role) for t in all_turns for (k, v, role) in t["annots"] if k == key]

        def latest_set(key):
            sets = sorted((t for t, v, role in recs(key) if role == "set"), key=pos)
            return sets[-1]

        def current_evidence(key):
            pl = plans[key]
            last = latest_set(key)
            final = [v for t, v, role in recs(key) if t is last and role == "set"][0]
            # the structured plan and the rendered annotations must agree
            assert final == pl["values"][-1], (key, final, pl["values"])
            assert last is by_tag[("set", key, len(pl["values"]) - 1)]
            later = [(t, v, role) for t, v, role in recs(key) if pos(t) > pos(last)]
            assert not any(role == "set" for _, _, role in later), key
            ev = [last] + [t for t, v, role in later if role == "restate" and v == final]
            for t, v, role in later:
                if role == "restate":
                    assert v == final, (key, v, final)
            for t in ev:
                assert final in t["text"], (key, final, t["text"])
            return final, [t["id"] for t in ev]

        def past_evidence(key, value):
            ev = sorted({t["id"]: t for t, v, role in recs(key)
                         if v == value and role in ("set", "restate", "from", "old")}.values(), key=pos)
            assert ev and all(value in t["text"] for t in ev), (key, value)
            assert value != plans[key]["values"][-1]
            return [t["id"] for t in ev]

        qs = []

        def add(cat, text, ev):
            assert ev
            qs.append(dict(question=text[0].upper() + text[1:], evidence=ev, category=cat, project=P["name"]))

        pctx = {k: P[k] for k in PROJECT_FIELDS}
        fmt = lambda t: t.format(**pctx)

        # current state: 8, half with a tense word
        tensed = set(r.sample(changing, 4))
        for key in changing:
            S = SUBJECTS[key]
            _, ev = current_evidence(key)
            q = self.pick(S["q_now"] if key in tensed else S["q_plain"])
            add("current-state", fmt(q), ev)

        # past state: 4, intermediate values preferred where a subject changed twice or more
        multi = [k for k in changing if len(plans[k]["values"]) >= 3]
        single = [k for k in changing if len(plans[k]["values"]) == 2]
        r.shuffle(multi)
        r.shuffle(single)
        picks = (multi + single)[:4]
        for key in picks:
            S, vals = SUBJECTS[key], plans[key]["values"]
            if len(vals) >= 3 and r.random() < 0.6:
                add("past-state", fmt(self.pick(S["q_prev"])), past_evidence(key, vals[-2]))
            else:
                add("past-state", fmt(self.pick(S["q_orig"])), past_evidence(key, vals[0]))

        for tag, (cat, text) in sorted(asked.items()):
            add(cat, text, [by_tag[("fact", tag)]["id"]])

        # temporal: when did X last change, or which of two changed more recently
        if r.random() < 0.5:
            key = r.choice(changing)
            add("temporal", fmt(self.pick(SUBJECTS[key]["q_when"])), [latest_set(key)["id"]])
        else:
            for _ in range(100):
                a, b = r.sample(changing, 2)
                ta, tb = latest_set(a), latest_set(b)
                if ta["date"] != tb["date"]:
                    break
            la, lb = fmt(SUBJECTS[a]["label"]), fmt(SUBJECTS[b]["label"])
            text = self.pick([f"Which was changed more recently: the {la} or the {lb}?",
                              f"Did the latest change to the {la} happen before or after the latest change to the {lb}?"])
            add("temporal", text, sorted([ta["id"], tb["id"]]))

        add("multi-hop", mh_question, [by_tag[("fact", "mhA")]["id"], by_tag[("fact", "mhB")]["id"]])

        # stable: a subject that never changed
        S = SUBJECTS[stable_key]
        sv = plans[stable_key]["values"][0]
        ev = [t for t, v, role in recs(stable_key) if role in ("set", "restate")]
        assert sum(1 for _, _, role in recs(stable_key) if role == "set") == 1
        assert all(v == sv for t, v, role in recs(stable_key))
        add("stable", fmt(self.pick(S["q_plain"] + S["q_now"])), [t["id"] for t in sorted(ev, key=pos)])
        return qs

    # -- dataset ------------------------------------------------------------------
    def build(self):
        projects = self.rng.sample(PROJECTS, 5)
        sessions, questions = [], []
        for P in projects:
            s, q = self.project(P)
            sessions += s
            slug = P["slug"]
            for i, qq in enumerate(q):
                questions.append(dict(id=f"{slug}-q{i + 1:02d}", **qq))
        sessions.sort(key=lambda s: (s["date"], s["id"]))
        return dict(name=f"histories-blind-b-seed{self.seed}", sessions=sessions, questions=questions)


# ---------------------------------------------------------------------------
# Validation of the written format
# ---------------------------------------------------------------------------

CATEGORIES = ["current-state", "past-state", "decision", "preference", "location", "reference",
              "debugging", "temporal", "multi-hop", "stable"]


def validate(ds):
    assert set(ds) == {"name", "sessions", "questions"} and isinstance(ds["name"], str)
    turn_project, turn_ids, sess_ids = {}, set(), set()
    per_project = {}
    for s in ds["sessions"]:
        assert set(s) == {"id", "date", "project", "turns"}
        assert s["id"] not in sess_ids
        sess_ids.add(s["id"])
        dt.date.fromisoformat(s["date"])
        assert 6 <= len(s["turns"]) <= 12, (s["id"], len(s["turns"]))
        per_project.setdefault(s["project"], []).append(s)
        for t in s["turns"]:
            assert set(t) == {"id", "speaker", "text"}
            assert t["speaker"] in ("user", "assistant") and t["text"].strip()
            assert t["id"] not in turn_ids, t["id"]
            turn_ids.add(t["id"])
            turn_project[t["id"]] = s["project"]
    assert len(per_project) == 5
    for p, ss in per_project.items():
        assert 10 <= len(ss) <= 15, (p, len(ss))
        ds_ = sorted(dt.date.fromisoformat(s["date"]) for s in ss)
        assert 110 <= (ds_[-1] - ds_[0]).days <= 190, (p, ds_[0], ds_[-1])
        assert len(set(ds_)) == len(ds_)
    total = len(turn_ids)
    assert 600 <= total <= 900, total
    qids = set()
    for q in ds["questions"]:
        assert set(q) == {"id", "question", "evidence", "category", "project"}
        assert q["id"] not in qids
        qids.add(q["id"])
        assert q["category"] in CATEGORIES
        assert q["project"] in per_project
        assert q["evidence"] and len(set(q["evidence"])) == len(q["evidence"])
        for e in q["evidence"]:
            assert e in turn_project, (q["id"], e)
            assert turn_project[e] == q["project"], (q["id"], e)
    return total


def summary(ds):
    cats = {}
    for q in ds["questions"]:
        cats[q["category"]] = cats.get(q["category"], 0) + 1
    return dict(projects=len({s["project"] for s in ds["sessions"]}), sessions=len(ds["sessions"]),
                turns=sum(len(s["turns"]) for s in ds["sessions"]), questions=len(ds["questions"]),
                by_category={c: cats.get(c, 0) for c in CATEGORIES})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args(argv)
    ds = Gen(args.seed).build()
    validate(ds)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(ds, f, indent=1, ensure_ascii=False)
    print(json.dumps(summary(ds)), file=sys.stderr)


if __name__ == "__main__":
    main()
