"""Blind held-out recall dataset "E": four long-running coding-agent project histories.

The set simulates months of work sessions between a developer ("user") and a coding
agent ("assistant") on four fictional software projects:

* ``molarly``            - a Rails SaaS for dental clinics (reminders, claims, calendar)
* ``kestrel-platform``   - a Terraform/OpenTofu + EKS platform monorepo for a freight company
* ``parley``             - an Elixir/Phoenix chat backend for a community app
* ``fieldline-android``  - a Kotlin/Compose Android app for HVAC field technicians

Each project has 12-13 sessions spread over 7-9 months. Many facts change over
time (tools replaced, limits and versions bumped, owners handed over, regions moved,
schedules shifted, conventions reversed, experiments rolled back, proposals rejected,
same-day corrections, and new values that only show up in passing). Questions probe the
current state, earlier states, decisions, preferences, locations, references, debugging
history, timing and two-fact combinations. A question only searches the sessions of its
own project.

All texts are hand-written literals below; the script only assigns ids, resolves the
evidence labels to turn ids, validates the result and writes JSON.

Usage:
    python benchmarks/histories_blind_e.py -o OUT.json
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

DATASET_NAME = "histories_blind_e"

CATEGORIES = {
    "current-state",
    "past-state",
    "decision",
    "preference",
    "location",
    "reference",
    "debugging",
    "temporal",
    "multi-hop",
}


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str
    label: str | None = None


@dataclass(frozen=True)
class SessionSpec:
    date: str
    turns: list[Turn]


@dataclass(frozen=True)
class QuestionSpec:
    category: str
    question: str
    evidence: list[str]


@dataclass
class ProjectSpec:
    project: str
    prefix: str
    sessions: list[SessionSpec] = field(default_factory=list)
    questions: list[QuestionSpec] = field(default_factory=list)


def u(text: str, label: str | None = None) -> Turn:
    return Turn("user", text, label)


def a(text: str, label: str | None = None) -> Turn:
    return Turn("assistant", text, label)


def q(category: str, question: str, *evidence: str) -> QuestionSpec:
    return QuestionSpec(category, question, list(evidence))


# ---------------------------------------------------------------------------
# Project 1: molarly - Rails SaaS for dental clinics
# ---------------------------------------------------------------------------

MOLARLY = ProjectSpec(
    project="molarly",
    prefix="mol",
    sessions=[
        SessionSpec("2024-09-03T09:15:00Z", [
            u("Hey! Quick context before we start. This is Molarly, the Rails 7.1 app we sell to "
              "dental clinics: online booking, patient recall reminders and insurance claim "
              "exports. Ruby 3.2.2, Postgres 15, Sidekiq with Redis for background jobs, deployed "
              "on Heroku (two web dynos, one worker dyno). Can you look around and explain how the "
              "reminder flow works end to end?", "intro"),
            a("Here's the flow. It starts in app/services/reminders/scheduler.rb: a nightly "
              "sidekiq-cron entry (config/sidekiq_schedule.yml, 01:00) selects appointments "
              "starting within the next 48 hours and enqueues Reminders::DeliverJob per patient. "
              "DeliverJob renders the email from app/views/reminder_mailer/ and, for patients with "
              "sms_consent_at set, sends a text through Sms::TwilioClient "
              "(app/clients/sms/twilio_client.rb). One thing looks off: the window is computed "
              "with Time.zone, which is UTC in config/application.rb, not the clinic's own zone.",
              "flow"),
            u("Good catch on the timezone, park it for now. A few conventions while we're at it: "
              "business logic goes into service objects under app/services, not into models or "
              "controllers; keep models thin. And always use the binstubs, bin/rails and "
              "bin/rspec, never whatever global rails or rspec happens to be on the PATH.", "pref"),
            a("Understood: new logic goes in app/services/<domain>/ and I'll only call binstubs. "
              "The suite is RSpec with FactoryBot (factories in spec/factories). Want a baseline "
              "run?"),
            u("Yes please."),
            a("bin/rspec: 1,284 examples, 0 failures, 3 pending, 4m12s. The pending ones are the "
              "old Dentrix import specs marked xit."),
            u("Those can stay pending, the Dentrix importer gets rewritten next quarter. Reviews: "
              "Priya Raman looks at anything under app/services/billing and the claim exporters in "
              "app/exporters/claims. For everything else any single approval is fine.", "reviewer"),
            a("Shall I add Priya to CODEOWNERS for those two paths so GitHub requests her "
              "automatically?"),
            u("Yes, do it."),
            a("Done: .github/CODEOWNERS has `/app/services/billing/ @praman` and "
              "`/app/exporters/claims/ @praman`. Pushed on branch chore/codeowners, PR #402.",
              "codeowners"),
        ]),
        SessionSpec("2024-09-17T14:00:00Z", [
            u("Lakeview Dental in Phoenix complained that patients got their reminder texts around "
              "5pm the day before instead of in the morning, and a couple of patients got the same "
              "text twice. Ticket is MOL-212. Can you dig in?", "ticket"),
            a("Two separate problems. The odd send time: the scheduler builds its window with "
              "Time.zone, which is UTC, so the day boundary for an Arizona clinic falls at 5pm "
              "local. The double texts: DeliverJob has a 10-second Net::HTTP read timeout around "
              "the Twilio call. When Twilio was slow the message actually went out, but we hit the "
              "timeout, Sidekiq retried the job and the patient got a second copy. Nothing guards "
              "against sending twice.", "cause"),
            u("Fix both. For the double texts I don't want a longer timeout, I want the job to be "
              "safe to retry."),
            a("Plan: (1) loop over clinics and wrap the window calculation in "
              "Time.use_zone(clinic.time_zone) - the column already holds IANA names like "
              "America/Phoenix; (2) insert a reminder_deliveries row with status 'sending' before "
              "calling the provider, with a unique index on (appointment_id, channel), and skip "
              "when the row already exists. OK?"),
            u("Yep."),
            a("Done in app/services/reminders/scheduler.rb and app/jobs/reminders/deliver_job.rb, "
              "plus a migration for the unique index on reminder_deliveries(appointment_id, "
              "channel). New specs in spec/services/reminders/scheduler_spec.rb cover "
              "America/Phoenix and a DST-switching zone (America/Denver). Suite is green.", "fix"),
            u("Nice. Comment on MOL-212 and link the PR. Oh, and please squash-merge your PRs, I "
              "like one commit per PR on main.", "squash"),
            a("Commented on MOL-212 with the summary and PR #418, and squash-merged it once CI "
              "passed."),
            u("Random aside: is it normal that bin/rspec takes 4 minutes? Feels slow."),
            a("Most of it is the system specs running headless Chrome, roughly 2m40s. We could run "
              "them as a separate parallel CI job. Want me to look at that later?"),
            u("Later, yeah."),
        ]),
        SessionSpec("2024-10-08T10:30:00Z", [
            u("The Heroku Redis bill went up again. I've been reading about GoodJob, which runs on "
              "Postgres, so we could drop Redis entirely. What would it take?"),
            a("Redis is only used by Sidekiq and the Rails cache (:redis_cache_store). Moving jobs "
              "means switching the ActiveJob adapter, porting the sidekiq-cron schedule to "
              "GoodJob's cron config and replacing two `sidekiq_options retry: 5` calls. The cache "
              "can go to solid_cache. Sidekiq's web UI would be replaced by GoodJob's dashboard."),
            u("Let's do it, cache on solid_cache. The point is one less service to run and pay "
              "for, and jobs get enqueued in the same transaction as the records they belong to. "
              "Keep retries at 5.", "decision"),
            a("I've moved ActiveJob over to GoodJob: `config.active_job.queue_adapter = "
              ":good_job`, the cron entries live in config/initializers/good_job.rb (reminder "
              "scheduler still at 01:00), ApplicationJob has `retry_on StandardError, attempts: "
              "5`, and the dashboard is mounted at /admin/jobs behind the staff_admin constraint. "
              "The cache runs on solid_cache with its own migration, and sidekiq, sidekiq-cron and "
              "redis are out of the Gemfile.", "goodjob"),
            u("Procfile?"),
            a("The worker line reads `worker: bundle exec good_job start`. I also dropped "
              "REDIS_URL from .env.example."),
            u("Great. Once it's deployed I'll remove the Heroku Redis add-on myself."),
            a("Sounds good. The MOL-212 duplicate guard keeps working since it's database-based."),
            u("Cool, thanks."),
        ]),
        SessionSpec("2024-10-29T16:00:00Z", [
            u("Clinics say 48 hours ahead is too early, patients forget by the time the "
              "appointment comes around. Make it 24 hours.", "lead24"),
            a("Changed REMINDER_LEAD_TIME in app/services/reminders/scheduler.rb from 48.hours to "
              "24.hours and updated the spec."),
            u("Hmm, actually make that 36, not 24. The early-morning clinics want the reminder to "
              "land the evening before.", "lead36"),
            a("Set to 36.hours. The spec now asserts a 36-hour window from the nightly run, and I "
              "fixed the clinic settings copy that still said 'two days before'.", "lead36c"),
            u("Also the release schedule. We've been shipping on Tuesdays, but half the clinics do "
              "their weekly schedule review on Tuesday mornings. Move it to Thursdays.", "thu"),
            a("Updated docs/RELEASING.md (releases go out Thursdays after 14:00 ET) and changed "
              "the Slack reminder cron in .github/workflows/release-reminder.yml to "
              "`0 17 * * 4`.", "thuc"),
            u("While you're in there, what's the staging URL again? I always forget."),
            a("Staging is molarly-staging.herokuapp.com; review apps come up as "
              "molarly-pr-<number>.herokuapp.com.", "staging"),
            u("Thanks."),
        ]),
        SessionSpec("2024-11-19T11:00:00Z", [
            u("Heroku's new pricing is the last straw. Move us to Render: web service, background "
              "worker, Postgres. Staging too."),
            a("Drafted render.yaml at the repo root: molarly-web (2 instances), molarly-worker "
              "running `bundle exec good_job start`, and a managed Postgres 15 database. Preview "
              "environments for PRs are enabled. Env vars copied over from Heroku except the "
              "HEROKU_* ones. Shall I go ahead?"),
            u("Go ahead."),
            a("Production and staging both run on Render in the Oregon region. Staging is "
              "reachable at staging.molarly.app (CNAME to molarly-staging.onrender.com). DNS for "
              "app.molarly.app flipped at 22:10 UTC; the Heroku apps are in maintenance mode and "
              "scaled to zero, not deleted.", "render"),
            u("Keep the Heroku apps for two weeks, then delete them."),
            a("Added a step to docs/ops/render-migration.md to delete the Heroku apps on Dec 3."),
            u("Unrelated: dentists trying to attach full-mouth x-ray series bump into the 10 MB "
              "limit. What enforces that?", "upq"),
            a("Two places: the validation in app/models/radiograph.rb (`validates :file, size: { "
              "less_than: 10.megabytes }`) and a client-side check in "
              "app/javascript/controllers/upload_controller.js. Render itself has no body limit "
              "that low.", "uploc"),
            u("Leave it for now, I need to check storage costs first."),
        ]),
        SessionSpec("2024-12-10T09:45:00Z", [
            u("Morning. Dependabot keeps yelling about Ruby. Can you get us onto a current version "
              "while things are quiet?"),
            a("Here's where it ended up: .ruby-version and the Gemfile say 3.3.6, the CI image is "
              "ruby:3.3.6-slim and render.yaml pins RUBY_VERSION=3.3.6. nokogiri and bootsnap "
              "needed bumps. bin/rspec is green with 1,317 examples.", "ruby"),
            u("Sweet. Next: the compliance consultant says the idle timeout for clinic staff is "
              "too long. It's 30 minutes today. Drop it to 10.", "to10"),
            a("Set config.timeout_in = 10.minutes in config/initializers/devise.rb and added a "
              "warning modal at 8 minutes "
              "(app/javascript/controllers/session_timeout_controller.js)."),
            u("Also, I want the error emails to stop landing in my personal inbox."),
            a("They come from exception_notification in config/environments/production.rb, "
              "pointed at your address. We also have Rollbar set up (ROLLBAR_ACCESS_TOKEN is in "
              "the env). Want me to drop exception_notification and rely on Rollbar?"),
            u("Yes, rip it out."),
            a("Removed the gem and its config. Errors are reported only to Rollbar; the project is "
              "'molarly-prod' and notifications go to #molarly-alerts in Slack.", "rollbar"),
        ]),
        SessionSpec("2025-01-14T15:20:00Z", [
            u("Happy new year. The 10-minute timeout was a disaster: front desk staff get logged "
              "out in the middle of phone calls and three clinics opened tickets. Revert it to "
              "what we had before. The consultant agreed that's acceptable if the screen locks "
              "itself when nobody is at the desk.", "revert"),
            a("Reverted config.timeout_in to 30.minutes and moved the warning modal to 28 minutes. "
              "For the screen lock, do you mean a PIN overlay that doesn't end the session?",
              "revertc"),
            u("Exactly. PIN overlay after 5 minutes idle, no logout.", "pin"),
            a("Added app/javascript/controllers/screen_lock_controller.js: after 5 idle minutes it "
              "shows an overlay asking for the staff PIN, checked via POST /staff/pin_check. The "
              "session stays alive underneath."),
            u("Another thing: Priya moved to the data team last week. Billing PRs go to Tomás "
              "Garrido from now on.", "tomas"),
            a("Updated CODEOWNERS: /app/services/billing/ and /app/exporters/claims/ now map to "
              "@tgarrido, and @praman is removed from both lines.", "tomasc"),
            u("Thanks. Ugh, my coffee machine just died. This week is cursed."),
            a("Sorry to hear it. Anything else before you go hunt for caffeine?"),
            u("Nah, that's it."),
        ]),
        SessionSpec("2025-02-04T10:00:00Z", [
            u("Delta Dental is rejecting some of our claim PDFs because the procedure table wraps "
              "weirdly. Where is that generated?"),
            a("app/exporters/claims/ada_form_pdf.rb builds the ADA claim form with Prawn. The "
              "procedure table is drawn in #render_procedures with a fixed 60pt column for CDT "
              "codes, so longer codes wrap onto a second line.", "ada"),
            u("Widen it, and make sure tooth numbers don't wrap either."),
            a("Widened the CDT column to 72pt and the tooth number column to 40pt, narrowed the "
              "description column to compensate, regenerated the fixtures in spec/fixtures/claims/ "
              "and added a spec asserting that no cell wraps for the longest codes."),
            u("Good. Different thing: a patient at Maple Grove got her reminder text in Spanish "
              "although her profile says English. In the Plivo message log I can see it used the "
              "Spanish template id.", "plivo"),
            a("Found it. app/services/reminders/template_picker.rb looks the template up by "
              "patient.locale exactly. Hers is 'en-US' and we only have 'en' and 'es' templates, "
              "so the lookup missed and fell back to Maple Grove's clinic default, which is 'es'. "
              "I changed it to try the full locale, then the language part, then the clinic "
              "default.", "locale"),
            u("Makes sense. Ship it with the next regular release.", "ship"),
            a("Queued for the next release. While testing on staging I also attached a 22 MB "
              "panoramic image to an appointment and it went through fine, under the 25 MB "
              "radiograph cap.", "up25"),
            u("\U0001F44D"),
        ]),
        SessionSpec("2025-02-25T13:30:00Z", [
            u("Remember the slow spec run? Let's deal with it now."),
            a("Split .github/workflows/ci.yml into three parallel jobs: unit (models, services, "
              "jobs), request specs and system specs. Wall time dropped from 6m50s to 2m55s on "
              "GitHub Actions."),
            u("Nice."),
            a("Separate observation: Render's Oregon region adds roughly 70 ms for the East Coast "
              "clinics, which are most of our customers. Fly.io could run us in iad with Postgres "
              "right next to it. Want me to prototype a fly.toml?", "flyprop"),
            u("No. We just finished one hosting migration and I'm not doing another this year. We "
              "stay on Render. If latency becomes a real complaint, we'll look at Render's Ohio "
              "region.", "flyrej"),
            a("Understood. I wrote that down in docs/ops/hosting.md: Ohio is the fallback if "
              "latency complaints come in.", "hostingdoc"),
            u("Also, I changed my mind about merges. Squashing loses useful history. From now on "
              "rebase-and-merge, and keep commits tidy with conventional prefixes like feat:, "
              "fix:, chore:.", "merge"),
            a("Updated CONTRIBUTING.md: rebase-and-merge only, conventional commit prefixes. I "
              "can't change the GitHub setting myself, so you'll need to untick 'Allow squash "
              "merging' in the repo settings.", "mergec"),
            u("Done on my side."),
        ]),
        SessionSpec("2025-03-18T09:00:00Z", [
            u("Rails 8 has been out for a while. Can you do the upgrade? One PR if possible."),
            a("The upgrade is on branch chore/rails-8: Gemfile on rails 8.0.2, ran bin/rails "
              "app:update and kept our overrides, dropped two deprecated config lines. GoodJob 4.x "
              "works fine with it. One request spec (spec/requests/calendar_spec.rb) failed "
              "because of changed default headers; fixed.", "rails8"),
            u("And solid_cache?"),
            a("Already on the version Rails 8 expects. I didn't touch the job backend; Solid Queue "
              "wasn't in scope."),
            u("Correct, leave jobs alone."),
            a("OK. It's ready for review. It touches a Prawn-related initializer the claims code "
              "uses, so GitHub auto-requested the billing owner as well."),
            u("Fine. A dentist at Bright Smiles asked where the recall intervals are defined, like "
              "the 6-month cleaning recall. Remind me?"),
            a("Recall intervals are per procedure type in the recall_rules table, editable per "
              "clinic under Settings > Recall. Defaults are seeded from db/seeds/recall_rules.yml "
              "(D1110 cleaning: 6 months, D0210 full-mouth x-rays: 36 months).", "recall"),
            u("Thanks, I'll pass that on."),
        ]),
        SessionSpec("2025-04-08T14:10:00Z", [
            u("Today's release broke calendar drag-and-drop in Safari. Clinics on iPads can't "
              "reschedule appointments."),
            a("Reproduced on Safari 17 via BrowserStack. The new calendar_drag_controller.js reads "
              "clientX from the dragend event, and Safari reports 0 for touch-initiated drags, so "
              "every drop lands in the first column and gets rejected. Fix: use pointer events "
              "(pointerdown/pointermove/pointerup) instead of the HTML5 drag API.", "safari"),
            u("Do it and hotfix."),
            a("Pushed fix/calendar-pointer-events, rebased onto main and merged. Render deployed "
              "it at 15:02 ET; verified on a real iPad through BrowserStack.", "hotfix"),
            u("OK good. For the postmortem, where do those go again?"),
            a("Notion, under Engineering > Incidents. The last one is 'PM-2024-11 Render cutover "
              "DNS'. I drafted 'PM-2025-04 Safari calendar drag' with the timeline.", "pm"),
            u("Great. Also, the Grafana dashboard for reminder deliveries, I lost the link."),
            a("grafana.molarly.app/d/reminders-delivery: queued, sent and failed counts broken "
              "down by SMS provider, plus GoodJob queue latency.", "grafana"),
            u("Bookmarked."),
        ]),
        SessionSpec("2025-04-22T10:00:00Z", [
            u("Three East Coast clinics complained about sluggish calendar loads this week. Go "
              "with the fallback from the hosting doc.", "ohio"),
            a("Migrated the Render web service, worker and Postgres to the Ohio region. I used a "
              "logical replica for the cutover; downtime was 4 minutes at 05:00 ET. Median "
              "calendar response from Boston dropped from 310 ms to 190 ms, and render.yaml says "
              "region: ohio.", "ohioc"),
            u("Much better. Ines Duarte joins as a frontend contractor next week. Make her code "
              "owner for app/javascript so she reviews the Stimulus stuff."),
            a("Added `/app/javascript/ @iduarte` to CODEOWNERS. The billing and claims lines are "
              "unchanged."),
            u("Thanks. She'll need staging access too."),
            a("I can't create Render team invites from here, so you'll need to invite her under "
              "Team settings on Render. I added her to the checklist in docs/onboarding.md."),
            u("Will do. That's all for today."),
            a("Have a good one."),
        ]),
    ],
    questions=[
        q("current-state", "Which library processes Molarly's asynchronous jobs?", "goodjob"),
        q("current-state", "Who is the required reviewer for changes to the insurance claim "
          "export code?", "tomas", "tomasc"),
        q("current-state", "How many hours before an appointment does a patient's reminder go "
          "out?", "lead36", "lead36c"),
        q("current-state", "What Ruby version is the app running on these days?", "ruby"),
        q("current-state", "In which region is production hosted?", "ohioc"),
        q("current-state", "After how much inactivity is a clinic staff member signed out?",
          "revertc"),
        q("current-state", "On which day of the week do production deploys happen?",
          "thu", "thuc"),
        q("current-state", "What's the biggest x-ray file a dentist can attach to a patient "
          "record?", "up25"),
        q("current-state", "Which vendor currently sends the appointment text messages to "
          "patients?", "plivo"),
        q("current-state", "What merge strategy should be used for pull requests into main?",
          "merge", "mergec"),
        q("past-state", "What was the background job setup when the developer first described "
          "the stack?", "intro"),
        q("past-state", "Before January 2025, who was responsible for reviewing billing code?",
          "reviewer", "codeowners"),
        q("past-state", "Originally, how far ahead of an appointment did the nightly run pick "
          "patients to remind?", "flow"),
        q("past-state", "What was the staging address before the hosting move?", "staging"),
        q("decision", "Why did the team move the job queue off Redis?", "decision"),
        q("decision", "Why was the idea of moving to Fly.io turned down?", "flyrej"),
        q("decision", "What compromise was agreed to keep unattended front-desk computers secure "
          "without short logouts?", "pin"),
        q("preference", "Where does the developer want new business logic to go?", "pref"),
        q("preference", "How should the agent invoke Rails commands and the test runner?",
          "pref"),
        q("location", "Which file decides which appointments get a reminder each night?",
          "flow"),
        q("location", "Where are the default recall intervals for clinics seeded from?",
          "recall"),
        q("location", "Where is the code that draws the ADA claim form?", "ada"),
        q("reference", "Which ticket covered the Arizona clinic's complaint about reminder "
          "timing?", "ticket"),
        q("reference", "Where can I chart reminder send failures per SMS vendor?", "grafana"),
        q("debugging", "Why did some patients receive the identical reminder text twice?",
          "cause"),
        q("debugging", "Why was a Maple Grove patient messaged in Spanish even though she "
          "prefers English?", "locale"),
        q("debugging", "What broke rescheduling on iPads in April, and how was it fixed?",
          "safari"),
        q("temporal", "When did production cut over from Heroku to Render?", "render"),
        q("temporal", "When was the 10-minute idle logout undone?", "revert", "revertc"),
        q("multi-hop", "Who gets automatically asked to review a change to the file that "
          "renders the ADA claim PDF?", "ada", "tomasc"),
        q("multi-hop", "If nobody touches a front-desk computer, how many minutes pass between "
          "the PIN overlay appearing and the staff session expiring?", "pin", "revertc"),
        q("multi-hop", "On which weekday would the fix for the Spanish-reminder bug have reached "
          "production?", "ship", "thuc"),
    ],
)


# ---------------------------------------------------------------------------
# Project 2: kestrel-platform - Terraform/OpenTofu + EKS platform repo
# ---------------------------------------------------------------------------

KESTREL = ProjectSpec(
    project="kestrel-platform",
    prefix="kp",
    sessions=[
        SessionSpec("2024-05-06T08:30:00Z", [
            u("Hi! This is kestrel-platform, the infra monorepo for Kestrel Freight. Terraform "
              "1.5.7 for AWS (account roots under accounts/, shared modules under modules/), one "
              "EKS cluster per environment in us-east-1, all on Kubernetes 1.27. App teams deploy "
              "through ArgoCD from the gitops/ folder. Plans and applies run via Atlantis on PRs, "
              "and a single approval is enough to apply.", "intro"),
            a("Had a look. accounts/{prod,staging,shared}/ each call modules/eks-cluster, "
              "modules/vpc and modules/rds. State is in the S3 bucket kestrel-tfstate with the "
              "DynamoDB lock table tf-locks, and both the state bucket and RDS snapshots replicate "
              "to us-west-2 for DR. Kubernetes secrets live in gitops/*/secrets/ as SOPS-encrypted "
              "files using the KMS alias alias/sops-platform. Internal Helm charts are pushed by CI "
              "to ChartMuseum at https://charts.kestrel.internal.", "explore"),
            u("Right. Cluster scaling is the upstream cluster-autoscaler chart on m5.xlarge "
              "managed node groups. Ownership: Dana Whitfield owns modules/vpc and anything "
              "networking, I own the EKS modules. Alertmanager sends pages to PagerDuty, service "
              "'platform-primary'.", "owners"),
            a("Noted. One thing: modules/vpc pins the AWS provider to ~> 4.0 while "
              "modules/eks-cluster uses ~> 5.0. It works because the roots pin 5.x, but the vpc "
              "constraint is stale."),
            u("Fix the constraint, small PR."),
            a("Opened PR #88: modules/vpc/versions.tf now requires aws ~> 5.0. The Atlantis plan "
              "shows no changes in any account."),
            u("Two house rules for this repo: every module gets a README generated by "
              "terraform-docs, and no `count = var.enabled ? 1 : 0` tricks for toggling "
              "resources. Use for_each over a map, or split it into a separate module.", "pref"),
            a("Got it. The pre-commit config already has the terraform-docs hook, so READMEs "
              "regenerate on commit, and I'll avoid count-based toggles."),
        ]),
        SessionSpec("2024-05-21T13:00:00Z", [
            u("Finance flagged CloudWatch Logs as our third-biggest AWS line item. What retention "
              "do the EKS control plane and app log groups have?"),
            a("modules/eks-cluster/logging.tf sets retention_in_days = 30 on "
              "/aws/eks/<cluster>/cluster, and modules/app-logs/main.tf uses var.retention_days, "
              "default 30, for the Fluent Bit log groups.", "ret30"),
            u("Cut it to 7 days everywhere.", "ret7"),
            a("Changed both defaults to 7 and opened PR #95. Atlantis plan: 41 log groups updated "
              "in place."),
            u("Actually, make it 14, not 7. Security wants two weeks of lookback for incidents.",
              "ret14"),
            a("Updated PR #95 to 14 days for both the control-plane and the Fluent Bit log groups; "
              "the plan re-ran with the same 41 in-place updates.", "ret14c"),
            u("I'll approve after I look. When's the next maintenance window? I want to roll the "
              "prod node group AMIs then."),
            a("Per docs/runbooks/maintenance.md the window is Sundays 02:00-04:00 UTC, so the "
              "next one is May 26.", "mwold"),
            u("Good, schedule the AMI roll for then."),
            a("Prepared PR #96 bumping the node group AMI release version and labeled it "
              "`maintenance-window` so nobody applies it early."),
        ]),
        SessionSpec("2024-06-11T10:15:00Z", [
            u("1.27 is about to leave standard support. Let's get the clusters current, staging "
              "first."),
            a("Ran pluto against gitops/: two deprecated APIs, a PodDisruptionBudget on "
              "policy/v1beta1 (gitops/apps/billing-api) and an HPA on autoscaling/v2beta2 "
              "(gitops/apps/route-planner). Fixed both, then stepped staging 1.27 -> 1.28 -> 1.29 "
              "with addon bumps for vpc-cni, coredns and kube-proxy."),
            u("And prod?"),
            a("Prod went through the same two hops in today's change window. Both clusters report "
              "v1.29 on the control plane, node groups are on the 1.29 AMIs, and Argo shows every "
              "app Healthy and Synced.", "eks129"),
            u("Any surprises?"),
            a("One: coredns wouldn't schedule after the addon bump because our custom addon values "
              "still carried an `eks.amazonaws.com/compute-type: fargate` toleration and a "
              "matching node selector from an old Fargate experiment. Removing both fixed it. "
              "Documented in docs/runbooks/eks-upgrade.md.", "coredns"),
            u("Add this to that runbook: always run pluto before touching a cluster version.",
              "pluto"),
            a("Added a 'Pre-flight' section with `pluto detect-files -d gitops/` as step one."),
        ]),
        SessionSpec("2024-07-02T09:00:00Z", [
            u("Scale-ups are slow. cluster-autoscaler takes 3-4 minutes to add nodes when the "
              "route-planner batch jobs start at 06:00. Look into Karpenter."),
            a("Karpenter provisions instances directly through EC2 Fleet instead of resizing ASGs, "
              "usually in under a minute. We'd need the controller with an IRSA role, an SQS "
              "interruption queue, a NodePool and an EC2NodeClass, and one small managed node "
              "group to host the controller itself."),
            u("Do it on staging, then prod if it behaves. Allow spot in the default pool, it's "
              "mostly stateless stuff.", "spoton"),
            a("Karpenter v0.37 runs in both clusters. modules/karpenter/ holds the IAM role, SQS "
              "queue and helm_release; the 'default' NodePool allows c6i/m6i/r6i with both spot "
              "and on-demand capacity; the cluster-autoscaler chart is removed from "
              "gitops/platform/. The 06:00 batch scale-up took 48 seconds on staging this morning "
              "and 55 on prod.", "karpenter"),
            u("Awesome."),
            a("A managed node group called 'system' (2x m6i.large) remains for Karpenter itself, "
              "coredns and Argo."),
            u("Fine by me."),
        ]),
        SessionSpec("2024-07-23T15:45:00Z", [
            u("Bad night. billing-api lost both pods to spot interruptions during month-end "
              "invoicing and PagerDuty woke me at 3am. The PDB didn't help: both replicas sat on "
              "spot nodes that got reclaimed within the same two minutes.", "spotbug"),
            a("Confirmed in the Karpenter logs: interruption notices at 02:57 and 02:58 UTC for "
              "two nodes in us-east-1b, each hosting a billing-api replica. Options: (a) on-demand "
              "only for the default pool, (b) a tainted on-demand NodePool just for critical "
              "workloads, (c) spreading across zones plus more replicas."),
            u("Undo the spot change. I'm not debugging this again at month-end.", "spotoff"),
            a("The 'default' NodePool is restricted to karpenter.sh/capacity-type: on-demand, and "
              "Karpenter is replacing the spot nodes through drift. I also added "
              "topologySpreadConstraints across zones to billing-api's deployment as an extra "
              "safety net.", "spotoffc"),
            u("Good. Next: applies should need two approvals, not one. Too many surprise applies "
              "lately.", "two"),
            a("Branch protection on main requires 2 approving reviews, and atlantis.yaml keeps "
              "`apply_requirements: [approved, mergeable]`, so Atlantis blocks until both are in. "
              "CONTRIBUTING.md updated.", "twoc"),
            u("Thx."),
        ]),
        SessionSpec("2024-08-13T11:30:00Z", [
            u("Legal wants us off HashiCorp's Terraform binaries because of the BSL license "
              "change. What's needed to move to OpenTofu?", "legal"),
            a("Fairly mechanical, the state format is compatible. Install tofu in the Atlantis "
              "image and set it as the distribution, adjust required_version constraints, replace "
              "terraform in the pre-commit hooks and the Makefile, and re-run init per root to "
              "refresh the provider lock files from the OpenTofu registry."),
            u("Go ahead. Pin 1.8."),
            a("All roots plan and apply with OpenTofu 1.8.1: the Atlantis image is rebuilt "
              "(atlantis/Dockerfile), there's a .opentofu-version file at the root, every root "
              "module has required_version = \"~> 1.8\", the Makefile targets call tofu, and the "
              "lock files are regenerated. Plans are clean in all three accounts.", "tofu"),
            u("Sweet. terraform-docs still fine?"),
            a("Yes, it only parses HCL; the hook runs unchanged."),
            u("Cool. One more: the Sunday window is wrecking the on-call folks' weekends. Move it "
              "to Wednesdays, same hours.", "mw"),
            a("docs/runbooks/maintenance.md and the shared calendar say Wednesdays 02:00-04:00 "
              "UTC. I updated the `maintenance-window` label description too.", "mwc"),
        ]),
        SessionSpec("2024-09-03T14:00:00Z", [
            u("Secrets are a pain: rotating anything means re-encrypting SOPS files and opening a "
              "PR. Is there something better?"),
            a("External Secrets Operator with AWS Secrets Manager: values live in Secrets "
              "Manager, ExternalSecret resources in gitops/ reference them, and the operator "
              "syncs Kubernetes Secrets. Rotation becomes a Secrets Manager update. And since "
              "we'd be touching all of gitops/ anyway, should I evaluate replacing ArgoCD with "
              "Flux? Flux decrypts SOPS natively and is lighter.", "fluxprop"),
            u("ESO yes. Flux no: Argo's UI is what the app teams actually use to debug their "
              "deploys, and I'm not retraining 40 engineers. Argo stays.", "fluxrej"),
            a("ESO is in. modules/external-secrets/ creates an IRSA role scoped to "
              "kestrel/<env>/* secrets, gitops/platform/external-secrets/ installs the chart, and "
              "a ClusterSecretStore named 'aws-sm' points at Secrets Manager. I migrated all 23 "
              "SOPS files into Secrets Manager entries and replaced them with ExternalSecret "
              "manifests. The SOPS files are deleted and the KMS key is scheduled for deletion in "
              "30 days.", "eso"),
            u("30 days is fine, but make sure nothing else uses that KMS key."),
            a("CloudTrail shows Decrypt calls on it over the last 90 days only from the SOPS CLI "
              "in CI and on laptops. Nothing else."),
            u("Then fine."),
        ]),
        SessionSpec("2024-09-24T09:20:00Z", [
            u("Take the clusters to 1.30 next.", "to130"),
            a("Staging and prod run EKS 1.30 as of this morning; the pluto pre-flight was clean. "
              "Karpenter needed v1.0 for 1.30, so I upgraded it first. v1 renamed a few fields in "
              "the disruption block, which I migrated in modules/karpenter/nodepools.tf.",
              "to130c"),
            u("Nice. Did incident.io page anyone during the upgrade?", "incident"),
            a("One low-urgency incident: KubeAPIErrorBudgetBurn fired for 6 minutes during the "
              "prod control-plane update and auto-resolved. It posted to #platform-incidents; "
              "nobody got paged since it was low urgency."),
            u("That alert is pure noise during upgrades. Silence it during maintenance."),
            a("Added a time interval called 'maintenance-window' that mirrors the runbook "
              "schedule, plus a mute_time_intervals entry on the KubeAPIErrorBudgetBurn route in "
              "gitops/platform/monitoring/alertmanager.yaml.", "mute"),
            u("Perfect, thanks."),
        ]),
        SessionSpec("2024-10-15T16:10:00Z", [
            u("Kofi, who looks after the networking modules, wants VPC interface endpoints for ECR "
              "and STS so node traffic stops going through the NAT gateways. Can you prep that "
              "for his review?", "kofi"),
            a("Prepared PR #171: modules/vpc/endpoints.tf adds interface endpoints for ecr.api, "
              "ecr.dkr, sts and logs, plus an S3 gateway endpoint, with a security group allowing "
              "443 from the VPC CIDR. Review requested from @kofi-mensah. Estimated NAT data "
              "savings are around $1.1k a month based on last month's NAT bytes.", "endpoints"),
            u("Good. Someone asked where Argo pulls the route-planner chart from?"),
            a("gitops/apps/route-planner/application.yaml points at "
              "oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts, chart route-planner, "
              "version 3.4.2. The chart source is charts/route-planner/ and CI runs `helm push` "
              "on tags.", "oci"),
            u("Thanks. And the runbook for a NAT gateway failure?"),
            a("docs/runbooks/nat-failover.md. It covers repointing the private route tables to "
              "the NAT in another AZ via the nat_failover_az variable in accounts/prod/network.tf.",
              "natrb"),
            u("ok"),
        ]),
        SessionSpec("2024-11-05T10:00:00Z", [
            u("Finance again. Is there a cost dashboard I can point them at?"),
            a("Two options: Kubecost at https://kubecost.platform.kestrel.internal for "
              "per-namespace costs, and a QuickSight dashboard built on the CUR, 'Kestrel Infra "
              "Spend', linked from docs/cost.md.", "cost"),
            u("Send them the QuickSight one. Also, billing-api's RDS is Postgres 14 on "
              "db.r6g.xlarge. Time to go to 16?", "qs"),
            a("That's a major version upgrade. RDS blue/green deployments support it with about a "
              "minute of switchover. Plan: enable blue_green_update in the rds module and bump "
              "engine_version to 16.4."),
            u("Blue/green, but do the switchover in the maintenance window."),
            a("PR #184 sets engine_version = \"16.4\" and blue_green_update in "
              "accounts/prod/rds.tf. It carries the maintenance-window label, so it waits for the "
              "next window.", "rds"),
            u("Perfect."),
        ]),
        SessionSpec("2024-12-03T09:40:00Z", [
            u("The billing-api team says that after the Postgres 16 switchover they got "
              "'connection refused' errors for about 20 minutes, until they restarted their pods. "
              "Why?"),
            a("The switchover itself took 41 seconds. billing-api is a Java service and its base "
              "image leaves networkaddress.cache.ttl unset under a security manager, so the JVM "
              "cached the RDS endpoint's IP forever. After the endpoint moved to the new "
              "instance, HikariCP kept opening connections to the old IP. Restarting the pods "
              "cleared the cache.", "dnscause"),
            u("Fix?"),
            a("Added -Dsun.net.inetaddr.ttl=30 via JAVA_TOOL_OPTIONS in "
              "gitops/apps/billing-api/values.yaml and opened an issue on their repo to set "
              "networkaddress.cache.ttl=30 in the base image. Also wrote it up in "
              "docs/runbooks/rds-blue-green.md.", "dnsfix"),
            u("Thanks. Has anyone complained about the two-approval rule?"),
            a("Two PRs sat for a day waiting for a second reviewer. One option is to go back to a "
              "single approval for docs-only PRs using a path filter."),
            u("No, leave it as is. Docs-only PRs don't touch any Atlantis project anyway.",
              "keep2"),
            a("Right, docs changes don't match any Atlantis project directory, so they only need "
              "the normal GitHub review. Leaving it."),
            u("Unrelated: I'm out Dec 20 to Jan 6. Kofi covers platform on-call.", "oncall"),
            a("Noted. I'll hold non-urgent prod applies until you're back unless Kofi approves "
              "them."),
        ]),
        SessionSpec("2025-01-14T11:00:00Z", [
            u("DR test results are in: restoring took 3 hours because half our container images "
              "only existed in the primary region's ECR. Fix the setup so that can't happen; I'm "
              "fine with whichever region makes sense."),
            a("Done. DR targets us-east-2: ECR replication rules in modules/ecr/replication.tf "
              "copy every repository there, RDS automated backups replicate there, and the "
              "kestrel-tfstate bucket replicates to kestrel-tfstate-dr-use2. The old us-west-2 "
              "replicas stay read-only for 30 days. I picked us-east-2 for the ~12 ms round trip "
              "from us-east-1 and because the instance families our node pools use have more "
              "capacity there.", "dr"),
            u("Good call."),
            a("I also updated docs/runbooks/dr.md with the restore order: network, EKS, secrets, "
              "then Argo sync."),
            u("Secrets? Are those replicated too?"),
            a("Yes: the Secrets Manager entries under kestrel/prod/* have a replica in us-east-2, "
              "set through `replica { region = \"us-east-2\" }` in "
              "modules/external-secrets/secrets.tf.", "drsec"),
            u("Great."),
        ]),
        SessionSpec("2025-02-04T15:30:00Z", [
            u("PagerDuty's contract ends Feb 28. Is anything still pointing at it?"),
            a("gitops/platform/monitoring/alertmanager.yaml still defines a 'pagerduty-legacy' "
              "receiver, but no route uses it; every route goes to the incident.io webhook "
              "receiver. accounts/shared/pagerduty.tf also still manages the old service and its "
              "escalation policies. I can remove both.", "pd"),
            u("Remove both, let tofu destroy the PagerDuty objects."),
            a("PR #203 removes the receiver and accounts/shared/pagerduty.tf. Atlantis plan: 1 "
              "service and 2 escalation policies to destroy. Waiting on approvals."),
            u("Approved. Kofi will do the other one."),
            a("Kofi approved, and it's applied; the PagerDuty objects are gone."),
            u("Thanks, that's it for this week. Going to go shovel snow."),
            a("Good luck with the snow."),
        ]),
    ],
    questions=[
        q("current-state", "Which infrastructure-as-code tool executes the repo's changes these "
          "days?", "tofu"),
        q("current-state", "What Kubernetes minor version do the EKS clusters run?",
          "to130", "to130c"),
        q("current-state", "What adds worker nodes when pods can't be scheduled?", "karpenter"),
        q("current-state", "Can workloads in the default node pool land on spot instances?",
          "spotoff", "spotoffc"),
        q("current-state", "Which paging tool receives the platform's alerts now?",
          "incident", "pd"),
        q("current-state", "How many sign-offs does a PR need before Atlantis will apply it?",
          "two", "twoc"),
        q("current-state", "For how many days are CloudWatch log groups kept?",
          "ret14", "ret14c"),
        q("current-state", "When does the weekly maintenance window take place?", "mw", "mwc"),
        q("current-state", "Who currently owns the networking Terraform modules?",
          "kofi", "endpoints"),
        q("current-state", "Which AWS region serves as the disaster-recovery target?",
          "dr", "drsec"),
        q("past-state", "How were Kubernetes secrets stored in the repo before the operator-based "
          "setup?", "explore"),
        q("past-state", "Who owned the VPC module when the agent started on the repo?", "owners"),
        q("past-state", "What retention did the log groups have before finance complained?",
          "ret30"),
        q("past-state", "Which day of the week did the maintenance window originally fall on?",
          "mwold"),
        q("decision", "Why did the team refuse to switch the GitOps controller to Flux?",
          "fluxrej"),
        q("decision", "What was the reasoning for picking us-east-2 for disaster recovery?", "dr"),
        q("decision", "What prompted the move away from HashiCorp's binaries?", "legal"),
        q("preference", "How does the user want optional resources switched on and off inside "
          "modules?", "pref"),
        q("preference", "What does the user want done before any cluster version upgrade?",
          "pluto"),
        q("location", "Where's the runbook for a NAT gateway outage?", "natrb"),
        q("location", "Which file holds the Karpenter node pool definitions?", "to130c"),
        q("location", "Where is the Alertmanager configuration kept in the repo?", "mute", "pd"),
        q("reference", "Which dashboard was finance sent to for infrastructure spend?",
          "cost", "qs"),
        q("reference", "Which pull request introduced the private endpoints for ECR and STS?",
          "endpoints"),
        q("debugging", "Why did billing-api lose both replicas at once during month-end?",
          "spotbug"),
        q("debugging", "What caused the 'connection refused' errors after the database "
          "switchover, and how was it fixed?", "dnscause", "dnsfix"),
        q("debugging", "Why wouldn't coredns schedule after the 1.29 addon bump?", "coredns"),
        q("temporal", "When did both clusters reach Kubernetes 1.29?", "eks129"),
        q("temporal", "When was spot capacity removed from the default pool?", "spotoffc"),
        q("multi-hop", "On which day and at what hours is the KubeAPIErrorBudgetBurn alert "
          "muted?", "mute", "mwc"),
        q("multi-hop", "Who covered platform on-call over the holidays, and which part of the "
          "repo does that person own?", "oncall", "kofi"),
        q("multi-hop", "The service that lost both pods to spot reclaims uses which Postgres "
          "major version after its database upgrade?", "spotbug", "rds"),
    ],
)


# ---------------------------------------------------------------------------
# Project 3: parley - Elixir/Phoenix chat backend
# ---------------------------------------------------------------------------

PARLEY = ProjectSpec(
    project="parley",
    prefix="pc",
    sessions=[
        SessionSpec("2024-02-05T10:00:00Z", [
            u("Hi! The project is parley, the chat backend behind the Huddle community app. "
              "Elixir 1.15 on OTP 26, Phoenix 1.7 channels for the realtime part, Ecto on "
              "Postgres 14 (RDS in eu-west-1), Oban for background jobs. It runs on Fly.io as "
              "three machines in ams, clustered with libcluster. Can you get oriented and run the "
              "tests?", "intro"),
            a("Oriented. lib/parley_web/channels/room_channel.ex handles join, new_msg and "
              "typing; lib/parley/chat/ is the context for messages, rooms and memberships. "
              "Phoenix.PubSub runs with the default PG adapter over distributed Erlang, and "
              "libcluster uses the DNSPoll strategy against parley.internal. Attachments go to "
              "the S3 bucket parley-attachments through ExAws. `mix test`: 612 tests, 0 failures, "
              "38.4s.", "explore"),
            u("Good. Limits you should know: message bodies max out at 4000 characters, the rate "
              "limit is 20 messages per 10 seconds per user via Hammer, and free communities keep "
              "message history for 90 days; a nightly Oban job prunes the rest.", "limits"),
            a("Found them: `validate_length(:body, max: 4000)` in lib/parley/chat/message.ex; the "
              "Hammer bucket \"msg:#{user_id}\" with a 10_000 ms scale and limit 20 in "
              "room_channel.ex's handle_in; and Parley.Workers.PruneMessages, scheduled at 03:30 "
              "UTC by Oban's Cron plugin in config/runtime.exs.", "limitsloc"),
            u("House rules: small contexts with explicit public APIs, and no Repo calls from the "
              "web layer, ever. For external HTTP clients we use Mox behaviours in tests.", "pref"),
            a("Understood. Parley.Push.Client and Parley.Moderation.Client both have behaviours "
              "with Mox mocks defined in test/support/mocks.ex."),
            u("Marta reviews anything touching channels or presence, she wrote most of it.",
              "marta"),
            a("Noted, I'll request @marta-k on PRs under lib/parley_web/channels and "
              "lib/parley/presence.ex."),
        ]),
        SessionSpec("2024-02-20T14:30:00Z", [
            u("Users report the typing indicator gets stuck on 'Alex is typing...' forever, "
              "mostly on mobile."),
            a("Reproduced. Typing state is stored in the Presence meta. When the app is "
              "backgrounded the socket dies without a typing:stop, and the mobile SDK rejoins "
              "with the same presence key before the server notices the old socket is gone (the "
              "websocket transport timeout is 60 seconds), so the rejoin inherits the stale "
              "typing: true meta.", "cause"),
            u("What's the fix?"),
            a("Stop keeping typing state on the server. Broadcast typing as ephemeral events with "
              "expires_in: 6 seconds, have clients re-send every 3 seconds while the user types, "
              "and drop the typing field from the Presence meta. Changes go in room_channel.ex "
              "and lib/parley/presence.ex, plus a protocol note for the mobile team.", "fix"),
            u("Do it. The mobile team's spec is PROTOCOL.md in the parley-protocol repo.",
              "protocol"),
            a("Done: PR #142 here and PR #31 on parley-protocol updating the typing section of "
              "PROTOCOL.md. Tagged Marta on #142."),
            u("Cool. Side quest: can we get the test suite under 30 seconds?"),
            a("41 test modules had async: false without needing it. Turning async on wherever the "
              "Ecto sandbox allows brings `mix test` down to 24.9s."),
            u("\U0001F64C"),
        ]),
        SessionSpec("2024-03-12T09:00:00Z", [
            u("Can you get us onto the latest Elixir and clean up deprecations?"),
            a("We're on Elixir 1.16.2 with OTP 26.2: .tool-versions, the Dockerfile builder image "
              "(hexpm/elixir:1.16.2-erlang-26.2.3-debian-bookworm) and the CI matrix all match. "
              "Fixed six deprecated Logger.warn/1 calls.", "e116"),
            u("Great. Bigger thing: we want machines in iad for US users, and Fly's private "
              "network between regions has been flaky for distributed Erlang. Someone suggested "
              "the Redis PubSub adapter so broadcasts don't need a full mesh."),
            a("That works: phoenix_pubsub_redis sends broadcasts through Redis, so cross-region "
              "nodes don't need an Erlang connection for PubSub. Presence rides on PubSub too, so "
              "its sync traffic would also go through Redis and get chattier. Upstash Redis on "
              "Fly is the easy option."),
            u("Try it."),
            a("Parley.PubSub runs on Phoenix.PubSub.Redis with Upstash ('parley-pubsub' in ams, "
              "replica in iad), node_name taken from FLY_MACHINE_ID. Two machines added in iad. "
              "libcluster stays for now, but broadcasts don't depend on it anymore.", "redis"),
            u("Let's watch it for a couple of weeks."),
        ]),
        SessionSpec("2024-04-02T16:20:00Z", [
            u("The Redis PubSub experiment isn't working. p95 fan-out went from ~40 ms to ~180 ms "
              "and Upstash billed us for 900M commands. Put PubSub back the way it was.", "revert"),
            a("Parley.PubSub is on the default PG adapter over distributed Erlang again, and the "
              "Upstash database is deleted. To make cross-region clustering sturdier I pinned the "
              "distribution port range and raised net_ticktime to 90 in rel/vm.args.eex. p95 "
              "fan-out is back to 42 ms inside ams and 95 ms cross-region.", "revertc"),
            u("Good. Another one: people paste entire logs into chat. Cap messages at 2000.",
              "l2000"),
            a("Set validate_length(:body, max: 2000) in message.ex; the body_too_long error "
              "payload now includes the limit."),
            u("Hmm, actually 2500, not 2000. Moderation says some legit announcements run around "
              "2200.", "l2500"),
            a("Changed to max: 2500; the test checks that 2500 characters pass and 2501 fail.",
              "l2500c"),
            u("Thanks."),
        ]),
        SessionSpec("2024-04-23T11:10:00Z", [
            u("S3 egress for attachments is ugly. Have a look at Cloudflare R2."),
            a("R2 is S3-compatible, so ExAws works with a custom host. Plan: new bucket, dual "
              "reads (R2 first, S3 fallback) while a backfill copies objects, then cut over."),
            u("Go."),
            a("Attachments are written to the R2 bucket 'parley-attachments' (endpoint from "
              "R2_ENDPOINT in config/runtime.exs). Reads try R2 first and fall back to S3; "
              "Parley.Workers.BackfillAttachments copied 1.9M objects in about 3 hours. Once "
              "you're happy I'll remove the S3 fallback.", "r2"),
            u("Remove the fallback next week. Also testing: I've gone off Mox for HTTP clients, "
              "too much ceremony for what are basically Req calls. From now on use Req.Test stubs "
              "for HTTP clients and keep Mox only for behaviours that aren't HTTP.", "reqtest"),
            a("Converted Parley.Moderation.Client to Req with `plug: {Req.Test, "
              "Parley.Moderation.Client}` in the test config and replaced its Mox expectations. "
              "Parley.Push.Client stays on Mox because it wraps Pigeon, not HTTP.", "reqtestc"),
            u("Right, leave push on Mox."),
        ]),
        SessionSpec("2024-05-14T13:45:00Z", [
            u("Community managers running AMAs hit the rate limit all the time. Loosen it a bit."),
            a("The Hammer limit in room_channel.ex is 30 messages per 10 seconds per user; the "
              "scale stays 10_000 ms. Users with the :mod role skip the check entirely, since "
              "they're the ones answering during AMAs.", "rate"),
            u("Good. Push reliability next: iOS users sometimes miss notifications."),
            a("Pigeon's APNs connection breaks once its provider token expires after about an "
              "hour idle; we reconnect lazily, but the first push after the idle period fails. I "
              "can add a reconnect-and-retry on {:error, :expired_provider_token}. Alternatively "
              "we could hand all push to OneSignal and drop Pigeon; they handle token refresh, "
              "segments and analytics.", "onesprop"),
            u("No OneSignal. Their per-user pricing would cost more than our entire Fly bill, and "
              "I don't want message previews going through another vendor. Keep Pigeon and add "
              "the retry.", "onesrej"),
            a("Pigeon stays. The retry is in lib/parley/push/apns.ex, and there's a telemetry "
              "event [:parley, :push, :retry] so we can see how often it fires.", "apns"),
            u("\U0001F44D"),
        ]),
        SessionSpec("2024-06-04T10:30:00Z", [
            u("The push notifications queue backs up during big events; 10 workers isn't enough. "
              "Make it 25.", "oban"),
            a("config/config.exs now has notifications: 25, default: 10, pruning: 2 for the Oban "
              "queues. Deployed; tonight's event will tell us if it holds.", "obanc"),
            u("Also, Marta's on parental leave from next week until October, and Jun knows the "
              "presence code better than anyone now. Jun reviews channel and presence PRs from "
              "here on.", "jun"),
            a("Updated .github/CODEOWNERS: lib/parley_web/channels/ and lib/parley/presence.ex "
              "map to @jun-park, and Marta's line is removed.", "junc"),
            u("Wish her well when you see her in PRs, lol."),
            a("Will do. Anything else?"),
            u("No, gotta run to standup."),
        ]),
        SessionSpec("2024-06-25T15:00:00Z", [
            u("The prune job ran 40 minutes last night and blocked writes on messages for a "
              "while. It deletes everything older than a year for free communities, and that "
              "table is huge.", "prune"),
            a("PruneMessages issues one big DELETE for free-community messages older than 365 "
              "days. I'll batch it by primary-key ranges of 5,000 rows with a short pause between "
              "batches, and add an index on (community_id, inserted_at) if it's missing."),
            u("Probably missing. Check Crunchy Bridge's query insights, the cluster is "
              "parley-prod.", "crunchy"),
            a("Crunchy Bridge insights for parley-prod confirm it: the DELETE does a sequential "
              "scan and there's no (community_id, inserted_at) index. Added it with CREATE INDEX "
              "CONCURRENTLY in a migration with @disable_ddl_transaction true, and the worker "
              "deletes in batches now. Tonight's run should take a few minutes.", "prunefix"),
            u("Nice."),
            a("Side note: that cluster allows 100 connections and we run pool_size 15 on 5 "
              "machines, so at most 75 are in use. Headroom is fine.", "headroom"),
            u("Good to know."),
        ]),
        SessionSpec("2024-07-16T09:15:00Z", [
            u("Mobile team says users on subway connections get dropped a lot."),
            a("The websocket transport in lib/parley_web/endpoint.ex had timeout: 60_000, and the "
              "mobile SDK heartbeats every 30 seconds, so two missed heartbeats killed the "
              "connection. I raised the transport timeout to 90_000 so it tolerates two missed "
              "heartbeats plus jitter; the client interval is untouched.", "timeout"),
            u("OK. And Elixir 1.17 is out; go to 1.17 while you're in there.", "e117"),
            a("Bumped to Elixir 1.17.2 on OTP 27.0 in .tool-versions, the Dockerfile builder "
              "image and CI. We keep Jason rather than OTP 27's new :json module. One test broke "
              "on a new type-checker warning about an unreachable clause in "
              "Parley.Chat.format_mention/1; fixed.", "e117c"),
            u("Perfect."),
            a("I'll rebuild the release on Fly next; the machines in ams and iad will "
              "rolling-deploy."),
            u("Go."),
        ]),
        SessionSpec("2024-08-06T14:00:00Z", [
            u("Product wants message search. Postgres full-text, or something else?"),
            a("At our volume (~40M messages) Postgres FTS with a generated tsvector column and a "
              "GIN index is fine. Meilisearch would give typo tolerance but it's another service "
              "to run. I'd start with Postgres."),
            u("Agreed, Postgres FTS. No new services.", "fts"),
            a("Added messages.search_vector as a generated column using to_tsvector('simple', "
              "body), a GIN index built concurrently, and Parley.Chat.search_messages/3 scoped to "
              "rooms the user belongs to. Endpoint: GET /api/rooms/:id/messages/search?q=.",
              "ftsdone"),
            u("Why 'simple' and not 'english'?"),
            a("A lot of Huddle communities are German, Spanish or Portuguese; English stemming "
              "would mangle their words. 'simple' only lowercases and splits.", "simple"),
            u("Makes sense. Oh, is the old S3 attachments bucket safe to delete?"),
            a("Yes. The fallback read path was removed in May and the bucket's access logs show "
              "zero GETs for 60 days. I emptied and deleted it and removed its Terraform in "
              "infra/s3.tf.", "s3gone"),
            u("Great."),
        ]),
        SessionSpec("2024-09-03T10:45:00Z", [
            u("Incident yesterday: after a network blip between ams and iad, the online member "
              "counts doubled in some rooms. Postmortem ticket is PAR-388.", "ticket"),
            a("Presence itself healed fine after the split, but the member count doesn't come "
              "from Presence. Parley.Chat.RoomStats keeps an ETS counter per node, incremented "
              "on join and decremented on terminate, and a nodedown handler re-counted the iad "
              "users as joins on the ams side. When the nodes reconnected, those users were "
              "counted twice.", "cause2"),
            u("So derive it from Presence?"),
            a("Yes. RoomStats computes the count as map_size(Presence.list(topic)), cached for 2 "
              "seconds per topic. The ETS counter and the nodedown handler are gone. "
              "test/parley/chat/room_stats_test.exs simulates a split with two local nodes via "
              ":peer.", "fix2"),
            u("Write it up on PAR-388 please."),
            a("Added root cause and fix to PAR-388 and linked PR #311."),
            u("Thanks. Where's the Grafana board for fan-out latency again?"),
            a("grafana.huddle.dev/d/parley-fanout, the 'Broadcast p95 by region' panel.",
              "grafana"),
            u("Thx."),
        ]),
        SessionSpec("2024-09-24T16:30:00Z", [
            u("Marta's coming back early, next week. She'll take the moderation service though, "
              "not channels."),
            a("OK. Channels and presence stay as they are in CODEOWNERS. Want me to add her for "
              "lib/parley/moderation/?"),
            u("Yes."),
            a("Added `/lib/parley/moderation/ @marta-k` to CODEOWNERS.", "martamod"),
            u("Also, product asked whether the character cap on messages could differ per "
              "community."),
            a("Not today, it's a constant in message.ex. We could move it to a "
              "communities.max_message_length column with the current limit as the default."),
            u("Park it, write a ticket."),
            a("Created PAR-402 'Per-community message length limit' with a short design sketch.",
              "par402"),
            u("Thanks, have a good week."),
        ]),
    ],
    questions=[
        q("current-state", "Which Elixir version does parley build with?", "e117", "e117c"),
        q("current-state", "What carries PubSub broadcasts between the backend's nodes today?",
          "revertc"),
        q("current-state", "What's the maximum length of a chat message body?",
          "l2500", "l2500c"),
        q("current-state", "How long is message history kept for communities on the free "
          "plan?", "prune"),
        q("current-state", "How many messages may an ordinary member post within a ten-second "
          "span?", "rate"),
        q("current-state", "What is the concurrency of the Oban queue that sends push "
          "notifications?", "oban", "obanc"),
        q("current-state", "Where does the production Postgres database run these days?",
          "crunchy", "prunefix"),
        q("current-state", "Who should review a change to the room channel code?", "jun", "junc"),
        q("current-state", "How long can a websocket go silent before the server drops it?",
          "timeout"),
        q("current-state", "Which object store holds user-uploaded files now?", "r2"),
        q("past-state", "Where was the database hosted when the project started?", "intro"),
        q("past-state", "What character limit did messages have at the start?",
          "limits", "limitsloc"),
        q("past-state", "Who reviewed channel and presence work before the June handover?",
          "marta"),
        q("past-state", "Before the subway-drop complaints, after how many seconds without a "
          "heartbeat did the server cut a socket?", "cause", "timeout"),
        q("decision", "Why was the Redis-backed broadcast experiment abandoned?", "revert"),
        q("decision", "Why did the user reject OneSignal?", "onesrej"),
        q("decision", "Why does the search column use the 'simple' text search configuration?",
          "simple"),
        q("preference", "What's the rule about database access from controllers and channels?",
          "pref"),
        q("preference", "How should new tests fake outbound HTTP requests?",
          "reqtest", "reqtestc"),
        q("location", "Which module deletes old messages, and when does it run?", "limitsloc"),
        q("location", "Where is the APNs reconnect-and-retry code?", "apns"),
        q("location", "Which file configures the websocket transport's timeout?", "timeout"),
        q("reference", "What ticket holds the postmortem for the doubled online counts?",
          "ticket"),
        q("reference", "Where is the realtime protocol spec that the mobile team follows?",
          "protocol"),
        q("reference", "Which Grafana board shows broadcast latency per region?", "grafana"),
        q("debugging", "Why did the 'is typing' indicator get stuck, and how was it fixed?",
          "cause", "fix"),
        q("debugging", "Why was the nightly cleanup so slow in June, and what fixed it?",
          "prunefix"),
        q("debugging", "What caused room member counts to double after the network split?",
          "cause2"),
        q("temporal", "When did PubSub go back to the default adapter?", "revertc"),
        q("temporal", "When did new attachments start landing on Cloudflare?", "r2"),
        q("multi-hop", "Since Marta's return, who reviews moderation code, and who reviews the "
          "channel code she originally wrote?", "martamod", "junc"),
        q("multi-hop", "Which ticket proposes making the message length configurable, and what "
          "would its default be?", "par402", "l2500c"),
        q("multi-hop", "Which Fly regions run backend machines, and what links them for "
          "broadcasts?", "redis", "revertc"),
    ],
)


# ---------------------------------------------------------------------------
# Project 4: fieldline-android - Kotlin Android field-service app
# ---------------------------------------------------------------------------

FIELDLINE = ProjectSpec(
    project="fieldline-android",
    prefix="fa",
    sessions=[
        SessionSpec("2024-10-07T08:45:00Z", [
            u("Hi, this is Fieldline, our Android app for HVAC field technicians: daily job list, "
              "navigation to sites, checklists, photos, customer signatures. Kotlin 1.9.22, "
              "Jetpack Compose, Hilt with kapt, Room for the offline store, Retrofit against "
              "https://api.fieldline.io/v1/. minSdk 24, targetSdk 34. CI is Bitrise with Fastlane "
              "lanes for the internal and production tracks.", "intro"),
            a("Looked around. Modules: :app, :core:data (Room and repositories), :core:network "
              "(Retrofit, OkHttp interceptors), :feature:jobs, :feature:checklist, "
              ":feature:camera and :feature:map. The map screen uses Google Maps via maps-compose "
              "4.3, Firebase Crashlytics is initialised in FieldlineApp.onCreate, and periodic "
              "sync is a WorkManager PeriodicWorkRequest in "
              "core/data/src/main/java/io/fieldline/data/sync/SyncScheduler.kt running every 15 "
              "minutes with a network-connected constraint.", "explore"),
            u("Yup. Process: we release every two weeks, Thursday builds go to the internal track "
              "first, and Leila Haddad does QA sign-off before anything is promoted to "
              "production. Also, cached job data older than 7 days is purged from the device.",
              "rules"),
            a("Found the purge in JobCacheCleaner (core/data/.../cache/JobCacheCleaner.kt, "
              "MAX_AGE = 7.days). The production lane in fastlane/Fastfile is gated on a manual "
              "Bitrise approval step."),
            u("My preferences: ViewModels expose a single StateFlow<UiState>, no LiveData in new "
              "code. And every user-visible text goes in string resources, even on debug screens, "
              "because we ship Spanish and French.", "pref"),
            a("Got it: one UiState StateFlow per screen, no LiveData, all text in strings.xml "
              "with values-es and values-fr translations."),
            u("Run the unit tests to see where we are?"),
            a("./gradlew testDebugUnitTest: 438 tests, 2 failures in ChecklistValidatorTest. Both "
              "assert on an English error message that was reworded last week. Should I switch "
              "the assertions to the resource id?"),
            u("Yes."),
            a("Fixed, all 438 pass."),
        ]),
        SessionSpec("2024-10-22T13:20:00Z", [
            u("Techs around Denver say photos don't upload from sites with bad signal. The job "
              "shows as synced, but the office never sees the photos."),
            a("Found it. PhotoUploadWorker marks a photo uploaded as soon as Retrofit returns, "
              "but our RetryInterceptor swallows the SocketTimeoutException on its third attempt "
              "and returns a synthetic 204 response, so the worker treats a failed upload as "
              "success.", "cause"),
            u("Ugh. Who writes a synthetic 204?"),
            a("git blame points to a 2023 PR meant only for the ping endpoint, but the "
              "interceptor was added to the shared OkHttpClient. I scoped it to the ping client, "
              "made PhotoUploadWorker return Result.retry() on IOException with exponential "
              "backoff starting at 30 seconds, and only mark a photo uploaded when the response "
              "body contains its server id.", "fix"),
            u("Good. While you're in there, what are our photo settings?"),
            a("CameraX capture, then PhotoCompressor scales to at most 1600 px on the long edge "
              "and encodes JPEG at quality 85. The average file is about 450 KB.", "photo"),
            u("Fine for now."),
        ]),
        SessionSpec("2024-11-12T10:00:00Z", [
            u("Analytics say under 0.4% of devices are below Android 8, and the company-issued "
              "phones are all Android 12 or newer. Raise it to 26.", "min26"),
            a("minSdk is 26 in build-logic/convention/src/main/kotlin/AndroidConventions.kt, "
              "which every module reads. I removed the java.time desugaring we only needed for "
              "API 24/25 and the legacy launcher icon PNGs.", "min26c"),
            u("Nice cleanup."),
            a("While I was in the build logic: kapt is the slowest part of the build (Hilt and "
              "Room). We could move both to KSP. Separately, Koin instead of Hilt would remove "
              "annotation processing for DI altogether."),
            u("KSP yes, but together with the Kotlin 2 upgrade. Koin no: Hilt's compile-time "
              "graph checks have caught real bugs for us, and I don't want DI failing at runtime "
              "on a tech's phone in somebody's basement.", "koin"),
            a("Understood, Hilt stays; I'll plan KSP alongside Kotlin 2.0."),
            u("Also the Bitrise bill. Can CI move to GitHub Actions? We pay for it anyway."),
            a("Yes, I'll port the workflows; the Fastlane lanes can stay as they are."),
        ]),
        SessionSpec("2024-12-03T09:30:00Z", [
            u("Where are we with the CI move?"),
            a("CI runs on GitHub Actions: .github/workflows/android.yml does lint, unit tests and "
              "assembleRelease on PRs; release.yml runs `fastlane internal` on v* tags; promotion "
              "to production is a manual workflow_dispatch guarded by a 'production' environment "
              "approval. The upload keystore lives in the encrypted secret "
              "FIELDLINE_UPLOAD_KEYSTORE_B64. The Bitrise app is disconnected but not deleted.",
              "gha"),
            u("Great. Ops wants fixes out faster, so let's ship weekly instead.", "weekly"),
            a("RELEASING.md describes a weekly train: cut on Wednesday, internal track Wednesday "
              "evening, production on Thursday after QA sign-off. The scheduled workflow "
              "release-cut.yml runs every Wednesday at 07:00 UTC.", "weeklyc"),
            u("\U0001F44D Also it's freezing here, the office heating broke. Ironic for an HVAC "
              "company."),
            a("Sounds like a job for one of your techs. Anything else today?"),
            u("Nope."),
        ]),
        SessionSpec("2025-01-07T11:15:00Z", [
            u("Happy new year. Kotlin 2 time, and KSP like we said."),
            a("The project builds with Kotlin 2.0.21 and the K2 compiler; the Compose compiler "
              "comes from the org.jetbrains.kotlin.plugin.compose Gradle plugin. Hilt and Room "
              "run through KSP 2.0.21-1.0.27 and kapt is gone from every module. A clean CI build "
              "takes 3m10s instead of 4m35s.", "kotlin2"),
            u("Excellent. Battery complaints: the background sync drains phones. Change it to "
              "hourly.", "hourly"),
            a("Set the PeriodicWorkRequest interval to 60 minutes in SyncScheduler.kt. "
              "Pull-to-refresh still triggers an immediate one-time sync."),
            u("Actually, make that 30, not 60. Dispatchers reassign jobs during the day and an "
              "hour is too stale.", "s30"),
            a("Changed to 30 minutes with a 10-minute flex interval and updated SyncSchedulerTest.",
              "s30c"),
            u("Good."),
        ]),
        SessionSpec("2025-01-28T14:40:00Z", [
            u("Our Google Maps bill jumped after we added live route previews. Can you evaluate "
              "Mapbox?"),
            a("Mapbox's Navigation SDK v3 supports offline regions, which the rural techs would "
              "like, and per-monthly-active-user pricing is cheaper for ~1,200 techs. The "
              "migration only touches :feature:map."),
            u("Go ahead, behind a feature flag first."),
            a("The map screen can render with Mapbox Maps SDK 11 (com.mapbox.maps:android) behind "
              "the `map_provider` Remote Config flag, with Google Maps as the default path. "
              "Offline tile packs for the tech's assigned region download over Wi-Fi.", "flag"),
            u("How big are those tile packs?"),
            a("The Denver metro region at zoom 10-16 is about 85 MB. Packs are capped at 150 MB "
              "and only download on unmetered networks."),
            u("Ship it to internal with the flag on for everyone."),
            a("Flag set to 'mapbox' for all users in the internal track's Remote Config "
              "condition."),
        ]),
        SessionSpec("2025-02-18T09:10:00Z", [
            u("Internal testers have been happy with the new maps for three weeks."),
            a("Then I took out the Google Maps path: maps-compose and play-services-maps are gone "
              "from the dependency graph, the map_provider flag is deleted, and :feature:map only "
              "contains the Mapbox implementation. The APK is 2.1 MB smaller.", "mapbox"),
            u("Great. Next: photos are eating our S3 budget. Can we shrink them?"),
            a("Encoding as lossy WebP at quality 80 would cut the average from ~450 KB to ~260 KB "
              "at the same dimensions, and since minSdk 26 every supported device can encode WebP "
              "natively.", "webpprop"),
            u("Do it."),
            a("PhotoCompressor encodes WEBP_LOSSY at quality 80, files use the .webp extension "
              "and uploads send content-type image/webp. A unit test checks output size and that "
              "the result decodes.", "webp"),
            u("Cool."),
        ]),
        SessionSpec("2025-03-04T15:00:00Z", [
            u("Problem: the service reports the office sends to customers have been missing "
              "photos since last week. Backend says their PDF renderer, an old iText version, "
              "can't embed WebP. Go back to JPEG.", "jpeg"),
            a("Reverted PhotoCompressor to JPEG at quality 85 with the .jpg extension. Photos "
              "captured as WebP during the last week are already in S3, so I wrote a one-off "
              "conversion script for the backend team at tools/convert_webp_to_jpeg.kts.",
              "jpegc"),
            u("Thanks, they'll run it. Hotfix release?"),
            a("Tagged v3.9.1 from the release branch with only the compressor revert. It's on the "
              "internal track, waiting for QA."),
            u("QA is on it."),
            a("I'll trigger the promotion once the production environment approval comes "
              "through."),
            u("OK, ping me when it's live."),
            a("Will do."),
        ]),
        SessionSpec("2025-03-25T10:30:00Z", [
            u("There's a crash spike on 3.10.0. Sentry groups it as an IllegalStateException in "
              "SignatureCanvas, about 300 events since yesterday.", "sentry"),
            a("The signature bitmap is recycled in onDispose, but the canvas draws one more frame "
              "during the exit animation. It happens when a tech taps Done and navigates back "
              "immediately. Fix: keep the bitmap alive until the composable has fully left "
              "composition (reordering the DisposableEffect) and skip drawing when "
              "bitmap.isRecycled.", "sig"),
            u("Do it. Hotfix 3.10.1."),
            a("Fix merged and v3.10.1 tagged; it's on the internal track."),
            u("Bogdan will run the QA checklist on it this afternoon and then approve the "
              "promotion.", "bogdan"),
            a("OK, the promotion workflow waits for that approval."),
            u("Another one: the jobs endpoint on api.fieldline.io/v2 returns equipment serials as "
              "an array, and the mapper crashes on cached rows from before. Related?", "v2"),
            a("Separate issue. equipmentSerials was stored as a plain string in the cached JSON, "
              "and the Room TypeConverter throws on those older rows. The converter accepts both "
              "a string and an array, and Room migration 14->15 rewrites the column.", "serials"),
            u("Thanks."),
        ]),
        SessionSpec("2025-04-15T08:50:00Z", [
            u("Techs doing warranty follow-ups need last visit's data offline, and a week isn't "
              "enough."),
            a("JobCacheCleaner.MAX_AGE is 14 days. That's roughly 40 MB more per device on "
              "average, mostly photo thumbnails. The cleaner also skips jobs flagged "
              "warranty_followup until they're closed.", "cache14"),
            u("Good. A customer complained that the 2048 px photos of condenser units are still "
              "too blurry to read the serial plates. Can we use macro mode?", "px2048"),
            a("CameraX only exposes macro through Camera2 interop on some devices: the Samsung "
              "XCover 6 Pro has it, the Pixel 7a doesn't. I added a 'Serial plate' capture mode "
              "that locks focus at minimum distance and skips downscaling for that shot."),
            u("Love it. Where does the offline tile download live in the code, by the way?"),
            a("OfflineRegionManager in "
              "feature/map/src/main/java/io/fieldline/map/offline/OfflineRegionManager.kt. It "
              "takes the tech's assigned service-area polygon from the /techs/me endpoint.",
              "offline"),
            u("Thanks."),
        ]),
        SessionSpec("2025-05-06T13:00:00Z", [
            u("Google's deadline for targetSdk 35 is August. Start now?"),
            a("Bumped targetSdk to 35 in AndroidConventions.kt. API 35 enforces edge-to-edge, so "
              "the app scaffold pads for window insets, and I fixed three screens where the "
              "bottom bar overlapped gesture navigation. The sync worker's foreground service "
              "type 'dataSync' is declared in the manifest.", "t35"),
            u("Where's the inset handling?"),
            a("FieldlineScaffold in core/ui/src/main/java/io/fieldline/ui/FieldlineScaffold.kt "
              "applies WindowInsets.safeDrawing.", "scaffold"),
            u("Thanks. Can you link me the pre-launch report for v3.11.0?"),
            a("Play Console > Fieldline > Testing > Pre-launch report > 3.11.0 (build 311004). "
              "Zero crashes, two accessibility warnings on the checklist screen about touch "
              "targets under 48dp.", "prelaunch"),
            u("Fix the touch targets."),
            a("Added Modifier.minimumInteractiveComponentSize() to the checklist checkboxes; both "
              "warnings are gone in a local Accessibility Scanner run."),
        ]),
        SessionSpec("2025-05-27T10:00:00Z", [
            u("QA backlog is growing; Bogdan says he can't keep up."),
            a("One option is to go back to a release every other week, so each QA pass covers "
              "more. The other is automating more of the checklist with Maestro flows so the "
              "manual part shrinks."),
            u("We're not going back, ops loves getting fixes fast. Do the Maestro route.", "keep"),
            a("Started .maestro/ with flows for login, job list, checklist completion and "
              "signature capture. They run on an emulator in a new `e2e` job in android.yml, "
              "about 7 minutes.", "maestro"),
            u("Will that run on every PR?"),
            a("Only on PRs labeled `e2e` and on the weekly release cut, to keep regular PR CI "
              "fast.", "maestropr"),
            u("Good compromise."),
        ]),
    ],
    questions=[
        q("current-state", "What's the oldest Android version the app can be installed on?",
          "min26", "min26c"),
        q("current-state", "How often does the periodic background sync fire?", "s30", "s30c"),
        q("current-state", "Which service collects the app's crash reports these days?",
          "sentry"),
        q("current-state", "Which mapping SDK draws the map screen?", "mapbox"),
        q("current-state", "Which version of the backend API does the app call?", "v2"),
        q("current-state", "How often does a new build go out to production?",
          "weekly", "weeklyc"),
        q("current-state", "Who does QA before a build is promoted to production?", "bogdan"),
        q("current-state", "In what image format are job photos currently encoded?",
          "jpeg", "jpegc"),
        q("current-state", "Which Kotlin version does the project compile with?", "kotlin2"),
        q("current-state", "How long does job data stay cached on a device?", "cache14"),
        q("past-state", "Which CI service built the app originally?", "intro"),
        q("past-state", "Who signed off QA when the project started?", "rules"),
        q("past-state", "What maximum photo dimension did the compressor use in autumn 2024?",
          "photo"),
        q("past-state", "How frequently did the background sync run before the battery "
          "complaints?", "explore"),
        q("decision", "Why was Koin turned down?", "koin"),
        q("decision", "Why did the smaller photo encoding get reverted?", "jpeg"),
        q("decision", "What did the team decide instead of slowing the release cadence to "
          "relieve QA?", "keep", "maestro"),
        q("preference", "How should a ViewModel expose screen state, per the user's "
          "conventions?", "pref"),
        q("preference", "What's the rule for user-facing text, even on debug screens, and why?",
          "pref"),
        q("location", "In which file is the periodic sync scheduled?", "explore"),
        q("location", "Which file handles edge-to-edge insets?", "scaffold"),
        q("location", "Where is the code that downloads offline map tiles?", "offline"),
        q("reference", "Where can I find the pre-launch report for 3.11.0?", "prelaunch"),
        q("reference", "Which encrypted secret holds the keystore CI uses to sign uploads?",
          "gha"),
        q("debugging", "Why did photos appear synced even though they never reached the office?",
          "cause"),
        q("debugging", "What caused the SignatureCanvas crash in 3.10.0?", "sig"),
        q("debugging", "How was the crash on old cached equipment serial data fixed?",
          "serials"),
        q("temporal", "When did the project move to the K2 compiler?", "kotlin2"),
        q("temporal", "When was the Google Maps code path removed entirely?", "mapbox"),
        q("multi-hop", "On which weekday do the Maestro end-to-end flows run, apart from "
          "labeled PRs?", "maestropr", "weeklyc"),
        q("multi-hop", "Which annotation processor handles Hilt now, and when had the user said "
          "it should be adopted?", "koin", "kotlin2"),
        q("multi-hop", "Which earlier build change made native WebP encoding possible, and is "
          "WebP still used for photos?", "webpprop", "jpegc"),
    ],
)


PROJECTS: list[ProjectSpec] = [MOLARLY, KESTREL, PARLEY, FIELDLINE]


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------


def build_project(spec: ProjectSpec) -> tuple[list[dict], list[dict]]:
    """Assign ids to one project's sessions/turns/questions and resolve evidence labels."""
    labels: dict[str, str] = {}
    sessions: list[dict] = []
    for s_idx, session in enumerate(spec.sessions, start=1):
        session_id = f"{spec.prefix}-s{s_idx:02d}"
        turns: list[dict] = []
        for t_idx, turn in enumerate(session.turns, start=1):
            turn_id = f"{session_id}-t{t_idx:02d}"
            if turn.label is not None:
                if turn.label in labels:
                    raise ValueError(f"{spec.project}: duplicate label {turn.label!r}")
                labels[turn.label] = turn_id
            turns.append({"id": turn_id, "speaker": turn.speaker, "text": turn.text})
        sessions.append({
            "id": session_id,
            "date": session.date,
            "project": spec.project,
            "turns": turns,
        })

    questions: list[dict] = []
    for q_idx, spec_q in enumerate(spec.questions, start=1):
        if spec_q.category not in CATEGORIES:
            raise ValueError(f"{spec.project}: bad category {spec_q.category!r}")
        missing = [lbl for lbl in spec_q.evidence if lbl not in labels]
        if missing or not spec_q.evidence:
            raise ValueError(f"{spec.project}: unresolved evidence {missing} for "
                             f"{spec_q.question!r}")
        questions.append({
            "id": f"{spec.prefix}-q{q_idx:02d}",
            "question": spec_q.question,
            "evidence": [labels[lbl] for lbl in spec_q.evidence],
            "category": spec_q.category,
            "project": spec.project,
        })
    return sessions, questions


def build_dataset() -> dict:
    sessions: list[dict] = []
    questions: list[dict] = []
    for spec in PROJECTS:
        project_sessions, project_questions = build_project(spec)
        dates = [s["date"] for s in project_sessions]
        if dates != sorted(dates):
            raise ValueError(f"{spec.project}: sessions are not in date order")
        sessions.extend(project_sessions)
        questions.extend(project_questions)
    return {"name": DATASET_NAME, "sessions": sessions, "questions": questions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help="path of the JSON dataset to write")
    args = parser.parse_args(argv)
    dataset = build_dataset()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(dataset, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    n_turns = sum(len(s["turns"]) for s in dataset["sessions"])
    print(f"wrote {args.output}: {len(dataset['sessions'])} sessions, {n_turns} turns, "
          f"{len(dataset['questions'])} questions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
