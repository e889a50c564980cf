#!/usr/bin/env python3
"""Blind, hand-written coding-agent work histories (set A).

Four software projects, each a series of work sessions between a developer
("user") and a coding agent ("assistant") spread over about five months,
plus questions whose evidence is the turn (or turns) holding the answer.

Every text below is written by hand as a data literal.  A session is a block
of lines, one turn per line:

    U: text of a user turn
    A[label]: text of an assistant turn that a question points at

Labels exist only so that the questions can name their evidence without
hand-counting turn numbers; they are resolved to turn ids ("p1-s03-t05") when
the dataset is written.  Output is fully deterministic.

    python benchmarks/histories_blind_a.py -o OUT.json
"""

import argparse
import json
import re
import sys

LINE = re.compile(r"^(U|A)(?:\[([a-z0-9-]+)\])?: (.+)$")

# ---------------------------------------------------------------------------
# Project 1: fernbank-mobile (React Native banking app + Node BFF)
# ---------------------------------------------------------------------------

P1_SESSIONS = [
("2024-01-08", r"""
U: Morning. I'm picking up the fernbank-mobile repo again after the holidays. Can you get the app running against staging so I can poke at the accounts screen?
A[stg-old]: Sure. I ran `yarn install` and `pod install` in app/ios. The staging config in `app/.env.staging` points the BFF base URL at https://stg-api.fernbank.dev and its /health endpoint answers 200, so you're good to go.
U: Nice. My simulator is on iOS 17, is that fine?
A[ios-14]: Yes. The deployment target in the Podfile and the Xcode project is iOS 14.0, so anything from 14 up works; 17 is just the simulator default.
U: Accounts screen loads, but the balance card flickers when I pull to refresh.
A: The `BalanceCard` swaps to the skeleton while the RTK Query refetch is in flight because `isFetching` is wired to it. I'll switch that to `isLoading` so the skeleton only shows on the first load and a refresh just uses the pull-to-refresh spinner.
U: Do it. Also, while you're there: the app kicked me out super fast while I was reading code.
A[idle-old]: That's the inactivity logout — `useIdleLogout` in `app/src/session/` signs you out after 5 minutes without a touch. For local dev you can set `IDLE_LOGOUT_DISABLED=true` in `.env.local`; release builds ignore that variable.
U: Perfect, adding that. Run the unit tests for the accounts feature?
A: `yarn jest app/src/features/accounts`: 48 passed, 0 failed. The flicker fix has its own test asserting the skeleton isn't rendered on refetch.
"""),
("2024-01-16", r"""
U: Support says some users get every transaction notification twice. Any idea?
A[push-old]: I looked at how we register devices with OneSignal. On every cold start we call `OneSignal.login(userId)` and also the old `setExternalUserId` path, so some devices end up with two subscriptions linked to the same user, and OneSignal fans the message out to both.
U: Ugh. Can we just drop the legacy call?
A: Yes, `setExternalUserId` is deprecated anyway. I removed it from `app/src/notifications/register.ts` and added a one-time cleanup that logs out the stale subscription after the upgrade.
U: Does the cleanup touch the transfer-received handler too?
A: It does, because that handler lives in the payments feature folder. Might be worth having someone from payments look at it.
U[pay-own-old]: Yeah, Marco owns the payments module, tag him on the PR. He's picky about the notification payload types.
A: Tagged Marco and left a note that the payload shape is unchanged — it's only the registration path.
U[rel-old]: Cool. When does this reach users? We're still shipping to the stores every two weeks, right?
A: Right, the next store submission is on the 25th according to the release calendar, so this makes the cut if it's merged before Tuesday's code freeze.
"""),
("2024-01-25", r"""
U: New ticket: when someone adds a payee, transfers to that payee should be capped for the first 24 hours. Risk wants it enforced server-side.
A: Makes sense — the app can explain the limit, but the BFF has to enforce it. What's the cap?
U[cap-old]: A thousand euros per day to a freshly added payee. Put the logic in the payments module of the BFF, next to the other limits.
A[cap-loc]: Added `NEW_PAYEE_DAILY_CAP_MINOR = 100_000` and the check in `bff/src/payments/limits.ts`, alongside the existing daily outgoing limit. It sums today's transfers to that payee when the payee was created less than 24 hours ago.
U: Why 100_000?
A[dec-minor]: It's cents. Money is an integer in minor units everywhere in the BFF and the app — that was decided early on because floats gave us rounding errors on split transfers (the classic 0.1 + 0.2 problem), and the core banking API speaks minor units anyway. Only the UI layer formats to euros.
U: Right, I forgot. Which route does this hit?
A[api-old]: `POST /v1/payees/:id/transfers`, which already exists; I'm only adding the check there. Every BFF route is mounted under the `/v1` prefix in `bff/src/server.ts`, so the app only needs to handle a new error code.
U: What's the error code?
A: `NEW_PAYEE_LIMIT_EXCEEDED`, returned as a 422 with the remaining amount in the body so the app can say "You can send up to €X more today".
U: Good. Tests?
A: Six new cases in `limits.test.ts`, including exactly-24-hours and just-under. Whole BFF suite is green, 212 tests.
"""),
("2024-02-06", r"""
U: I want to put the new savings goals screen behind a flag. How do we do flags again?
A[ff-old]: We use LaunchDarkly. The React Native SDK is initialised in `app/src/flags/FlagProvider.tsx` and the BFF uses the Node server SDK. Create the flag in the LD dashboard under the `fernbank-mobile` project and read it with `useFlag('savings-goals')`.
U: OK, created `savings-goals`, off by default. The screen needs data from /goals.
A[rtk]: I'll add a `goalsApi` slice with RTK Query, same as accounts and cards. All app state goes through Redux Toolkit, so we get caching and invalidation for free when a goal is created.
U: Write tests for the slice, and please don't jest.mock fetch again.
A: Understood.
U[pref-msw]: I mean it. Anything that goes over the network gets MSW handlers in `app/test/msw/`. Mocking fetch directly hid a bug in December because the mock never looked at the request body.
A: Added MSW handlers for GET and POST /goals, and the tests assert on the request body. 9 tests, all passing.
U: Nice. The screen looks empty on small phones though.
A: The goal card had a fixed height of 220. I switched it to minHeight and let the progress ring scale with the window width; checked it on the iPhone SE simulator.
"""),
("2024-02-15", r"""
U[stg-new]: Heads up: infra finished moving staging to the new cluster. The staging BFF is at https://staging.api.fernbank.io from now on — the stg-api.fernbank.dev host goes away next week because they didn't want to renew the certificate on the old domain.
A: Updated `app/.env.staging` and the BFF CORS allowlist to the new host. Accounts and transfers both work against it from the simulator.
U: Also we need to get to React Native 0.73 this sprint.
A: I went through the upgrade helper. 0.73 itself is fine with our setup, but the react-native-vision-camera version we need for cheque scanning requires iOS 15.
U: What does dropping iOS 14 cost us?
A: Amplitude says about 1.8% of monthly active users are on iOS 14.
U: Product already accepted that. Bump it.
A[ios-15]: Raised the deployment target to iOS 15.0 in the Podfile and the Xcode project, and removed two `@available(iOS 15, *)` guards that are now redundant.
U: Build it.
A: First iOS build failed with a Hermes pod mismatch; after `pod deintegrate && pod install` it builds. Android was fine. Jest: 602 passed.
"""),
("2024-02-27", r"""
U: Android crash reports: BiometricPrompt crashes on a bunch of Samsung devices when the app is opened from a notification.
A[dbg-bio-cause]: The Sentry traces all show `IllegalStateException` from the BiometricPrompt fragment transaction. We call `authenticate()` from the notification deep-link handler before the activity is resumed; on One UI the FragmentActivity isn't RESUMED yet when the intent arrives, so the fragment commit throws.
U: Fix?
A[dbg-bio-fix]: I deferred the prompt: the deep link now only stores the pending route, and the biometric gate runs in `useFocusEffect` once the app is actually in the foreground, then navigates. Ran it on a Galaxy A52 in Firebase Test Lab, 20 runs, no crash.
U: While we're in notifications land: I'm tired of OneSignal. Their pricing jumped and we already have Firebase in the project for Test Lab. Could we just go direct to FCM?
A: It's doable. FCM covers Android natively and iOS through an uploaded APNs key. We'd lose OneSignal's segment UI, but the BFF already decides who gets what. The work: token registration endpoint, sending via firebase-admin, and migrating existing tokens.
U: Let's plan it for next sprint. Write the steps in a ticket.
A: Drafted in FERN-377: 1) add @react-native-firebase/messaging, 2) a POST /v1/devices endpoint, 3) a dual-send period, 4) remove OneSignal.
U: Also Priya asked whether we can release weekly. Two weeks feels long when a fix is waiting.
A: Weekly is realistic if we automate screenshots and release notes; manual store submission eats about half a day right now. Fastlane could take most of that away.
U: Let's think about it, I'm not deciding today.
"""),
("2024-03-07", r"""
U: Compliance came back from the audit. They want the inactivity logout shortened to 3 minutes instead of 5.
A[idle-new]: Changed `IDLE_TIMEOUT_MS` in `app/src/session/useIdleLogout.ts` from 300_000 to 180_000, so the app signs users out after 3 minutes without interaction. The warning toast still shows 30 seconds before.
U: Also, I had the call with finance about the LaunchDarkly renewal.
A: How did it go?
U[ff-dec]: We're dropping LaunchDarkly. The renewal quote nearly tripled with the new seat-based pricing, and legal would rather have flag evaluation data stay inside our own EU infrastructure. We'll self-host Unleash on the internal cluster.
A: Makes sense. Unleash has a client that works in React Native and a Node SDK. I'd run the Unleash proxy next to the BFF so the app never talks to the admin API directly.
U: Agreed. Can you list our current flags so we know what to migrate?
A: There are 14 flags in LD. Six are fully rolled out and can simply be deleted from code instead of migrated (e.g. `new-onboarding`, `dark-mode`), which leaves 8 to recreate.
U: Great, delete the six dead ones in a separate PR.
A: PR #1182 removes them. Tests pass: app 631, BFF 219.
"""),
("2024-03-19", r"""
U: FCM status?
A[push-new]: The migration is merged. Devices register their FCM token through POST /v1/devices, the BFF sends with firebase-admin, and iOS goes through our APNs key uploaded to Firebase. The dual-send period ended yesterday, so every notification comes from FCM alone.
U: Any duplicates this time?
A: None in the last 48 hours of logs — `notification_sent` is exactly one per device per transfer.
U: Sweet. Different topic: Priya opened an RFC to replace Redux with Zustand. Thoughts?
A: Zustand is nice for local UI state, but most of our state is server cache through RTK Query. Replacing it means redoing caching, invalidation and the offline persistence. I'd guess 3–4 weeks.
U: Let's talk about it at Thursday's arch sync.
A: I'll add a comparison table to the RFC: bundle size, migration effort, and what RTK Query gives us today.
U: Weird bug also: Hungarian users see NaN as their balance trend.
A[dbg-nan]: Found it. `AccountHeader` formats the balance with Intl.NumberFormat('hu-HU'), and then a legacy helper parses that formatted string back into a number for the trend arrow. Hungarian uses a narrow no-break space as the thousands separator, so the parse returns NaN. Fix: compute the trend from the integer minor units we already have and never parse a formatted string.
U: Ship it.
"""),
("2024-04-02", r"""
U: Outcome of the arch sync: no Zustand migration.
A[rtk-keep]: Noted, I'll close the RFC as rejected. So we stay on Redux Toolkit with RTK Query for app state; purely local UI state can keep using useState/useReducer inside components.
U: Yep. The reasoning was churn without any user-facing benefit. Next: the transfer confirmation screen should show the fee.
A: The fee comes from the quote endpoint. I'll add it to the summary list; it touches `payments/` in both the app and the BFF.
U[pay-own-new]: Fine. Dana owns payments, so send her the PR — she'll review both sides.
A: Sent to Dana. While grepping I also noticed `app/.env.e2e` still has `API_BASE_URL=https://stg-api.fernbank.dev`, left over from before the move. The e2e runs were hitting a dead host and timing out.
U: Oh, that explains the flaky e2e. Fix it.
A: Pointed it at the current staging host and removed the old domain from the CORS list as well.
U: How's the flag migration going?
A[ff-new]: All 8 remaining flags live in Unleash, the app reads them through the Unleash proxy, and the LaunchDarkly SDK is gone from both package.json files. The LD contract runs out at the end of April, and nothing depends on it anymore.
"""),
("2024-04-15", r"""
U: First weekly train went out Thursday. Fastlane did the screenshots, 20 minutes in total.
A[rel-new]: Great. So the store release goes out every Thursday, with code freeze Wednesday noon. I updated the release calendar in the "Mobile Release Runbook" page on Confluence.
U: The accounts response is getting messy. Backend wants to split `balance` into `available` and `booked`. That's breaking.
A: Then we should version it. Proposal: a `/v2` prefix for the whole router rather than only accounts, so we don't mix prefixes, and keep `/v1` alive until old app versions age out. The app takes the prefix from a constant in `app/src/api/base.ts`.
U: Whole router, yes. How long do we keep v1?
A: The force-update policy allows three months behind, so v1 could go around mid-August.
U: OK. Separate thing: the accessibility audit report arrived.
A[ref-a11y]: I filed it as FERN-412 with all the findings: 11 issues, mostly missing accessibilityLabel on icon-only buttons and low contrast on the secondary text colour (#8A94A6 on white is 3.1:1).
U: Start with the labels, design will handle the colours.
A: Added labels to 23 icon buttons and a custom ESLint rule that flags a `Pressable` containing only an icon and no accessibilityLabel. Lint and tests are green.
"""),
("2024-04-29", r"""
U: Did the v2 router ship?
A[api-new]: Yes, BFF 2.14 went out this morning. Every route is mounted under /v2, and the app build from Thursday's train calls /v2 only. /v1 stays mounted for older app versions behind a compat adapter that maps the new balance fields back to the old shape.
U: Nice. Dana pinged me about limits.
A: What did she say?
U[cap-new]: Risk signed off on 2,500 euros a day for new payees. Dana already changed the constant in limits.ts; the app just needs copy updates.
A[loc-locales]: The app reads the remaining amount from the error body, so only the info sheet text that says "up to €1,000" needs changing. The strings are in `app/src/i18n/locales/`, one JSON file per language: en, de, nl, hu.
U: Update all four.
A: Done, and I used an `{{amount}}` placeholder instead of a hardcoded number so it follows the BFF next time.
U: While cleaning up: the iOS Podfile still pulls OneSignalXCFramework.
A: Right, a leftover. Removed it plus the Notification Service Extension target that only OneSignal used; the iOS build is 1.4 MB smaller.
U: Run e2e?
A[loc-e2e]: The Detox suite in `app/e2e/`: 37 specs, 36 pass, 1 flaky (`transfer-to-new-payee.e2e.ts`, timing on the limit sheet). I added a waitFor on the sheet and it passes 5 out of 5 now.
"""),
("2024-05-13", r"""
U: Staging is slow now, the accounts screen takes like four seconds.
A[ref-grafana]: The "BFF / Latency & Errors" dashboard in Grafana shows p95 for GET /v2/accounts going from ~300 ms to 3.8 s since Friday. It's the core banking sandbox, not us — the upstream span alone is 3.5 s.
U: OK, not our problem then. Moving on: can we drop iOS 15?
A: Amplitude puts iOS 15 at 0.7% of active users over the last 30 days. Dropping it lets us use the passkeys API and the newer widget APIs without availability checks.
U: Product said yes. Go ahead.
A[ios-16]: Raised the deployment target to iOS 16.0 in the Podfile, the Xcode project and the App Store Connect metadata, and removed the `#available(iOS 16, *)` branches in the widget extension.
U: Next: Ravi from security wants us to review certificate pinning before their intermediate certificate rotates.
A[loc-pins]: The pins are defined in `app/src/security/pinning.ts` — SHA-256 hashes of the SPKI for each BFF host, fed into the react-native-ssl-pinning config on both platforms.
U[dec-pins]: And there are backup pins in there on purpose. If the primary key rotates and we had pinned only the current one, every installed app would hard-fail until people update. Ravi insists on that.
A: Right, there are two backups per host: the next key the CA pre-generated and our own fallback key kept in the vault. I'll add a test that fails if any host has fewer than three pins.
U: Good. Marco from the cards team also wants to reuse the biometric gate for card freeze.
A: It's a hook already (`useBiometricGate`), so he can import it; I'll send him the usage notes.
"""),
("2024-05-27", r"""
U: Product keeps getting complaints that three minutes is too short. They want the inactivity logout at 10 minutes.
A: Technically it's one constant, but it came out of the compliance audit, so I'd check with Ravi before touching it.
U[idle-keep]: Ravi said no, the audit finding stands. Idle logout stays at 3 minutes; product can make the warning better instead.
A: Then I'll make the warning more visible: a full-width banner with a "Stay signed in" button that resets the timer.
U: Good. I'm also seeing full IBANs in the BFF logs for the new payee endpoint.
A: Yes, the `payeeCreated` log line dumps the request body.
U[pref-iban]: We never log a full IBAN. Mask everything but the last four characters, everywhere, error logs included.
A: Added a `maskIban` serializer to the pino logger config so any iban/counterpartyIban field is written as `****1234`, plus a test that fails if an unmasked IBAN pattern shows up in log output.
U: Design finished the contrast fixes from the audit.
A[a11y-figma]: I see them in the "Fernbank DS v3" Figma file — the secondary text token is now #5F6B7D, which is 5.4:1 on white. I'll update `app/src/theme/colors.ts` to match.
U: Great, do it.
A: Token updated, 42 snapshots regenerated, and the visual diff looks right.
"""),
("2024-06-10", r"""
U: How much traffic is still on /v1?
A: About 6% of requests, all from app versions older than 5.8. It should fall away when the force-update floor moves in August.
U: Fine. Tomasz wants a smoke test before each Thursday train.
A: I can tag a Detox smoke subset — login, accounts, transfer to an existing payee — and run it in CI on the release branch. About four minutes.
U: Do that. Release branches are still release/x.y?
A: Yes, `release/5.11` this week; the CI job triggers on `release/*`.
U: Dana also asked whether anything in the app still references LaunchDarkly.
A: Only a stale comment in `FlagProvider.tsx` saying "LD client initialised here". Fixed the comment; there's no code or dependency left.
U: Good. Let's call it a day.
A: Pushed the smoke-tag PR (#1260) and requested Tomasz's review.
"""),
]

P1_QUESTIONS = [
    ("current-state", "What's the staging base URL for the BFF these days?", ["stg-new"]),
    ("current-state", "Which service do we use to deliver push notifications to the app?", ["push-new"]),
    ("current-state", "After how much inactivity does the app currently sign a user out?", ["idle-new", "idle-keep"]),
    ("current-state", "Who should review a pull request that changes the payments code?", ["pay-own-new"]),
    ("current-state", "Which version prefix are the BFF routes under now?", ["api-new"]),
    ("current-state", "What do we use for feature flags?", ["ff-new"]),
    ("current-state", "How often do app releases go out to the stores nowadays?", ["rel-new"]),
    ("current-state", "What's the minimum iOS version we support?", ["ios-16"]),
    ("current-state", "How much can a user send per day to a payee they just added?", ["cap-new"]),
    ("current-state", "Which state management approach does the mobile app use at the moment?", ["rtk", "rtk-keep"]),
    ("past-state", "What was the staging hostname before infra moved staging to the new cluster?", ["stg-old"]),
    ("past-state", "Which push provider did the app rely on before the Firebase migration?", ["push-old"]),
    ("past-state", "What was the lowest supported iOS version right before we raised it to 16?", ["ios-15"]),
    ("past-state", "How long did the idle auto-logout take originally, before the audit?", ["idle-old"]),
    ("decision", "Why are money amounts stored as integers rather than decimals?", ["dec-minor"]),
    ("decision", "What made us leave LaunchDarkly?", ["ff-dec"]),
    ("decision", "Why does the pinning setup include extra backup keys?", ["dec-pins"]),
    ("preference", "Is it OK to log a payee's IBAN when debugging the BFF?", ["pref-iban"]),
    ("preference", "How am I supposed to fake network requests in the app's tests?", ["pref-msw"]),
    ("location", "Which file holds the certificate pin hashes?", ["loc-pins"]),
    ("location", "Where are the Detox end-to-end specs?", ["loc-e2e"]),
    ("reference", "What's the ticket key for the accessibility audit findings?", ["ref-a11y"]),
    ("reference", "Which Grafana board should I open to check BFF response times?", ["ref-grafana"]),
    ("debugging", "What was behind the Samsung crash when opening the app from a notification, and how did we fix it?", ["dbg-bio-cause", "dbg-bio-fix"]),
    ("debugging", "Why did Hungarian users see NaN next to their balance?", ["dbg-nan"]),
    ("temporal", "When did the app start calling the v2 routes exclusively?", ["api-new"]),
    ("temporal", "What changed about the inactivity logout in early March?", ["idle-new"]),
    ("multi-hop", "Who has to approve a change to the file that enforces the new-payee limit?", ["cap-loc", "pay-own-new"]),
    ("multi-hop", "I need both the ticket for the accessibility audit and the design file that has its contrast fix — what are they?", ["ref-a11y", "a11y-figma"]),
]

# ---------------------------------------------------------------------------
# Project 2: grainline (farm sensor + weather data pipeline)
# ---------------------------------------------------------------------------

P2_SESSIONS = [
("2024-03-04", r"""
U: Hey, new laptop, I need grainline running locally again. What do I need?
A[py-310]: The repo pins Python 3.10 in `.python-version` and in pyproject, so I created the venv with 3.10.13 and ran `pip install -e '.[dev]'`. You'll also need Docker for the local Airflow stack.
U: Right, Airflow. Is the compose file still the one in `deploy/local/`?
A[orch-old]: Yes — `deploy/local/docker-compose.airflow.yml` brings up the Airflow webserver, the scheduler and a Postgres metadata DB. All our DAGs live in `dags/`; the main one is `ingest_sensor_readings`, scheduled every 15 minutes.
U: Where does the raw data land?
A[region-old]: The ingest DAG writes raw files to the `grainline-raw` S3 bucket in eu-west-1, laid out by source and date. Locally it writes to MinIO with the same layout.
U: And what format are the raw files?
A[fmt]: Parquet with zstd compression, one file per source per run. It was picked because the loads and the analysts' ad-hoc DuckDB queries only read a few columns at a time.
U: OK, let me try a run.
A: Triggered `ingest_sensor_readings` on the local sample: 3 sources, 41,220 rows, 2m10s. The output is in MinIO under `raw/veris/2024-03-04/`.
"""),
("2024-03-13", r"""
U: The Redshift load step took 40 minutes last night. Can you look?
A[wh-old]: The `load_to_redshift` task COPYs from S3 into the staging schema and then does a DELETE+INSERT into `analytics.sensor_readings`. Last night the DELETE waited about 30 minutes on a lock held by a BI user's long query. Redshift is our only warehouse and it's a single cluster, so BI and loads compete for it.
U: Can we avoid the lock?
A: Short term I can put a `statement_timeout` on the BI users and run loads in their own WLM queue. Long term we'd want separate compute for BI and loading, which this setup can't give us.
U: Do the short-term thing. Also, why does ingest produce so many tiny files?
A[batch-1]: Ingest flushes every 5,000 rows — `INGEST_BATCH_SIZE = 5000` in `grainline/ingest/config.py`. With 14 sources that's a lot of small files per run.
U: Leave it for now. The weather connector failed twice this week, too.
A: Both failures were HTTP 429 from the weather vendor. The connector retries three times with a fixed 2-second delay, which isn't enough when they throttle.
U[wx-own-old]: Ines owns the weather connector, she wrote it. Open a PR with exponential backoff and ask her to review.
A: PR #214: exponential backoff with jitter, up to 6 retries, and it honours the Retry-After header. Ines is requested as reviewer.
"""),
("2024-03-22", r"""
U: Mei asked for an alert when a source stops sending data. What do we have?
A[alert-old]: Right now task failures post to the #grainline-alerts Slack channel through the Airflow Slack callback. Nothing checks freshness though — a source can go silent while every task still succeeds.
U: Let's add a freshness check.
A: I'll add a task that reads max(reading_ts) per source and fails if any source is more than 2 hours behind; the failure goes to the same channel.
U: How is sensor_readings partitioned today?
A[part-old]: Daily, on `reading_date`, both in the raw layout and in the staging tables. The reprocessing jobs rewrite a whole day at a time.
U: And how long do we keep raw files?
A[ret-old]: 90 days, through an S3 lifecycle rule on grainline-raw. After that only the warehouse copy exists.
U: Fine. Add the freshness thing and ping Mei for the dashboard side.
A[ref-metabase]: Done. Mei built a Metabase dashboard called "Ingest Freshness" on top of the same query; it shows the lag per source with a red line at 2 hours.
"""),
("2024-04-02", r"""
U: Lars wants to move us off Airflow and onto Dagster. What do you think?
A: The main wins would be asset-based lineage (our DAGs really are asset graphs: raw → staging → marts), much easier local testing, and sensors instead of polling. The cost is porting 9 DAGs and the Slack callback, plus learning IO managers.
U: We have a busy month, I don't want to start a port before the April release. Keep it in mind.
A: Noted. I'll put together a spike with `ingest_sensor_readings` as assets on a branch so we have something concrete to compare.
U: New migration for the device metadata table, please.
A[mig-old]: Sure. Warehouse migrations are Flyway files in `warehouse/migrations/`, named `V<n>__<description>.sql` with the next integer. The latest is V37, so this one is `V38__add_device_firmware.sql`.
U: Add firmware_version and last_seen_at.
A: Added both as nullable columns. The backfill of last_seen_at from sensor_readings is a separate script because it scans about 200M rows.
U[pref-sql]: One thing: in SQL I want uppercase keywords, and CTEs instead of nested subqueries. Your backfill has three levels of subquery.
A: Rewrote it with two CTEs (`latest_per_device`, `joined`) and uppercase keywords. Same result on the staging sample: 18,402 devices updated.
"""),
("2024-04-11", r"""
U: The DST switch on March 31 left us with duplicate readings for one hour. Mei noticed it in the daily moisture mart.
A[dbg-dst]: Found the cause. The Veris gateways send farm-local timestamps without an offset, and our parser localised them with the server's timezone. Between 02:00 and 03:00 on the switch night the same wall-clock times mapped to two different instants, so the dedupe key didn't match and we stored duplicates. The fix parses with the farm's IANA timezone from device metadata and converts to UTC at ingest; I also wrote a cleanup query for the affected hour.
U: Good. That's exactly why storage is UTC only — never local time in the warehouse.
A: Agreed; I added a test with a fixture that crosses both DST switches.
U: Next: the small files are hurting the COPY. Bump the batch size.
A[batch-2]: Raised `INGEST_BATCH_SIZE` from 5,000 to 20,000 rows. Files per run drop from ~600 to ~150, and the COPY step went from 6 minutes to 2 on last night's volume.
U: Also let's go to Python 3.11, we keep writing workarounds for 3.10 typing.
A[py-311]: Switched `.python-version`, the Docker base image and CI to Python 3.11.8, and replaced the `typing_extensions.Self` import with `typing.Self`. Test suite: 318 passed.
U: Any speedup?
A: The parse step is about 18% faster on the benchmark sample, mostly from cheaper function calls in 3.11.
"""),
("2024-04-23", r"""
U[wh-new]: Update from the data platform meeting: the warehouse moved from Redshift to Snowflake, loads have been going to Snowflake since yesterday. The reasons were the lock fights between BI and loads and the VACUUM maintenance eating our weekends — Snowflake gives us separate compute for loading and for BI.
A: Got it. Then `load_to_redshift` goes away. I'll replace it with a `load_to_snowflake` task: COPY INTO from an external stage on the raw bucket, then MERGE into `ANALYTICS.SENSOR_READINGS`.
U: OK. Also, two PRs both added a V41 migration yesterday and Flyway blew up on main.
A: Classic collision. Options: a CI check that rejects duplicate versions, or timestamp versions like `V202404231530__desc.sql` so parallel branches can't collide. Flyway orders them fine as long as outOfOrder is enabled.
U: Let's go with timestamps. I'll announce it; do the switch after the current batch of PRs has merged.
A: For now I'll renumber the second V41 to V42 to unblock main.
U: Thanks. Unlike Redshift, do we need any maintenance jobs on Snowflake?
A: No VACUUM or ANALYZE; the closest thing is keeping an eye on warehouse auto-suspend so the loading warehouse doesn't idle expensively. I set it to 60 seconds.
U: Perfect.
"""),
("2024-05-02", r"""
U: Reprocessing a day of sensor_readings takes 50 minutes even when only a handful of late readings arrived.
A: Because partitions are daily, one late reading forces a rewrite of the whole day. Looking at the last month, almost all late data arrives within 3 hours.
U[part-dec]: Then let's go hourly, so a late reading only rewrites the hour it belongs to instead of the whole day.
A[part-new]: sensor_readings is partitioned hourly now: the raw layout is `reading_date=.../reading_hour=...` and the reprocess job targets individual hours. Re-running last Tuesday's late batch took 3 minutes instead of 50.
U: Mei says the freshness dashboard was red for the weather feed most of yesterday.
A[stale-wx]: The weather feed was stale for about 9 hours: the vendor rotated API keys and the connector still had the old one in Secrets Manager. I updated the key and the backfill for the gap is running; the freshness board is green again.
U: Lars also said legal wants the raw data in Frankfurt at some point.
A: That would mean a new bucket in eu-central-1 and copying the retained raw files over. The warehouse side would only need a new stage URL.
U: Not now, he'll open a ticket.
A: OK, I'll leave it.
"""),
("2024-05-14", r"""
U: So, the Dagster port — status?
A[orch-new]: Finished: all 9 pipelines run as Dagster assets and jobs in `grainline_dagster/`, deployed as the Dagster daemon plus webserver in our k8s namespace. The Airflow scheduler was shut down on Friday; the old DAG files are archived in `legacy/airflow_dags/` for reference.
U: Are failure notifications still working?
A: Yes, I ported the Slack callback to a Dagster run-failure sensor that posts to #grainline-alerts with the same message format.
U: And the migration naming change?
A[mig-new]: Done. New warehouse migrations use a timestamp version, `V<YYYYMMDDHHMM>__<description>.sql`, for example `V202405141020__add_soil_temp_index.sql`. outOfOrder is on in flyway.conf and CI rejects any new integer-numbered file.
U: The old V1 to V42 files stay?
A: Yes, they're applied already, and Flyway orders them before the timestamped ones because their numbers are smaller.
U: Good. Anything annoying in Dagster so far?
A: The sensor for new raw files launched two runs for the same file once, because the cursor wasn't updated when a run request failed. It now sets a run_key per file, so duplicate requests are skipped.
"""),
("2024-05-24", r"""
U: Kofi wants to know where to point the new irrigation-valve source.
A[region-new]: Raw files go to the `grainline-raw-fra` bucket in eu-central-1; the source config only needs `raw_prefix: valves/`. The Snowflake stage `RAW_STAGE` already points at that bucket.
U: He also suggested Avro instead of Parquet for raw files, since valve events are row-oriented.
A: Avro does suit append-heavy row writes, and its schema evolution story is good. On the other hand, our loaders and the DuckDB debugging workflow all read Parquet, and Snowflake's COPY handles either.
U[fmt-keep]: Yeah, no. All raw files stay Parquet, valves included — one format means one set of loaders with no special cases, and the analysts query raw with DuckDB constantly.
A: I'll answer Kofi on the ticket. Valve events will be written as Parquet with the same zstd settings.
U: How do we dedupe valve events, same as readings?
A[dec-dedupe]: For sensor_readings the MERGE key is (device_id, reading_ts, metric), because gateways resend their last 24 hours of buffered readings after a reconnect and we'd double count otherwise. Valve events carry an event_id from the controller, so we can MERGE on that instead.
U: Good, use event_id.
A: Done; the valve asset MERGEs on event_id, and there's a test that replays 500 duplicates.
"""),
("2024-06-04", r"""
U: Ingest pods got OOMKilled three times last night.
A: The ingest container has a 1 GiB limit. With 20,000-row batches and the wide valve schema, peak RSS goes past 1.1 GiB while writing Parquet.
U: Options?
A: Raise the memory limit or shrink the batch. The nodes are tight, so I'd shrink.
U: Shrink it.
A[batch-3]: Set `INGEST_BATCH_SIZE = 12000`. Peak RSS is around 700 MiB now, and files per run only went from ~150 to ~240, which the loads handle fine.
U: The weather vendor is deprecating v2 of their API.
A[ref-wx-docs]: Their migration notes are at https://docs.agriweather.io/api/v3/migration — v3 switches auth to a bearer token and renames `precip_mm` to `precipitation.amount`.
U[wx-own-new]: Give that to Kofi. The weather connector is his, he'll do the v3 port.
A: Created DATA-261 for the v3 port, assigned to Kofi, with the field mapping in the description.
"""),
("2024-06-17", r"""
U: We're setting up an on-call rotation for grainline. Slack isn't enough when nobody's watching at 3am.
A: I can route alerts through Opsgenie: run failures and freshness breaches become alerts for a `grainline-data` team that pages whoever is on call.
U: Do it, and stop posting them to Slack — people muted that channel because it's so noisy.
A[alert-new]: Switched the Dagster failure sensor and the freshness check to Opsgenie (team `grainline-data`; P1 for ingest failures, P2 for freshness). Slack posting is removed and #grainline-alerts is archived.
U: I also saw Airflow leftovers in the repo.
A: `grainline/utils/conn.py` still looked up Airflow connection ids like `aws_default`, and the Airflow provider packages were in the dev extras. Removed both; Dagster resources handle connections.
U: And the old eu-west-1 bucket?
A: Lars confirmed the copy to Frankfurt was verified. I added a lifecycle rule that empties `grainline-raw` in eu-west-1 over 7 days, and opened a ticket to delete the bucket afterwards.
U: Good.
A: I'll check next week that the bucket is empty before deleting it.
"""),
("2024-06-28", r"""
U: Can we go to Python 3.12? Dagster supports it now.
A: Checked: every dependency has 3.12 wheels except an old `pyproj` pin, which I bumped.
U: Go.
A[py-312]: The project runs on Python 3.12.4 now: `.python-version`, the Docker base image of the Dagster code location and the CI matrix are all updated. 341 tests pass.
U: Weird one: the backfill for May 3 loaded zero rows into Snowflake even though the files are there.
A[dbg-copy]: COPY INTO skipped them. Snowflake keeps per-file load metadata for 64 days, and we had re-uploaded files under the same names, so it treated them as already loaded. Backfills now pass FORCE = TRUE (the MERGE dedupes anyway); regular loads keep the default.
U: Sneaky. Also, the valve summary transform uses pandas.
A: Yes, `summarize_valves` builds a pandas DataFrame from the Arrow table.
U[pref-polars]: Please keep pandas out of pipeline code. Transforms are written with polars — it reads Arrow without copying, and pandas keeps biting us with dtype coercion on nullable ints.
A: Rewrote it with polars lazy frames. Output matches the pandas version on the test fixture, and it's about 4x faster on a day of valve events.
"""),
("2024-07-15", r"""
U: Mei needs raw data older than 90 days to retrain the irrigation model.
A: The lifecycle rule on the Frankfurt bucket deletes raw files after 90 days, and changing it won't bring deleted ones back. Snowflake does have everything since January, though.
U: Legal is fine with longer retention. Make it 400 days so we always have a full year plus some margin.
A[ret-new]: Updated the lifecycle rule on grainline-raw-fra to expire objects after 400 days, and to move them to Glacier Instant Retrieval after 60 days to keep the cost down.
U: Kofi is adding a new sensor type. Where do the schema contracts go?
A[loc-contracts]: Each source has a YAML contract under `contracts/sensors/`, e.g. `contracts/sensors/veris_soil.yaml`. Ingest validates every batch against it and quarantines bad rows to `raw/_quarantine/`.
U: OK. And Ines is back from leave — she'll take over the billing exports.
A[wx-own-keep]: Got it. I'll add her as reviewer on the exports package; the weather connector stays with Kofi.
U: Ping Mei when the retention change is active.
A: Done. The rule is active and the first transitions run tonight.
"""),
("2024-07-29", r"""
U: The daily moisture mart is wrong for one farm. Where's that dbt model?
A[loc-dbt]: The dbt project is in `warehouse/dbt/`, models under `warehouse/dbt/models/`; this one is `marts/fct_daily_moisture.sql`, built from `stg_sensor_readings`.
U: The farm is in New Zealand.
A: Then it's the day boundary: the mart groups by UTC date, so that farm's morning readings fall on the previous day. I'll group by the farm's local date using the timezone from device metadata — only in the mart, storage stays UTC.
U: Yes, storage stays UTC.
A: Changed the model and added a test with a New Zealand fixture. dbt build: 64 models, 212 tests passed.
U: The Dagster UI is sluggish now.
A: Run storage holds about 180k runs. I'll configure retention to purge runs older than 60 days.
U: Thanks, that's it for today.
A: Retention config is merged; the first purge runs tonight.
"""),
]

P2_QUESTIONS = [
    ("current-state", "Which orchestrator runs our pipelines now?", ["orch-new"]),
    ("current-state", "Which data warehouse do we load into?", ["wh-new"]),
    ("current-state", "In which AWS region are the raw files stored?", ["region-new"]),
    ("current-state", "How is the sensor readings table partitioned currently?", ["part-new"]),
    ("current-state", "How many rows does ingest put in one batch?", ["batch-3"]),
    ("current-state", "Where do pipeline failure alerts go these days?", ["alert-new"]),
    ("current-state", "Who is responsible for the weather connector right now?", ["wx-own-new", "wx-own-keep"]),
    ("current-state", "What naming scheme should a new warehouse migration file follow?", ["mig-new"]),
    ("current-state", "Which Python version does the project target?", ["py-312"]),
    ("current-state", "What file format are raw files written in at the moment?", ["fmt", "fmt-keep"]),
    ("past-state", "Which warehouse did we use before the current one?", ["wh-old"]),
    ("past-state", "What was the ingest batch size before we reduced it because of the memory problems?", ["batch-2"]),
    ("past-state", "Before the on-call setup, where did failure notifications get posted?", ["alert-old"]),
    ("past-state", "What was the first Python version the repo was pinned to?", ["py-310"]),
    ("decision", "Why does the sensor readings MERGE key include the timestamp and the metric?", ["dec-dedupe"]),
    ("decision", "What was the reason for going to hourly partitions?", ["part-dec"]),
    ("decision", "Why didn't we adopt Avro for the raw layer?", ["fmt-keep"]),
    ("preference", "How does the user want SQL written?", ["pref-sql"]),
    ("preference", "Can I use pandas for a new transform in the pipeline?", ["pref-polars"]),
    ("location", "Where do I put the schema contract for a new sensor source?", ["loc-contracts"]),
    ("location", "Where are the dbt models kept in the repo?", ["loc-dbt"]),
    ("reference", "What's the Metabase dashboard that shows per-source lag called?", ["ref-metabase"]),
    ("reference", "Where can I read the weather vendor's v3 migration notes?", ["ref-wx-docs"]),
    ("debugging", "Why did we get duplicate readings around the daylight saving change, and what fixed it?", ["dbg-dst"]),
    ("debugging", "Why did a Snowflake backfill load zero rows even though the files existed?", ["dbg-copy"]),
    ("temporal", "When did we move the warehouse to Snowflake?", ["wh-new"]),
    ("temporal", "What did we change about ingest batching in early June?", ["batch-3"]),
    ("multi-hop", "Who owns the feed that showed up as stale on the freshness dashboard in early May?", ["stale-wx", "wx-own-new"]),
    ("multi-hop", "What's the dedupe key of the table that we switched to hourly partitions?", ["part-new", "dec-dedupe"]),
]

# ---------------------------------------------------------------------------
# Project 3: skirmish (real-time arena game server in Go)
# ---------------------------------------------------------------------------

P3_SESSIONS = [
("2023-10-02", r"""
U: Let's get the arena server skeleton in shape for the playtest in three weeks. What's there right now?
A: `cmd/arena` starts a UDP listener, `internal/match` runs matches and `internal/sim` does the physics. There's no matchmaking yet — players join a match by id.
U: What port does it listen on?
A[port-old]: UDP 7777; it's the default of the `-listen` flag in `cmd/arena/main.go`, and the playtest client has the same port hardcoded.
U: And the tick rate?
A[tick-20]: The simulation ticks at 20 Hz (every 50 ms): `TickRate = 20` in `internal/sim/config.go`. A snapshot goes out every tick.
U: Max players per match for the playtest?
A[lobby-8]: Eight. `MaxPlayers = 8` in the match config; a ninth join gets a `MATCH_FULL` error.
U: Logging is a mess, half of it is fmt.Println.
A[log-1]: I'll replace the prints with logrus — it's already in go.mod because of the admin endpoint — and add structured fields for match_id and player_id.
U: OK, go.
A: Done, 37 Println calls replaced. `go test ./...` passes, 64 tests.
"""),
("2023-10-11", r"""
U: Felix is asking where the playtest servers will run.
A[host-old]: The plan in the infra repo is two Hetzner bare-metal boxes (AX52) in Falkenstein, provisioned with Ansible; each runs up to 40 match processes under systemd.
U: Fine for a playtest. How are messages encoded at the moment?
A[ser-old]: JSON inside our UDP packets — each message is a small JSON object with a `t` field for the type. Easy to read in tcpdump, but an input packet is about 180 bytes.
U: Leave it for the playtest. Someone on Discord asked why we don't just use WebSockets.
A[dec-udp]: We went with raw UDP plus a thin reliability layer of our own because over TCP (and so WebSockets) one lost packet holds back every packet after it — head-of-line blocking. For movement input we'd rather drop a stale packet than wait for it; only chat and match events use the reliable channel.
U: Good answer, I'll paste that. Can you make a branch for the matchmaking work?
A[br-old]: Created `feature/matchmaking` from main, following the `feature/<short-name>` convention in CONTRIBUTING.md.
U: Start with a simple queue.
A: Added `internal/mm/queue.go`: a FIFO queue that starts a match when 8 players are waiting, or after 30 s with at least 4. Tests cover both paths.
"""),
("2023-10-20", r"""
U: Yuki pushed the first anti-cheat checks. Can you review?
A: Looked at `internal/anticheat/`. It validates movement deltas against the max speed per tick and flags teleports. One problem: it reads positions from the client packet instead of from server state.
U: We never trust client positions.
A[dec-auth]: Right — the server is authoritative. Clients send inputs (move vector, aim, buttons), the server simulates, and the client only predicts locally and reconciles with snapshots. If anti-cheat checked client-reported positions, a speed-hacked client could simply lie about them. I'll suggest checking input rates and aim deltas instead.
U[ac-own-old]: Leave that as a PR comment — Yuki owns anti-cheat, so it's her call how to restructure it.
A: Commented on PR #57 with the suggested approach.
U: Where do we keep sessions for reconnects?
A[redis]: In Redis. On join we store `session:<token>` → {player_id, match_id, server address} with a TTL; on reconnect the gateway looks it up and routes the player back to their server.
U: OK. Write a test for token expiry.
A: Added a test with miniredis that fast-forwards past the TTL; it passes.
"""),
("2023-10-31", r"""
U: Felix says 7777 is a problem on the Hetzner boxes — the old game-jam prototype still runs there on that port, and some players' routers have QoS rules on 7777 for other games. Pick something free in the 78xx range.
A[port-new]: Moved the game server to UDP 7850: the `-listen` flag defaults to `:7850`, the Ansible firewall role opens 7850/udp, and `server_port` in the client's `config/client.json` is 7850. I left the prototype alone.
U: Next, logrus allocates a ton in the hot path, the profiler is full of it.
A: Yes, logrus builds a map for every WithFields call. At 20 Hz across 40 matches that adds up. zerolog avoids allocations for typical use.
U: Switch to zerolog.
A[log-2]: All logging goes through zerolog now, with a shared logger in `internal/obs/log.go`; match and player ids are attached via child loggers. Allocations in the tick loop dropped about 35% in the benchmark.
U: Nice. Happy Halloween, by the way.
A: Happy Halloween! The benchmark numbers are in the PR description if you want to double-check.
U: Will do after lunch.
A: I'll rebase it on main in the meantime, there's a conflict in go.sum.
"""),
("2023-11-09", r"""
U: Playtest feedback: hit registration feels off and movement floaty. Noor thinks 20 Hz is too low.
A: At 20 Hz with two ticks of interpolation delay, remote players are shown about 100 ms in the past, which is noticeable when people strafe fast. 30 Hz would cut that to ~66 ms; CPU per match goes up roughly 1.5x.
U: We have headroom. Do 30.
A[tick-30]: Set `TickRate = 30` in `internal/sim/config.go`; the server ticks every 33.3 ms and sends snapshots at 30 Hz. Movement constants are per second, so gameplay speeds don't change.
U: One thing in the diff: `sim/projectile.go` calls time.Now().
A: It uses the wall clock to age projectiles.
U[pref-clock]: Never call time.Now() in simulation code. Everything in sim works from the tick counter, otherwise replays and tests aren't deterministic.
A: Switched projectile ageing to tick counts, and added a forbidigo lint rule that bans time.Now inside internal/sim.
U: How long do we keep a player's slot when they drop?
A[grace-old]: 15 seconds. The match keeps the player's entity frozen for 15 s; if they come back with a valid session in that window they resume, otherwise they're removed.
U: OK for now.
"""),
("2023-11-20", r"""
U: Felix proposes running on Agones on GKE instead of managing the Hetzner boxes ourselves. Pros and cons?
A: Pros: fleets that autoscale, health checks, an allocation API the matchmaker can call, and rolling updates that don't kill live matches. Cons: GKE costs more than bare metal at our size, and we need to containerise the server and deal with dynamic host ports.
U: Let's do a trial after the next playtest.
A: I'll prepare the Dockerfile and a Fleet manifest on a branch so the trial is quick to start.
U: Hana wants bigger matches for the new map.
A: The new map is about 1.6x larger. Both the matchmaker and the server read MaxPlayers.
U: Go up to 12.
A[lobby-12]: Set `MaxPlayers = 12`; the matchmaker starts a match at 12 queued players or after 30 s with at least 6. A 12-player snapshot is around 1.1 KB, still under the MTU.
U: Also someone reported shooting through thin walls.
A[loc-hitreg]: Hit validation lives in `internal/sim/hitreg.go`. The raycast stepped in 0.5 m increments and the thin walls are 0.3 m thick, so a step could jump right over them. I replaced the stepping with a proper segment-vs-AABB test.
U: Good catch.
"""),
("2023-11-30", r"""
U: Let's replace JSON on the wire. Packets are too big at 30 Hz.
A: Options: protobuf (schemas, good Go support), flatbuffers (zero-copy), or a hand-rolled binary format. Protobuf gets us most of the win with tooling we already know.
U: Protobuf.
A[ser-new]: The wire format is protobuf now. Messages are defined in `proto/skirmish/v1/` and generated with buf into `internal/wire/pb`. An input packet went from ~180 to 23 bytes and a 12-player snapshot from ~1.1 KB to ~380 bytes.
U: Next: rubber-banding reports at high ping, SKR-88.
A: Reproduced it with 150 ms latency and 2% loss using the netem profile. Digging in.
U: Anything?
A[dbg-rubber]: Found it. After a lost input packet, the server's reconciliation matched acks to inputs by arrival order, so it was off by one and acknowledged the wrong input; the client then snapped back to a stale position. Fix: the server acks by each input's own sequence number, and the client replays every unacked input from that sequence. With the netem profile the snapbacks are gone.
U: Ship it to the test server.
A: Deployed to the Hetzner test box; Noor will verify tonight.
"""),
("2023-12-11", r"""
U: From now on branches need the Jira key in the name — Felix's automation links PRs by branch name.
A[br-new]: Got it: branches are named `SKR-<number>-<slug>`, e.g. `SKR-142-agones-fleet` — ticket key first, then a short kebab-case slug. I renamed my open `feature/agones` branch to `SKR-142-agones-fleet` and updated CONTRIBUTING.md, which still described the old feature/ prefix.
U: Bram suggested moving sessions from Redis to KeyDB because it's multithreaded.
A: Our Redis does about 2k ops/s at peak, nowhere near saturating one core. KeyDB would be one more thing to operate, and its maintenance has slowed down lately.
U[redis-keep]: Agreed, the session store stays on Redis. Bram can bring it up again if we ever hit limits.
A: I'll write it down as ADR-007 in the adr folder so it doesn't come up every month.
U: Where can I see tick duration per match?
A[ref-honey]: The Honeycomb board "match-tick-latency" has p50/p99 tick duration per match and per server; the sim emits one span per tick tagged with match_id.
U: p99 looks fine.
A: Yes, around 4.1 ms at 30 Hz, so there's plenty of budget before the 33 ms deadline.
"""),
("2023-12-19", r"""
U: The Agones trial went well. Felix wants to move for good.
A: The Fleet ran three days under the bot swarm without issues; allocation latency was around 150 ms.
U[host-dec]: Let's move then. The main reasons: the matchmaker can allocate servers through the Agones API instead of our homemade registry, and nobody has to babysit bare-metal boxes at 2am when a disk fills up.
A[host-new]: Cut over: all production game servers run as Agones GameServers on GKE in europe-west3, with a Fleet autoscaler buffer of 10 ready servers, and the matchmaker calls the allocation endpoint. The Hetzner boxes are drained and get cancelled at the end of the month.
U: Load test?
A[loc-bots]: Ran the bot swarm from `tools/botswarm/` with 2,000 bots (about 170 matches): ~38% CPU per server, no dropped ticks.
U: Merry Christmas in advance, I'm off until the 8th.
A: Enjoy! I'll keep an eye on the fleet.
"""),
("2024-01-08", r"""
U: Back. Anything happen?
A: Mostly quiet. One thing: GameServers that host many matches in a row slowly grow in memory until they get OOMKilled.
U: Leak?
A[dbg-leak]: Yes, a goroutine leak. Each match starts a `time.AfterFunc` per player for the reconnect window, and on match end we never stopped those timers, so each held a closure over the whole match state. pprof showed ~40k goroutines after a day. Match cleanup now stops all reconnect timers and cancels a match-scoped context; goroutine count stays flat.
U: Anti-cheat flagged some accounts over the holidays.
A[ac-flag]: The speed-hack heuristic in `internal/anticheat/speed.go` flagged 14 accounts for sustained input rates above 60 per second. Eleven look like genuine cheaters using a packet replay tool.
U[ac-own-new]: Send the list to Bram; anti-cheat is his area and he decides on bans.
A: Sent to Bram with the replay files attached.
U: Hana also says 12 players feels crowded on the smaller maps. Let's try 10 after the community tournament.
A: Noted — I'll prepare the config change so it's ready after the tournament.
"""),
("2024-01-17", r"""
U: Noor wants 60 Hz for the competitive mode.
A: At 60 Hz, CPU per match roughly doubles compared to 30 Hz, so roughly double the GKE bill with the current fleet. Bandwidth per player goes from ~11 KB/s to ~22 KB/s.
U: And the benefit?
A: Interpolation delay would drop from ~66 ms to ~33 ms. Top players would notice; most probably wouldn't.
U[tick-keep]: Talked it over with Felix — no 60 Hz. The server stays at 30 Hz for every mode; doubling the cost isn't worth it right now.
A: OK, I'll close the spike PR.
U: Yuki asked about the old anti-cheat tests. She's on the client team now but still cares about them.
A: They're still in `internal/anticheat/testdata`; Bram kept all of them.
U[pref-loop]: By the way, I saw a PR that starts a goroutine per player to process inputs. We don't do that: one goroutine runs a match's tick loop, inputs are queued and drained at the start of each tick, and there are no locks in sim.
A: I'll request changes with that explanation and a link to the tick loop in `internal/match/loop.go`.
"""),
("2024-01-29", r"""
U: Go 1.21 is in our images now, and Felix wants fewer dependencies.
A: log/slog is in the standard library since 1.21. Moving off zerolog drops a dependency, and slog with a JSON handler is fast enough for us as long as nothing logs per tick.
U: Do it.
A[log-3]: Replaced zerolog with log/slog everywhere: a JSON handler on stdout, match_id and player_id attached with `logger.With`. `internal/obs/log.go` now just builds the slog logger, and the tick loop no longer logs per tick.
U: The matchmaker queue times look better now.
A[lobby-10]: Yes — with matches at 10 players the queue fills faster; median wait dropped from 38 s to 22 s.
U: Nice. Anything left stale after the logging swap?
A: The Loki query in the runbook filtered on zerolog's lowercase level values; slog writes them uppercase. I updated the query.
U: Cool.
"""),
("2024-02-12", r"""
U: Players on mobile hotspots complain they get kicked after a short disconnect.
A[grace-new]: A match keeps a disconnected player's slot for 30 seconds before removing them, but most of those reports show reconnects taking 35–50 s, because the client waits for its own socket timeout before retrying. I'd fix that on the client: retry immediately on a socket error.
U: Do the client change. Also, a new hire asked where the netcode design is written down.
A[ref-notion]: The "Netcode v2" doc in Notion (Engineering → Skirmish) covers inputs, snapshots, reconciliation and the reliability layer; it was updated after the protobuf switch.
U: They asked about test style too.
A: What should I tell them?
U: Table-driven tests with t.Run subtests, and sim tests only use a fixed seed and tick counts.
A: Added a TESTING.md with two examples and linked it from CONTRIBUTING.md.
U: What did the fleet cost in January?
A: The GKE bill was about €2,300 for January, compared to roughly €900 for the Hetzner boxes before. Felix expected that.
"""),
("2024-02-26", r"""
U: Season 1 launch checklist. What's left?
A: Load test at 5,000 bots, the anti-cheat ban pipeline (Bram), and removing the Hetzner Ansible roles from the infra repo.
U: Run the load test.
A: The bot swarm with 5,000 bots: 500 matches across 58 GameServers, p99 tick 5.2 ms, no OOMs, and the autoscaler kept its buffer.
U: Remove the Hetzner stuff.
A: Removed `ansible/roles/arena_host` and the firewall role, which still had an old rule for 7777 from the jam prototype days.
U: Anything still decoding JSON packets?
A: The `pktdump` debug tool still had a JSON decoder; it now decodes protobuf using the generated descriptors.
U: Great. Launch is Thursday.
A: I'll watch the Honeycomb board during the launch.
"""),
]

P3_QUESTIONS = [
    ("current-state", "What tick rate does the server simulate at now?", ["tick-30", "tick-keep"]),
    ("current-state", "Where do the production game servers run?", ["host-new"]),
    ("current-state", "Which UDP port does the arena server listen on?", ["port-new"]),
    ("current-state", "What's the wire encoding between client and server these days?", ["ser-new"]),
    ("current-state", "How many players can join one match?", ["lobby-10"]),
    ("current-state", "Which logging library does the server use currently?", ["log-3"]),
    ("current-state", "Who makes the calls on anti-cheat and bans right now?", ["ac-own-new"]),
    ("current-state", "How should I name a new git branch?", ["br-new"]),
    ("current-state", "How long is a disconnected player's slot held before they're removed?", ["grace-new"]),
    ("current-state", "What do we use to store reconnect sessions at the moment?", ["redis", "redis-keep"]),
    ("past-state", "Where did the game servers run before Kubernetes?", ["host-old"]),
    ("past-state", "What was the player cap per match right before it became 10?", ["lobby-12"]),
    ("past-state", "Which logger sat between logrus and the current one?", ["log-2"]),
    ("past-state", "What format did the original network protocol use for messages?", ["ser-old"]),
    ("decision", "Why did we build on raw UDP rather than WebSockets?", ["dec-udp"]),
    ("decision", "Why doesn't anti-cheat look at the positions the client reports?", ["dec-auth"]),
    ("decision", "What were the reasons for moving the servers to Agones?", ["host-dec"]),
    ("preference", "Can simulation code read the wall clock?", ["pref-clock"]),
    ("preference", "Is it fine to spin up a goroutine per player to handle inputs?", ["pref-loop"]),
    ("location", "Which file does hit validation live in?", ["loc-hitreg"]),
    ("location", "Where's the bot swarm tool we use for load tests?", ["loc-bots"]),
    ("reference", "Which Honeycomb board shows tick duration per match?", ["ref-honey"]),
    ("reference", "Where's the netcode design doc?", ["ref-notion"]),
    ("debugging", "What caused the rubber-banding at high ping and how was it fixed?", ["dbg-rubber"]),
    ("debugging", "Why did game servers keep growing in memory until they were OOMKilled?", ["dbg-leak"]),
    ("temporal", "When did we raise the tick rate from 20 Hz?", ["tick-30"]),
    ("temporal", "What changed about branch naming in December?", ["br-new"]),
    ("multi-hop", "Who should get the list of accounts flagged by the speed-hack heuristic?", ["ac-flag", "ac-own-new"]),
    ("multi-hop", "At the current tick rate, how many ticks does a dropped player's reconnect window last?", ["tick-30", "tick-keep", "grace-new"]),
]

# ---------------------------------------------------------------------------
# Project 4: opsdesk (internal logistics admin tool, Django + HTMX)
# ---------------------------------------------------------------------------

P4_SESSIONS = [
("2024-05-06", r"""
U: I'm taking over opsdesk from Omar's team. Give me the lay of the land?
A[fe]: It's a Django 4.2 monolith. Pages are server-rendered templates with HTMX for the interactive parts — inline edits, filters, the shipment timeline — and no SPA framework. Apps: `shipments`, `carriers`, `billing`, `accounts` and `core`.
U: How do people log in?
A[auth-1]: Plain Django auth: username and password in `auth_user`, with django-otp TOTP required for admins. Support staff accounts are created by hand in the Django admin.
U: Where does it run?
A[host-old]: On Heroku: a `web` process (2 Standard-2X dynos) and a `worker` dyno for Celery, deployed through a Heroku pipeline.
U: And settings and secrets?
A[cfg-old]: `settings.py` reads everything from environment variables through django-environ — locally from a `.env` file (template in `.env.example`), in production from the Heroku config vars.
U: OK. Let me run it locally.
A: `docker compose up` starts Django, MySQL and RabbitMQ; I loaded the `demo_fixtures`, so you can log in locally as admin/admin.
U: Works. Thanks.
"""),
("2024-05-15", r"""
U: The nightly carrier invoice reconciliation failed last night.
A[recon]: The `reconcile_carrier_invoices` Celery task — in `billing/tasks.py`, scheduled by celery beat at 02:00 — died with "Lock wait timeout exceeded" while updating invoice lines.
U: What's holding the locks?
A[db-old]: The shipment import also runs at 02:00 and updates the same rows. We're on MySQL 5.7 with REPEATABLE READ, which takes gap locks on the range scan, so the two jobs block each other.
U: Move the reconciliation to 03:30.
A: Done in the beat schedule, and the task now retries once after 10 minutes on a lock timeout.
U: Why didn't Celery retry it on its own?
A[broker-old]: The RabbitMQ broker had the message acked before execution because `acks_late` was off, so when the worker process crashed the message was simply gone. I enabled `acks_late` for this task.
U: Push it to master.
A[br-old]: Pushed a branch and opened PR #341 against master — that's the default branch here, and Heroku auto-deploys master to staging.
"""),
("2024-05-24", r"""
U: Julia from support wants to export more than 10,000 shipments to CSV.
A[csv-old]: The export view is capped at 10,000 rows (`EXPORT_MAX_ROWS = 10_000` in `shipments/exports.py`) because it builds the whole file in memory inside the request.
U: Let's not touch it yet. What's our request timeout exactly?
A[to-1]: Gunicorn runs with `--timeout 30` in the Procfile, and Heroku's router also cuts requests at 30 seconds, so 30 s is the effective limit.
U: Fine. Another thing: a support agent deleted a shipment by accident and finance wants to know where it went.
A[dec-soft]: Luckily shipments are never hard-deleted: `Shipment.delete()` sets `deleted_at` and the default manager hides those rows. That was decided because finance reconciles carrier invoices against shipments months later, and a hard delete would break the invoice matching and the audit trail. I restored it by clearing deleted_at.
U: When can a fix for the delete button go out?
A[dep-old]: Next deploy window is Tuesday at 10:00 — production deploys happen on Tuesdays and Thursdays, per the ops calendar.
U: OK.
A: I added a "Restore" admin action for soft-deleted shipments so support can undo this themselves next time.
"""),
("2024-06-04", r"""
U: IT is rolling out Okta for all internal tools, and opsdesk has to be on it by the end of the week.
A: I'd use mozilla-django-oidc against the Okta org: login redirects to Okta, and on every login we map the Okta groups `opsdesk-support`, `opsdesk-billing` and `opsdesk-admin` to Django groups.
U: Go.
A[auth-2]: Done: login goes through Okta via OIDC, password login is disabled except for one break-glass superuser, and group membership syncs from the Okta claims. Tested with my account and a support test user.
U: Who should check that the billing adjustments page still has the right permissions?
A: It's guarded by `billing.change_adjustment` and it's the most sensitive page we have.
U[bill-own-old]: Sam owns billing adjustments; ask him to test with a billing account.
A: Pinged Sam with the staging link.
U[pref-perm]: Also make sure every view has `@requires_perm`. No view without an explicit permission decorator — not even read-only ones.
A: Wrote a test that walks the URLconf and fails for any view missing the decorator. It found two, `carrier_logo` and `healthz`; I decorated carrier_logo and whitelisted healthz.
"""),
("2024-06-13", r"""
U: The carrier performance report times out now, it takes about 70 seconds to build.
A: It aggregates six months of shipments in Python, and requests are cut at 30 s. Short term we can give it more time; long term it should be precomputed.
U: Short term first.
A[to-2]: Raised gunicorn's `--timeout` from 30 to 120 seconds and made the report a StreamingHttpResponse, so rows start flowing right away. It completes in about 70 s without errors now.
U: The query plan for that report is awful too.
A: MySQL 5.7 has no window functions and the carrier JSON columns can't be indexed well. Postgres would give us window functions, partial indexes and JSONB with GIN indexes.
U[db-dec]: Let's plan the move to Postgres. MySQL 5.7 went end-of-life last October and security flagged it in the audit, so we have to leave it anyway — and Postgres because the rest of the company runs it and RDS Postgres is what platform supports.
A: I'll draft the plan: pgloader for the data, a 30-minute write freeze, and row-count plus checksum comparisons per table.
U: Viktor asked where the group-to-permission mapping is written down.
A[ref-matrix]: The "Opsdesk Access Matrix" page on Confluence lists each SSO group and the Django permissions it grants; I updated it after the Okta switch.
"""),
("2024-06-25", r"""
U: Omar's platform team is renaming default branches to main everywhere.
A: For opsdesk that means renaming master, moving branch protection and changing the Heroku pipeline's auto-deploy branch.
U: Do it today.
A[br-new]: The default branch is `main` now. GitHub redirects old links, branch protection moved over, and Heroku auto-deploys `main` to staging. Local clones need `git branch -m master main && git fetch && git branch -u origin/main main`.
U: Omar also says platform wants opsdesk on ECS Fargate with RDS by August, so Heroku's days are numbered.
A: That lines up with the Postgres move — we could do both in one cut-over: RDS Postgres and the app on Fargate behind an ALB. I'll need the Terraform module from platform.
U: Support says a filter click sometimes shows the whole login page inside the table.
A[dbg-htmx]: That's session expiry. The HTMX request gets a 302 to the SSO login, htmx follows it and swaps the full login page into the table target. Fix: a middleware that, for requests carrying `HX-Request`, answers with an `HX-Redirect` header pointing at the login URL instead of a 302, so the browser does a full navigation.
U: Nice. Where do the HTMX partials live? I want to tweak the filter row myself.
A[loc-partials]: In `templates/partials/`, named after the component — this one is `templates/partials/shipment_filters.html`. Views return a partial when `request.htmx` is true.
"""),
("2024-07-03", r"""
U: Leah suggested rewriting the frontend in React because the billing pages are getting complex.
A: There are about 40 HTMX templates. A React rewrite means an API for everything, a JS build pipeline, and duplicating permission logic on the client. The genuinely complex part is two billing pages.
U[fe-keep]: Yeah, we're not doing React. We stay server-rendered with HTMX, and where the two billing pages need more client-side behaviour we can add a bit of Alpine.js. One codebase, and permissions are enforced in views only.
A: I'll answer on Leah's RFC with that and prototype the adjustment editor with Alpine.
U: Finance says the billing adjustments CSV export has duplicated rows.
A[dbg-csv]: The billing adjustments export filters with `shipment__tags__name__in=[...]`, so a shipment with two matching tags is joined twice and its adjustment appears once per matching tag. Fix: `.distinct()` on the queryset, plus a test with a shipment carrying two tags.
U: I saw raw SQL in your first draft of that fix, though.
A: Yes, I'd tried a raw SELECT DISTINCT ON while exploring.
U[pref-orm]: Stick to the ORM. Raw SQL only when EXPLAIN shows the ORM query can't be fixed any other way, and then with a comment explaining why.
A: Replaced it with `.distinct()`; EXPLAIN shows the same plan. Tests: 412 passed.
"""),
("2024-07-15", r"""
U: Did the cut-over weekend go OK?
A[db-new]: Yes. The data moved with pgloader during Saturday's freeze, and row counts and checksums match for all 63 tables. opsdesk runs on PostgreSQL 15 on RDS, with the psycopg backend in `DATABASES`.
U: And the app itself?
A[host-new]: Web and worker containers run on ECS Fargate behind an ALB — 2 web tasks, 1 worker, 1 beat — and DNS has pointed at the ALB since Sunday 08:00. The Heroku app is in maintenance mode as a fallback for one week.
U: Did anything break?
A: Two things. A legacy management command used MySQL's `DATE_FORMAT` in raw SQL; I rewrote it with `TruncMonth`. And MySQL's default collation was case-insensitive, so shipment search by reference became case-sensitive; I switched those filters to `icontains`/`iexact`.
U: Search feels slow now though.
A: Yes, `icontains` on tracking_number does a sequential scan over about 4M rows.
U: Fix it next week.
A: I'll look at a trigram index.
"""),
("2024-07-24", r"""
U: Viktor's follow-up: secrets are still plain env vars in the ECS task definition, readable by anyone with console access.
A: We could keep them in SSM Parameter Store as SecureStrings and give only the task role permission to decrypt.
U: Do that.
A[cfg-new]: Done: staging and prod settings come from SSM Parameter Store under `/opsdesk/<env>/`, loaded at startup by `opsdesk/settings/ssm.py`; the task definitions only set `OPSDESK_ENV`. Local development still reads the `.env` file.
U: Finance also wants a new column in the billing adjustments export.
A: `adjustment_reason_code` — a small change in `billing/exports.py`.
U[bill-own-new]: Send it to Leah for review, billing adjustments is hers.
A: Requested Leah's review on PR #488.
U: Did we delete the Heroku app?
A: Yes, the fallback week is over. I took a final backup to S3, then removed the Heroku app and its JawsDB MySQL add-on.
"""),
("2024-08-05", r"""
U: Shipment search: did the trigram index work?
A[dbg-search]: Yes. After the Postgres move, `tracking_number__icontains` became a sequential scan (~2.8 s on 4M rows), because a B-tree can't serve `ILIKE '%...%'`. I enabled pg_trgm and added GIN trigram indexes on tracking_number and reference; the same search takes about 40 ms now.
U: Great. Julia is asking about the export limit again.
A: Now that exports can run in the background, we can raise it.
U: How high?
A[csv-new]: I raised the cap to 50,000 rows (`EXPORT_MAX_ROWS = 50_000`). Anything over 2,000 rows is built in the background and emailed as a signed S3 link.
U: Background as in Celery?
A[broker-new]: Yes, a `build_export` Celery task. It's queued through the ElastiCache Redis broker like all our other tasks, and the worker writes the CSV to S3 in chunks.
U: OK. Test suite?
A: 431 passed, 2 skipped — the two MySQL-only tests, which I'll delete.
"""),
("2024-08-19", r"""
U: The ALB is returning 504s on the carrier report sometimes.
A: The ALB idle timeout is 60 s but gunicorn allows 120 s, so slow requests get cut by the ALB while the worker keeps going.
U: The report is precomputed nightly now, right?
A: Yes, since last week the nightly job fills `carrier_report_snapshot`, so the page renders in under a second. Nothing legitimate needs 120 s anymore.
U: Then line them up.
A[to-3]: Set gunicorn's `--timeout` to 60 seconds to match the ALB idle timeout; anything slow belongs in Celery.
U: Where's the nightly snapshot command? I want to run it by hand.
A[loc-commands]: Management commands live under `opsdesk/core/management/commands/`; this one is `build_carrier_snapshot.py`, so `python manage.py build_carrier_snapshot --date 2024-08-18`.
U: Ran it, works. The whole site feels snappy now.
A: p95 on the ALB metrics is around 180 ms this week.
"""),
("2024-08-29", r"""
U: Big news from IT: with the M365 migration the company is moving from Okta to Microsoft Entra ID. The Okta contract ends September 30.
A: mozilla-django-oidc works with Entra too. We need a new app registration, the tenant's issuer URL, and group claims — Entra sends group object ids rather than names, so we need a mapping.
U: Do it, IT gave us the app registration.
A[auth-3]: Switched: opsdesk signs users in with Microsoft Entra ID over OIDC. Group object ids map to our Django groups through `OIDC_GROUP_MAP` (kept in SSM), and the break-glass superuser still works. Okta login is disabled in prod.
U: Update the access matrix page too.
A: Updated "Opsdesk Access Matrix": the Okta group names are replaced with the Entra groups `SG-Opsdesk-Support`, `SG-Opsdesk-Billing` and `SG-Opsdesk-Admin`.
U: Julia can't log in.
A: Her account isn't in SG-Opsdesk-Support yet, so Entra returned no groups. I asked IT to add her.
U: Thanks.
A: I also added a clearer error page for users who have no mapped group, instead of the bare 403.
"""),
("2024-09-12", r"""
U: The deploy windows are annoying now that the tests are decent.
A: The ECS deploy is a rolling update with health checks, and rolling back is one click.
U[dep-new]: Agreed with Omar: from today every merge to main goes straight to production through the pipeline — no more Tuesday/Thursday windows.
A: Updated the GitHub Actions workflow: merge to main → build → deploy to staging → smoke tests → deploy to prod automatically.
U: If something breaks, where do we look first?
A[ref-sentry]: The Sentry project "opsdesk-prod". Releases are tagged with the git SHA, so you can see which merge introduced an error.
U: Good. We also need a new permission for carrier rates.
A: Added `carriers.manage_rates` to `opsdesk/permissions.py` and to the access matrix page.
U: OK.
A: The first automatic deploy went out at 14:12, about 9 minutes from merge to production.
"""),
("2024-09-30", r"""
U: Okta is officially gone today. Does anything in the code still mention it?
A: The `okta_groups` claim fallback in `accounts/oidc.py` and a comment in settings. Removed both; nothing references Okta anymore.
U: And RabbitMQ?
A: `docker-compose.yml` still had a RabbitMQ service for local dev, unused since the AWS move. I removed it.
U: The CI badge in the readme still points at master.
A: Fixed the badge URL.
U: Julia says exports are much better now.
A: The largest export this month was 41,000 rows, built in about 50 seconds in the background.
U: Good. Quick test run before I sign off?
A: 446 passed, 0 failed.
"""),
]

P4_QUESTIONS = [
    ("current-state", "Which identity provider do people sign in with these days?", ["auth-3"]),
    ("current-state", "What database does opsdesk run on?", ["db-new"]),
    ("current-state", "Where do the production secrets and settings come from now?", ["cfg-new"]),
    ("current-state", "Where is opsdesk hosted?", ["host-new"]),
    ("current-state", "What's the repo's default branch?", ["br-new"]),
    ("current-state", "How many rows can a CSV export contain?", ["csv-new"]),
    ("current-state", "What's the gunicorn request timeout set to currently?", ["to-3"]),
    ("current-state", "Who reviews changes to the billing adjustments page right now?", ["bill-own-new"]),
    ("current-state", "Which message broker does Celery use?", ["broker-new"]),
    ("current-state", "What is the frontend built with at the moment?", ["fe", "fe-keep"]),
    ("past-state", "Which SSO provider did we use before Entra?", ["auth-2"]),
    ("past-state", "Which database did we migrate away from?", ["db-old"]),
    ("past-state", "What was the request timeout before it was brought down to 60 seconds?", ["to-2"]),
    ("past-state", "What was the original row cap on CSV exports?", ["csv-old"]),
    ("decision", "Why are shipments soft-deleted instead of removed?", ["dec-soft"]),
    ("decision", "What were the reasons for moving to Postgres?", ["db-dec"]),
    ("decision", "Why did we turn down the React rewrite?", ["fe-keep"]),
    ("preference", "Is raw SQL acceptable in a fix?", ["pref-orm"]),
    ("preference", "What's the rule about permission checks on views?", ["pref-perm"]),
    ("location", "Where are the HTMX partial templates?", ["loc-partials"]),
    ("location", "Which directory holds the Django management commands?", ["loc-commands"]),
    ("reference", "Which Sentry project should I check for production errors?", ["ref-sentry"]),
    ("reference", "Which Confluence page documents what each SSO group is allowed to do?", ["ref-matrix"]),
    ("debugging", "Why did the login page sometimes show up inside the shipments table?", ["dbg-htmx"]),
    ("debugging", "Why did the billing adjustments export contain duplicate rows?", ["dbg-csv"]),
    ("temporal", "When did we stop deploying only in fixed windows?", ["dep-new"]),
    ("temporal", "What happened to the sign-in setup in early June?", ["auth-2"]),
    ("multi-hop", "Who should review a fix to the export that had duplicated rows?", ["dbg-csv", "bill-own-new"]),
    ("multi-hop", "Which broker does the nightly carrier invoice reconciliation job go through?", ["recon", "broker-new"]),
]

# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------

PROJECTS = [
    ("fernbank-mobile", P1_SESSIONS, P1_QUESTIONS),
    ("grainline", P2_SESSIONS, P2_QUESTIONS),
    ("skirmish", P3_SESSIONS, P3_QUESTIONS),
    ("opsdesk", P4_SESSIONS, P4_QUESTIONS),
]


def parse_block(block):
    """Yield (speaker, label, text) for each non-empty line of a session."""
    for raw in block.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        m = LINE.match(line)
        if not m:
            raise ValueError("bad turn line: %r" % line[:80])
        speaker = "user" if m.group(1) == "U" else "assistant"
        yield speaker, m.group(2), m.group(3).strip()


def build():
    sessions = []
    questions = []
    for pnum, (project, psessions, pquestions) in enumerate(PROJECTS, 1):
        labels = {}
        for snum, (date, block) in enumerate(psessions, 1):
            sid = "p%d-s%02d" % (pnum, snum)
            turns = []
            for tnum, (speaker, label, text) in enumerate(parse_block(block), 1):
                tid = "%s-t%02d" % (sid, tnum)
                if label:
                    if label in labels:
                        raise ValueError("duplicate label %s in %s" % (label, project))
                    labels[label] = tid
                turns.append({"id": tid, "speaker": speaker, "text": text})
            sessions.append({"id": sid, "date": date, "project": project, "turns": turns})
        for qnum, (category, question, evidence) in enumerate(pquestions, 1):
            missing = [e for e in evidence if e not in labels]
            if missing:
                raise ValueError("unknown evidence labels %s in %s" % (missing, project))
            questions.append({
                "id": "p%d-q%02d" % (pnum, qnum),
                "question": question,
                "evidence": [labels[e] for e in evidence],
                "category": category,
                "project": project,
            })
    return {"name": "histories_blind_a", "sessions": sessions, "questions": questions}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="-", help="output JSON path ('-' for stdout)")
    args = parser.parse_args(argv)
    data = build()
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
