#!/usr/bin/env python3
"""Blind hand-written coding-agent histories, set C.

Four fictional software projects, each a series of work sessions between a
developer ("user") and a coding agent ("assistant"), plus recall questions
whose evidence is the turn(s) holding the answer.  Every text below is written
by hand as a data literal; the script only assigns ids and writes JSON.

    python benchmarks/histories_blind_c.py -o OUT.json

Stdlib only, deterministic output.
"""

from __future__ import annotations

from datetime import date

U = "user"
A = "assistant"

# Each project: code, name, sessions = [(iso_date, [turn, ...])], where a turn
# is (speaker, text) or (speaker, text, key) and key is a label (or tuple of
# labels) that questions use as evidence.  Questions: (category, text, [keys]).

PROJECTS = []

# ---------------------------------------------------------------------------
# c1: spokeshop-checkout -- e-commerce checkout service (Django, Celery)
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "c1",
    "project": "spokeshop-checkout",
    "sessions": [
        ("2024-01-08", [
            (U, "Morning. I'd like you to help me on the checkout service for the next few months. Lay of the land: Django 4.2, Celery workers for the async stuff (payment capture, emails), Postgres 15. Card payments go through Braintree today and order confirmation emails are sent with SendGrid.", "c1_braintree"),
            (A, "Sounds good. I skimmed the repo: `checkout/` holds the Django apps (cart, orders, payments, tax, shipping) and `worker/` has the Celery app and beat schedule. Celery's broker is Redis: `CELERY_BROKER_URL` points at redis://redis-checkout:6379/2 in settings/base.py, and results are ignored. Anything you want me to stay away from?", "c1_redis"),
            (U, "Two things. Never run migrations against the shared staging database yourself. Write them, I'll apply them. And anything touching payments needs Marta's review before it merges, she knows the Braintree integration inside out.", "c1_marta"),
            (A, "Understood on both. I'll prepare migrations with `makemigrations` and stop there, and I'll tag Marta on payments PRs."),
            (U, "Also keep in mind the inventory hold: when a customer reaches the payment step we reserve the stock for 15 minutes, then it's released. We'll be poking at that logic soon.", "c1_hold15"),
            (A, "Found it: `RESERVATION_TTL = timedelta(minutes=15)` in checkout/cart/reservations.py, plus a beat task `release_expired_reservations` that runs every minute and frees expired holds."),
            (U, "Yep that's it. Run the suite so we know the baseline."),
            (A, "`pytest -q`: 812 passed, 3 skipped, 1 xfailed in 2m41s. The 3 skips are Braintree sandbox tests that need credentials, and the xfail is a known rounding issue in the shipping estimator that has a ticket attached."),
            (U, "good, that's our baseline then"),
        ]),
        ("2024-01-15", [
            (U, "Can you check which Python we're on? Dockerfile and CI should agree."),
            (A, "They do: 3.10 everywhere. `FROM python:3.10-slim` in the Dockerfile, `python-version: '3.10'` in .github/workflows/ci.yml, and tox.ini only lists py310."),
            (U, "ok. Small task: ticket CHK-118, put the order number into the payment descriptor so people recognise the charge on their statement."),
            (A, "Done on branch chk-118-descriptor. The descriptor is built as `SPOKESHOP*<order no>` and truncated to 22 characters because the card networks cap it there. Added two tests for the truncation."),
            (U, "Commit message style: ticket id first, then an imperative summary, like `CHK-118: Add order number to payment descriptor`. We don't do the feat:/fix: conventional-commit prefixes here.", "c1_pref_commit"),
            (A, "Amended to `CHK-118: Add order number to payment descriptor`. I'll stick to that format."),
            (U, "When can it ship? We deploy Tuesdays and Thursdays at 10:00 UTC, so Thursday I guess.", "c1_deploy_old"),
            (A, "Thursday 10:00 UTC works. Merging to the staging branch deploys to staging.spokeshop.dev automatically, so you can check it there before then."),
            (U, "👍"),
        ]),
        ("2024-01-24", [
            (U, "Let's move to Python 3.11. 3.10 is fine but the tax calculation is CPU-bound and the 3.11 speedups are real."),
            (A, "Plan: base image python:3.11-slim, CI matrix 3.11, tox py311, regenerate the lockfile. Dependency check: psycopg2-binary 2.9.9, braintree 4.24, celery 5.3, django-ratelimit 4.1 all publish 3.11 wheels."),
            (U, "go"),
            (A, "Done, the Dockerfile, CI and tox are all on Python 3.11 now. 812 passed. There's a deprecation warning for `datetime.utcnow()` in orders/models.py, harmless for now but easy to fix while we're here.", "c1_py311"),
            (U, "yes fix it, use timezone.now()"),
            (A, "Replaced 4 usages with `django.utils.timezone.now()`. Suite still green, and the tax benchmark went from 41ms to 29ms per 100-line cart."),
            (U, "Nice. Side question, since you're in there: do we compute VAT ourselves or call out to something?"),
            (A, "In-house. `checkout/tax/calculator.py` loads the per-country rates from checkout/tax/rates/eu_2024.yaml and applies them by shipping country. The UK table lives in that same yaml file.", "c1_loc_vat"),
            (U, "Right, now I remember. We evaluated TaxJar last year and said no: we only ship to the EU and the UK, the rate tables are simple, and paying per API call for what is basically a yaml lookup felt silly. So it stays in-house.", "c1_dec_tax"),
            (A, "Makes sense. I'll put a short note in the module docstring so nobody re-opens that question without context."),
        ]),
        ("2024-02-06", [
            (U, "Support keeps forwarding complaints: carts get released while people are still typing card details, mostly when the bank throws a 3DS challenge. Raise the hold from 15 to 20 minutes.", "c1_hold20"),
            (A, "Changed RESERVATION_TTL accordingly. The frontend countdown reads the value from /api/cart/config, so it follows without a frontend deploy. Updated test_reservation_ttl."),
            (U, "cool"),
            (A, "Tests pass. Heads-up though: test_reservation_expiry failed once locally at 23:58 and passed on rerun. I'll dig into it separately."),
            (U, "ok. Also, finance wants us to look at moving off Braintree. For our volume Adyen's fees are lower and it gives us iDEAL and SEPA out of the box. Nothing is decided, just start reading the Adyen docs."),
            (A, "Will do. Their Python library is `Adyen` on PyPI; the natural fit would be the Sessions API with Drop-in on the frontend, and webhooks arrive as HMAC-signed notifications. I'll draft a comparison doc with fees, methods and migration effort."),
            (U, "thanks"),
        ]),
        ("2024-02-19", [
            (U, "test_reservation_expiry failed in CI last night at 23:59 UTC. What's going on with it?"),
            (A, "Found it. The test builds the expected expiry from `date.today()` plus a time, while the app computes expiry from `timezone.now()`. Our TIME_ZONE is Europe/Berlin, so in the hour around midnight the naive local date and the aware one disagree and the expected value rolls over to the next day before the real one does. Fix: freeze the clock with freezegun and derive both values from timezone.now().", "c1_debug_flaky"),
            (U, "do it"),
            (A, "Done. The test now uses `@freeze_time('2024-02-19 23:59:30')` and no longer touches date.today(). Ran it 500 times with pytest-repeat, 0 failures."),
            (U, "Great. Unrelated: Kaveh from platform suggested we move the Celery broker to RabbitMQ, their other services use it and it has proper acks. Thoughts?"),
            (A, "Pros: durable queues, clear visibility into unacked messages, platform supports it. Cons: one more piece of infra for us, and we can't drop our Redis anyway since it also backs the cache and the reservation locks. The migration would need a dual-run period. I'd only do it if we had evidence of lost tasks, and I haven't seen any."),
            (U, "Let me talk to Kaveh about it."),
            (A, "Sure. I'll park it in the tech-debt doc as 'under discussion'."),
        ]),
        ("2024-03-04", [
            (U, "Finance signed off on the switch. Build the new provider integration behind a flag, `payments.provider`, so we can flip back if it goes wrong."),
            (A, "Plan: a `PaymentProvider` protocol with `create_session`, `capture`, `refund`; the existing client wrapped to implement it; the new client next to it; the flag picks one per request. Frontend gets Drop-in when the flag says so."),
            (U, "And how do we make sure a retried request doesn't create two payments? I don't want a repeat of the December double charge, CHK-412."),
            (A, "Idempotency keys: the client sends an `Idempotency-Key` header and we store key -> response, returning the stored response on a retry. Storage could be Redis with a TTL or a Postgres table."),
            (U, "Postgres. Our Redis runs with allkeys-lru, so under memory pressure it can evict a key and then we double-charge again. Put it in a table and have a job clean up rows after 24 hours.", "c1_dec_idem"),
            (A, "Added `IdempotencyRecord(key, request_hash, response_body, created_at)` with a unique index on key, and a beat task `purge_idempotency_records` that deletes rows older than 24h. If the same key arrives with a different request hash we return 422."),
            (U, "What about tests for the new client? No live calls in CI."),
            (A, "I can mock the SDK's checkout service methods with unittest.mock..."),
            (U, "No mocks for the payment provider, please. Record real sandbox interactions with vcrpy cassettes and replay those. Mocks drift away from what the API really returns, that's exactly how we got burned on the Braintree integration.", "c1_pref_vcr"),
            (A, "Switched to vcrpy. Cassettes live in tests/cassettes/adyen/, and the API key and HMAC headers are filtered out before recording. 14 new tests, all replaying offline."),
            (U, "Merged. For prod, the EU merchant account is called SpokeshopEU_ECOM, put that in the prod settings.", "c1_merchant"),
            (A, "Set `ADYEN_MERCHANT_ACCOUNT = 'SpokeshopEU_ECOM'` in settings/prod.py. The flag stays on the old provider in prod until you say so."),
        ]),
        ("2024-03-12", [
            (U, "Two process changes from the eng sync first. We're collapsing the deploy windows: starting this week prod deploys happen once a week, Wednesdays at 14:00 UTC. The Tuesday/Thursday morning slots kept colliding with the on-call handover.", "c1_deploy_new"),
            (A, "Noted. I'll update the deploy checkbox in the PR template and the calendar link in CONTRIBUTING.md."),
            (U, "Second: the RabbitMQ idea. Kaveh and I talked it through and we're not doing it. Zero observed lost tasks, not worth a migration."),
            (A, "OK, I'll mark the tech-debt entry as won't-do with that reasoning."),
            (U, "And now the fun part, we're in the window. Flip payments.provider to adyen in prod, 100%."),
            (A, "Flipped at 14:03 UTC. Payments are now going through Adyen: first 57 authorised, 2 refused by the issuer, which is normal noise. iDEAL payments are coming in too. The Braintree code path is still there behind the flag.", "c1_adyen_live"),
            (U, "🎉 let's watch it for an hour"),
            (A, "Hour summary: authorisation rate 94.1% vs 92.8% on the old provider in the same hour last week. No 5xx, p95 for session creation 310ms."),
            (U, "ok good. I'm signing off, ping me if anything looks off"),
        ]),
        ("2024-03-26", [
            (U, "We have orders stuck in pending_payment although the Adyen Customer Area shows them as AUTHORISED. About 30 since yesterday."),
            (A, "Every one of them had its notification rejected with 'invalid HMAC signature'. The handler was verifying against `json.dumps(request.data)`: DRF had already parsed the body and re-serialising it changes the formatting of numeric fields (10.0 vs 10), so the signature no longer matches. It only hits notifications whose additionalData contains numbers, which is why most went through. Fix: build the HMAC payload from the raw request.body exactly the way Adyen specifies, before DRF touches it.", "c1_debug_hmac"),
            (U, "fix it and replay the stuck ones"),
            (A, "Fixed in checkout/payments/webhooks.py: the notification view now reads request.body, verifies, and only then parses. Added a regression test with one of the failing payloads. Replayed 31 notifications from the Customer Area and all 31 orders moved to paid.", "c1_loc_webhooks"),
            (U, "great. Org thing: Marta starts parental leave on Friday. Devendra Rao takes over reviews for everything payments-related, effective now. Add him to CODEOWNERS for checkout/payments/.", "c1_reviewer_new"),
            (A, "Updated .github/CODEOWNERS: `/checkout/payments/ @devrao`, replacing @marta-k."),
            (U, "Where does the HMAC key live, by the way? I want to rotate it while I'm thinking about it."),
            (A, "In Vault: the key for the EU merchant account is at secret/checkout/adyen/hmac-eu. The vault-agent sidecar renders it into the pod at startup.", "c1_vault"),
            (U, "ok rotating now"),
            (A, "After the rotation, restart the web deployment so vault-agent re-renders the file. New notifications should verify; I'll watch the webhook error counter."),
            (U, "done, still verifying"),
        ]),
        ("2024-04-09", [
            (U, "Platform is pulling all staging environments off the public internet. Our staging is now checkout-stg.spokeshop.internal and is only reachable over the VPN.", "c1_staging_new"),
            (A, "I'll update the CI deploy target and the smoke test URL. One problem: Adyen's test notifications can't reach a VPN-only host, so webhooks on staging will break."),
            (U, "platform set up a relay for exactly that. Point the test webhook at https://hooks-relay.spokeshop.dev/checkout-stg", "c1_relay"),
            (A, "Changed the webhook URL in the Adyen test account and sent a test notification: it arrived on staging through the relay and verified fine."),
            (U, "Also, we're moving transactional email from SendGrid to Postmark. Deliverability to Outlook and Hotmail addresses has been awful, and Postmark's pricing works for our volume.", "c1_postmark"),
            (A, "We already use django-anymail, so it's mostly configuration: `EMAIL_BACKEND = 'anymail.backends.postmark.EmailBackend'` and a server token from Vault. Postmark works with template aliases, so I'll create order-confirmation, refund-issued and shipping-update."),
            (U, "yep"),
            (A, "Done and tested on staging: the confirmation email arrives with the right order number and line items. I'd keep the old API key for a week of overlap before revoking it."),
            (U, "ok"),
        ]),
        ("2024-04-23", [
            (U, "Corporate customers keep getting 429s on /api/checkout, lots of them sit behind one NAT IP. What's the limit set to?"),
            (A, "django-ratelimit on CheckoutView: `@ratelimit(key='ip', rate='30/m', block=True)`, so 30 requests per minute per IP.", "c1_rl_old"),
            (U, "Double it. Still per IP."),
            (A, "Changed to `rate='60/m'` and updated the test that expects the 429, which now fires on the 61st request instead of the 31st.", "c1_rl_new"),
            (U, "Next: all the subscriptions are migrated, so rip Braintree out. SDK, settings, the flag, everything."),
            (A, "Removed the `braintree` package, deleted checkout/payments/braintree_client.py, dropped the `payments.provider` flag so there's a single code path, and deleted the 3 skipped sandbox tests. -1,140 lines. Because it touches checkout/payments/, CODEOWNERS will request the payments reviewer automatically.", "c1_braintree_cleanup"),
            (U, "perfect, send it"),
            (A, "PR #634 is open. CI green."),
        ]),
        ("2024-05-07", [
            (U, "Flash sale on May 16. Ops want the cart hold down to 12 minutes: in the last sale abandoned carts sat on stock for too long and we were showing items as sold out that weren't.", "c1_hold12"),
            (A, "Updated RESERVATION_TTL; the countdown follows through /api/cart/config. Is this just for the sale or permanent?"),
            (U, "Permanent. The 3DS complaints mostly went away, the new payment flow is a lot faster."),
            (A, "OK, permanent. Tests updated."),
            (U, "Remind me when the deploy window is? I want this out before the sale."),
            (A, "Wednesday 14:00 UTC, so tomorrow, May 8."),
            (U, "The flash-sale runbook says whoever is on checkout on-call keeps the funnel dashboard open for the whole sale. Link is https://grafana.spokeshop.internal/d/chk-funnel/checkout-funnel, put it in runbooks/flash-sale.md.", ("c1_ref_funnel", "c1_mh_runbook")),
            (A, "Added the link plus a checklist for the sale: conversion per step, payment auth rate, 429 count, reservation release rate."),
            (U, "And for the record, checkout on-call this quarter is Priya Nair.", "c1_mh_oncall"),
            (A, "Noted."),
        ]),
        ("2024-05-21", [
            (U, "Post-sale cleanup. The old staging.spokeshop.dev DNS record still resolves to the dead load balancer, can you take it out of terraform?"),
            (A, "Removed the `staging` A record from infra/dns/spokeshop_dev.tf. Plan: 1 to destroy, nothing else."),
            (U, "apply"),
            (A, "Applied."),
            (U, "Next, the image build is painfully slow, can you look at why?"),
            (A, "The Dockerfile starts from `python:3.12-slim` and then compiles lxml and psycopg2 from source on every build, because our builder layer has no cached wheels for 3.12. If I add a builder stage that produces wheels and copy them into the final stage, the build goes from 6m10s to 1m45s.", "c1_py312"),
            (U, "ship it"),
            (A, "Merged."),
            (U, "Sale numbers btw: zero oversells, conversion up 8%. Looks like the shorter hold was right."),
        ]),
        ("2024-06-04", [
            (U, "Checkout feels snappy now, and the corporate folks stopped complaining about 429s."),
            (A, "Good to hear. The 429 panel on the funnel dashboard has been near zero since the limit change."),
            (U, "Cleanup day. checkout/orders/services.py is 1,800 lines, let's split it."),
            (A, "Proposal: orders/services/creation.py, fulfillment.py and refunds.py, with services/__init__.py re-exporting the public functions so no import elsewhere changes."),
            (U, "go ahead"),
            (A, "Done. No behaviour change; 861 passed."),
            (U, "Should we raise the checkout rate limit some more while we're at it?"),
            (A, "I wouldn't. The 429s are gone and the current limit still stops card-testing bots: the burst we blocked last month was right at that ceiling."),
            (U, "fair, leave it"),
        ]),
        ("2024-06-18", [
            (U, "Refund emails show the amount as 1999 instead of 19.99, customers are confused."),
            (A, "The refund-issued template gets `amount` in minor units: we store money as integer cents and the template model passes it through raw. The email side has no idea about currency exponents."),
            (U, "Format it server-side. Storage stays in integer cents, that's a hard rule here."),
            (A, "Added `format_money(amount_minor, currency)` in checkout/money.py, using the ISO 4217 exponent (JPY has 0 decimals, EUR and GBP 2), and the template model now gets a preformatted string."),
            (U, "tests?"),
            (A, "Cases for EUR, GBP and JPY plus a negative amount. 864 passed."),
            (U, "good, it goes out in the next window"),
        ]),
    ],
    "questions": [
        ("current-state", "Which payment processor is handling checkout payments at the moment?", ["c1_adyen_live"]),
        ("current-state", "How long does a cart keep its stock reserved currently?", ["c1_hold12"]),
        ("current-state", "Who has to review pull requests that touch payment code?", ["c1_reviewer_new"]),
        ("current-state", "What does Celery use as its message broker?", ["c1_redis"]),
        ("current-state", "What host do we use for the staging environment these days?", ["c1_staging_new"]),
        ("current-state", "How many requests per minute can one IP make to the checkout endpoint?", ["c1_rl_new"]),
        ("current-state", "Which Python version is the service image built on now?", ["c1_py312"]),
        ("current-state", "When do production deployments happen?", ["c1_deploy_new"]),
        ("current-state", "What provider sends our transactional emails at present?", ["c1_postmark"]),
        ("past-state", "Before ops shortened it for the flash sale, what was the cart reservation time?", ["c1_hold20"]),
        ("past-state", "Which payment gateway did the shop use before the provider switch?", ["c1_braintree"]),
        ("past-state", "In January we upgraded Python. Which version did we move to then?", ["c1_py311"]),
        ("past-state", "Which days and time were prod deploys on before the weekly slot was introduced?", ["c1_deploy_old"]),
        ("decision", "Why didn't we go with TaxJar for VAT?", ["c1_dec_tax"]),
        ("decision", "What was the reason for keeping idempotency records in the database instead of the cache?", ["c1_dec_idem"]),
        ("preference", "What format should commit messages follow in this repo?", ["c1_pref_commit"]),
        ("preference", "How does the developer want the payment provider client covered by tests?", ["c1_pref_vcr"]),
        ("location", "Which file holds the VAT rate tables?", ["c1_loc_vat"]),
        ("location", "In which module is the payment notification (webhook) handler?", ["c1_loc_webhooks"]),
        ("reference", "What's the URL of the Grafana checkout funnel board?", ["c1_ref_funnel"]),
        ("reference", "Which relay address forwards the payment provider's test webhooks to staging?", ["c1_relay"]),
        ("debugging", "The reservation expiry test used to fail near midnight. What caused it and how was it fixed?", ["c1_debug_flaky"]),
        ("debugging", "Some orders never left pending_payment despite a successful authorisation. What was the root cause?", ["c1_debug_hmac"]),
        ("temporal", "In which month did staging move to the VPN-only internal hostname?", ["c1_staging_new"]),
        ("temporal", "When did the old Braintree SDK get removed from the codebase?", ["c1_braintree_cleanup"]),
        ("multi-hop", "Who was supposed to keep the funnel dashboard open during the May flash sale?", ["c1_mh_runbook", "c1_mh_oncall"]),
        ("multi-hop", "What Vault path holds the webhook HMAC key for SpokeshopEU_ECOM?", ["c1_merchant", "c1_vault"]),
    ],
})

# ---------------------------------------------------------------------------
# c2: verdant-telemetry -- greenhouse sensor firmware (ESP-IDF, C) + Go backend
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "c2",
    "project": "verdant-telemetry",
    "sessions": [
        ("2024-02-05", [
            (U, "Hi! This is Verdant: ESP32-S3 sensor nodes in greenhouses (air temp, humidity, soil moisture, CO2) plus the cloud side that ingests all of it. Firmware is C on ESP-IDF, backend is Go. Can you get oriented?"),
            (A, "Had a look. firmware/ is an ESP-IDF project for esp32s3 on IDF v5.1 (sdkconfig and the CI image espressif/idf:v5.1 agree). backend/ has cmd/ingest, cmd/api and a bunch of internal/ packages. Devices publish over MQTT to a self-hosted Mosquitto broker on plain port 1883 with username/password, and the ingest service subscribes there.", "c2_mosquitto"),
            (U, "Right. All the cloud bits run in AWS eu-west-1, Ireland: the broker VM, ingest on ECS, the database.", "c2_region_old"),
            (A, "Is the database managed or self-hosted? I see a docker-compose for it under backend/deploy/."),
            (U, "Self-hosted: TimescaleDB 2.13 on an EC2 box, Postgres 15 underneath. Every sensor reading ends up in the `readings` hypertable.", "c2_timescale"),
            (A, "Got it. And the nodes report once a minute: CONFIG_VERDANT_REPORT_INTERVAL_S=60 in sdkconfig.defaults."),
            (U, "yep. First task: soil moisture readings are noisy, put a median filter over 5 samples on them."),
            (A, "Added `median5()` in firmware/components/sensors/soil.c using a fixed 5-element array on the stack and an insertion sort. Flashed the dev board: readings now stable within about ±1%."),
            (U, "nice"),
        ]),
        ("2024-02-16", [
            (U, "Let's talk OTA. Jonas Lindqvist is our firmware release manager: he builds the signed release images and decides when they go out.", "c2_jonas"),
            (A, "OK. Current OTA path as I read it: devices poll /v1/firmware/latest on the API every 6 hours, download over HTTPS, verify the signature, write to the inactive ota slot and reboot into it."),
            (U, "Rollouts are staged. 5% canary first, and if crash reports stay flat for 48 hours, everyone else.", "c2_canary5"),
            (A, "Canary membership is `hash(device_id) % 100 < canary_pct` in backend/internal/ota/rollout.go, so the same devices are always the canaries."),
            (U, "Also our rule: the release manager signs off the canary build in #verdant-releases before it gets published.", "c2_mh_signoff"),
            (A, "Noted. Want a check for that in the publish script?"),
            (U, "No, the process is fine as it is. One coding rule though: in the firmware, no heap allocation after boot. Buffers are static or allocated during init. We once had fragmentation crashes after three weeks of uptime.", "c2_pref_nomalloc"),
            (A, "Understood. There's one violation right now: mqtt_publish_reading() mallocs the payload on every call. I'll replace it with a static buffer."),
            (U, "please"),
            (A, "Done: `static uint8_t s_payload_buf[256]`, only touched by the publisher task so no lock needed. Build clean, 6 hours soak on the bench board with flat free-heap."),
        ]),
        ("2024-02-28", [
            (U, "The agronomists want finer data for the climate-control models. Make the nodes report every 30 seconds.", "c2_interval30"),
            (A, "Changed CONFIG_VERDANT_REPORT_INTERVAL_S. That doubles message volume: ~2,400 devices means ~80 msg/s at ingest, which is fine. Battery nodes (Hall D) will lose roughly a third of their runtime though."),
            (U, "We'll see how bad it is. While we're at it, payload size: we send JSON, about 180 bytes a message."),
            (A, "CBOR would carry the same structure in ~70 bytes. tinycbor is available as an IDF component and on the Go side fxamacker/cbor is solid."),
            (U, "Let's do CBOR. Smaller payload means less radio-on time, which matters for the battery nodes, and we get real ints and floats instead of the string hacks we do in JSON.", "c2_dec_cbor"),
            (A, "Implemented: encoder in firmware/components/telemetry/encode.c, decoder in backend/internal/decode/cbor.go. New payloads go to topic verdant/v2/<device>/readings so devices on old firmware keep publishing JSON on v1 and nothing breaks mid-rollout.", "c2_loc_decoder"),
            (U, "good call on the topic version"),
            (A, "Tests: Go decoder has table-driven tests with 6 fixtures (including NaN and a missing CO2 field), and the firmware encoder has a host test on the linux target."),
            (U, "👍 table-driven is how I like Go tests, keep doing that.", "c2_pref_table"),
        ]),
        ("2024-03-11", [
            (U, "Ingest logs are full of 'duplicate key value violates unique constraint readings_device_ts_key'. What's happening?"),
            (A, "Devices publish with QoS 1. When a node reconnects after a Wi-Fi drop the broker redelivers anything unacked, so ingest sees the same reading twice. The unique index on (device_id, ts) rejects the second insert, our code treats that as fatal and doesn't ack, which triggers yet another redelivery. Fix: INSERT ... ON CONFLICT (device_id, ts) DO NOTHING and treat it as success.", "c2_debug_dup"),
            (U, "do it"),
            (A, "Done in backend/internal/store/readings.go. Replayed yesterday's traffic on staging: error rate 0, and the redelivery loop is gone."),
            (U, "Teodor thinks we should move to InfluxDB since it's 'made for time series'. Can you write up pros and cons?"),
            (A, "Pros: purpose-built retention and downsampling, good write throughput. Cons: a new query language for everyone, joins against device metadata (which lives in Postgres) get awkward, and we'd have to migrate 14 months of data. Timescale already gives us compression and continuous aggregates."),
            (U, "ok, leave it with me"),
        ]),
        ("2024-03-25", [
            (U, "The broker is struggling. We hit 3,000 concurrent connections last week and it's one process on one VM. I want to look at EMQX, clustering is built in."),
            (A, "EMQX 5: clustering, a rule engine, per-client ACLs, a decent dashboard. If we move we should also stop using username/password over plain TCP."),
            (U, "Yes, TLS at the same time. Plan it, we'll do it in a couple of weeks."),
            (A, "Draft plan: 3-node EMQX cluster; per-device client certs issued from our CA at provisioning; firmware update that connects with mTLS; a bridge between the old and new broker for a week of dual-running."),
            (U, "Side thing: the app image is 1.7 MB now, we need bigger app partitions."),
            (A, "The layout is in firmware/partitions.csv: two 1.75 MB ota slots. With 8 MB flash we could go to 3 MB each, I've changed ota_0 and ota_1 to 0x300000.", "c2_loc_partitions"),
            (U, "careful, devices in the field can't repartition over OTA"),
            (A, "Right, the partition table only applies to freshly flashed units. Reverted it for the OTA image and left a comment; new units from the factory can get the larger layout via a separate partitions_factory.csv."),
            (U, "thanks"),
        ]),
        ("2024-04-08", [
            (U, "We're not doing InfluxDB. Everyone here knows SQL, and half our queries join against device metadata. Teodor is fine with it."),
            (A, "OK, I'll archive the comparison doc with the conclusion."),
            (U, "Can you fix the warning in the CI build log?"),
            (A, "It comes from esp_wifi: the CI log shows the build running on ESP-IDF v5.2.1 now, and in 5.2 the WIFI_PS_MAX_MODEM power-save mode changed behaviour and warns with our listen interval. Switched to WIFI_PS_MIN_MODEM with listen_interval=3, which is what we actually want.", "c2_idf521"),
            (U, "ok"),
            (A, "Warning gone, build clean, and current draw on the bench board is the same as before."),
            (U, "Soil sensor on unit gh-b-117 reports 0 all the time."),
            (A, "The remote diagnostics show the sensor supply rail at 0 V, so the ADC reading is pinned. That looks like hardware, probably a loose connector. Needs someone on site."),
            (U, "I'll ask the Hall B folks"),
        ]),
        ("2024-04-22", [
            (U, "Cutover day. Where are we?"),
            (A, "EMQX cluster is up, and the bridge from the old broker has been running since last Monday. 2,380 of 2,412 devices run the mTLS firmware and are already connected to the new cluster."),
            (U, "Turn off the bridge and point ingest at EMQX only. The 32 stragglers will come over when they update."),
            (A, "Done. Ingest now subscribes only to the EMQX cluster at mqtts://mqtt.verdant.io:8883. The Mosquitto VM is stopped but not terminated yet.", "c2_emqx_live"),
            (U, "Good. Watch it for an hour."),
            (A, "Steady at ~81 msg/s, no auth failures apart from the 32 old-firmware units. Cluster CPU under 15% on all three nodes."),
            (U, "cool, thanks"),
        ]),
        ("2024-05-06", [
            (U, "Org update: Jonas moved to the hardware team. Aiko Tanaka is the firmware release manager as of today.", "c2_aiko"),
            (A, "Noted. I'll update the owner line in RELEASING.md and the CODEOWNERS entry for firmware/release/."),
            (U, "She also wants a bigger canary. 5% is only ~120 devices, mostly in Hall A, which isn't representative. Make it 10% of the fleet.", "c2_canary10"),
            (A, "Changed the default canary_pct. Side note: the Hall A skew isn't from the hash, it's because Hall A units are the ones online at 09:00 when rollouts start. The larger sample should even that out."),
            (U, "ok whatever works"),
            (A, "Pushed."),
            (U, "What's the fleet dashboard link again? Aiko asked."),
            (A, "https://grafana.verdant.io/d/fleet-overview/greenhouse-fleet : the Greenhouse Fleet board, with per-hall online counts, firmware version breakdown and a battery voltage histogram.", "c2_ref_dash"),
            (U, "thx"),
        ]),
        ("2024-05-20", [
            (U, "The battery nodes in Hall D are dying after 9 days instead of 3 weeks since we went to 30 s. Agronomists agreed to a compromise: 45 seconds.", "c2_interval45"),
            (A, "Updated the interval in sdkconfig.defaults. Together with modem sleep that should get Hall D back to roughly two weeks per charge."),
            (U, "ok. Next: units in Hall B reboot every night around 02:00. What's the reset reason?"),
            (A, "The core dumps say ESP_RST_BROWNOUT. At 02:00 the irrigation pump relay switches on, and it hangs off the same 5 V supply that feeds the nodes' 3.3 V regulator. The rail dips to ~2.6 V for a few milliseconds; if that lands on a Wi-Fi TX burst (~350 mA) the brownout detector fires. Firmware fix: the relay controller publishes a 'pump starting' event and nodes hold off Wi-Fi TX for 2 s. Hardware fix: a 470 µF bulk capacitor on the next board revision.", "c2_debug_brownout"),
            (U, "Do the firmware part. Ticket is VER-88.", "c2_ref_ticket"),
            (A, "Implemented in firmware/components/power/pump_guard.c, ships with 2.4.0. Tested with the relay on the bench: 200 pump cycles, no resets."),
            (U, "Hall B is all rev C hardware, right?"),
            (A, "Yes, all 310 Hall B units are hardware rev C.", "c2_mh_hallb"),
            (U, "ok"),
        ]),
        ("2024-06-03", [
            (U, "Big one. We're moving everything from Ireland to eu-central-1, Frankfurt. Two of the new customers are German growers with data residency clauses in their contracts.", "c2_region_new"),
            (A, "Plan: Timescale via pg_basebackup onto a new EC2 instance in Frankfurt, EMQX cluster rebuilt there, ingest on a new ECS cluster, and the TTL on mqtt.verdant.io lowered to 60 s a day before the switch."),
            (U, "go, we have a maintenance window tonight"),
            (A, "Migration finished at 23:40 CET. Row counts in readings match (1.92B rows). Devices reconnected within 4 minutes of the DNS switch."),
            (U, "Great work"),
            (A, "The old resources are still running. I'd keep them two weeks as a fallback."),
            (U, "agreed"),
        ]),
        ("2024-06-17", [
            (U, "Low battery warnings: what's the threshold?"),
            (A, "BATTERY_LOW_MV is 3400 in firmware/components/power/battery.c. Below 3.4 V the node sets the low-battery flag and the dashboard shows it in orange.", "c2_batt_old"),
            (U, "Too eager. The LiFePO4 cells sit around 3.3 V for most of their discharge curve. Lower it to 3.3 V.", "c2_batt_new"),
            (A, "Changed BATTERY_LOW_MV and updated the orange threshold on the dashboard panel so they match."),
            (U, "Also, which I2C address does the humidity sensor use on rev C boards? Someone wired an extra probe and now there's a conflict."),
            (A, "Rev C boards have the SHT45 at 0x44. Rev D moved it to 0x45 because the new CO2 sensor shares the bus.", "c2_mh_i2c"),
            (U, "the new probe is 0x44 too, so that's the conflict"),
            (A, "Yes. The cleanest fix is the SHT45 variant that sits at 0x45, or a second I2C bus on GPIO 8/9 which are free on rev C."),
            (U, "hardware can sort that out"),
        ]),
        ("2024-07-01", [
            (U, "Time to tear down the old Ireland stuff."),
            (A, "In eu-west-1 I'll delete: the old Mosquitto VM (stopped since April), the old Timescale EC2 instance and its EBS volumes, and the old ECS cluster. I'll keep the final DB snapshot for 90 days.", "c2_teardown"),
            (U, "yes"),
            (A, "Done. That's about $1,150/month saved."),
            (U, "Battery dashboards look much calmer now, hardly any orange."),
            (A, "41 units flagged today versus ~600 before the threshold change."),
            (U, "The API load graph has a spike every 12 hours, is that expected?"),
            (A, "Yes: since 2.3.0 devices check /v1/firmware/latest every 12 hours (OTA_CHECK_INTERVAL_H=12), and the jitter is only ±10 minutes, so you see waves. I can widen the jitter to ±2 hours.", "c2_ota12"),
            (U, "widen it"),
            (A, "Done, jitter is now ±120 minutes. It ships with the next firmware release."),
        ]),
        ("2024-07-15", [
            (U, "Database storage is growing fast, 1.9 billion rows in readings."),
            (A, "Proposal: keep raw readings for 30 days, an hourly continuous aggregate forever, a 1-minute aggregate for a year, and compression on chunks older than 7 days."),
            (U, "Skip the 1-minute one. The agronomists only need raw data for recent debugging of the climate control, and the models train on hourly data. So 30 days raw plus hourly forever.", "c2_dec_retention"),
            (A, "Added the retention policy and the readings_hourly continuous aggregate, backfilled from the start. Disk usage should drop ~80% once the policy runs tonight."),
            (U, "Aiko cuts 2.5.0 tomorrow. Anything pending?"),
            (A, "Only the OTA jitter change, which is merged. Changelog is updated."),
            (U, "great, thanks, good week"),
        ]),
    ],
    "questions": [
        ("current-state", "How often do the sensor nodes send readings now?", ["c2_interval45"]),
        ("current-state", "Which MQTT broker do the devices talk to?", ["c2_emqx_live"]),
        ("current-state", "Which ESP-IDF release is the firmware built with currently?", ["c2_idf521"]),
        ("current-state", "Who is responsible for firmware releases?", ["c2_aiko"]),
        ("current-state", "In which AWS region does the backend run these days?", ["c2_region_new"]),
        ("current-state", "What database are the sensor readings stored in?", ["c2_timescale"]),
        ("current-state", "What's the low-battery voltage threshold right now?", ["c2_batt_new"]),
        ("current-state", "What fraction of the fleet gets a new firmware first as the canary?", ["c2_canary10"]),
        ("current-state", "How frequently do the nodes look for a firmware update?", ["c2_ota12"]),
        ("past-state", "What interval did we switch to when the agronomists first asked for more frequent data?", ["c2_interval30"]),
        ("past-state", "Which MQTT broker did the fleet use before the cluster migration?", ["c2_mosquitto"]),
        ("past-state", "Which AWS region hosted everything originally?", ["c2_region_old"]),
        ("past-state", "Who was the firmware release manager back in February?", ["c2_jonas"]),
        ("decision", "Why did the telemetry payload move from JSON to CBOR?", ["c2_dec_cbor"]),
        ("decision", "What retention scheme was chosen for sensor data, and why?", ["c2_dec_retention"]),
        ("preference", "What's the rule about dynamic memory in the firmware?", ["c2_pref_nomalloc"]),
        ("preference", "What style of Go tests does the developer prefer?", ["c2_pref_table"]),
        ("location", "Which file defines the flash partition layout?", ["c2_loc_partitions"]),
        ("location", "Where does the backend decode CBOR payloads?", ["c2_loc_decoder"]),
        ("reference", "What's the link to the Greenhouse Fleet dashboard?", ["c2_ref_dash"]),
        ("reference", "Which ticket tracks the nightly reboot (brownout) fix?", ["c2_ref_ticket"]),
        ("debugging", "Why was ingest logging unique-constraint violations on the readings table, and what fixed it?", ["c2_debug_dup"]),
        ("debugging", "What made the Hall B nodes reset around 2 am?", ["c2_debug_brownout"]),
        ("temporal", "When were the leftover Ireland resources deleted?", ["c2_teardown"]),
        ("temporal", "On what date did Aiko take over firmware releases?", ["c2_aiko"]),
        ("multi-hop", "What I2C address does the humidity sensor have on the units in Hall B?", ["c2_mh_hallb", "c2_mh_i2c"]),
        ("multi-hop", "Whose sign-off is needed these days before a canary firmware build is published?", ["c2_mh_signoff", "c2_aiko"]),
    ],
})

# ---------------------------------------------------------------------------
# c3: tern -- a small statically typed language compiling to WebAssembly (Rust)
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "c3",
    "project": "tern-compiler",
    "sessions": [
        ("2024-03-04", [
            (U, "Hey. This is tern, a small statically typed language that compiles to WebAssembly. Rust workspace, I maintain it with a couple of volunteers. Get yourself oriented?"),
            (A, "Workspace crates: tern-syntax (lexer + parser), tern-typeck, tern-ir, tern-codegen, tern-cli, and playground. Codegen builds the output module with the `walrus` crate, and the workspace Cargo.toml has rust-version = \"1.70\".", ("c3_walrus", "c3_msrv170")),
            (U, "Right. The parser is hand-written recursive descent, on purpose. We tried LALRPOP early on and threw it out: error recovery was miserable and we couldn't produce the 'expected X, found Y, did you mean Z' messages we wanted.", "c3_dec_parser"),
            (A, "That shows: tern-syntax/src/parser.rs has synchronisation points at `;` and `}` and the suggestions come from a small edit-distance helper."),
            (U, "Diagnostics are rendered with ariadne. I like the labelled multi-span output.", "c3_ariadne"),
            (A, "Yes, tern-syntax::diag converts our Diagnostic struct into an ariadne Report at the very end, so the rest of the compiler doesn't depend on the renderer."),
            (U, "Source files use the .tn extension, btw.", "c3_ext_old"),
            (A, "Seen it: tests/ui/ has 140 .tn programs with .stderr snapshots next to them."),
            (U, "run the tests"),
            (A, "`cargo test --workspace`: 1,204 passed, 0 failed, 48s on this machine."),
        ]),
        ("2024-03-15", [
            (U, "We release every six weeks, next is 0.5.0 on March 26. Which open PRs could make it in?", "c3_cadence_old"),
            (A, "Three look ready: #198 string interpolation, #201 better unused-variable warning, #203 emitting the wasm name section. #198 needs a rebase after the lexer refactor."),
            (U, "Review #201 for me?"),
            (A, "Mostly good. One issue: it calls `.unwrap()` on the symbol lookup in tern-typeck/src/unused.rs:88, which panics when the symbol came from a declaration that already failed to type check."),
            (U, "Yeah, no unwrap() in the compiler crates. A compiler that panics is a terrible experience. Use expect() with a message that states the invariant, or propagate the error.", "c3_pref_unwrap"),
            (A, "Left a review comment suggesting `?` here, since the function already returns Result."),
            (U, "By the way, Lena Brandt does issue triage. If labels look wrong on something, ping her.", "c3_triage_old"),
            (A, "Will do."),
            (U, "And what's the type checker's nesting limit again?"),
            (A, "`MAX_DEPTH = 256` in tern-typeck/src/infer.rs, which is where the inference engine lives. Going past it reports E0420 'type too deeply nested'.", ("c3_depth256", "c3_loc_infer")),
            (U, "ok"),
        ]),
        ("2024-03-27", [
            (U, "0.5.0 is out. Next: the file extension. Turns out .tn is claimed by some TeX tooling and GitHub's linguist highlights our files as something else entirely. We're renaming the extension to .tern.", "c3_ext_new"),
            (A, "Plan: the CLI accepts both, the old one emits deprecation warning W0001; tests/ui/* renamed; docs and the VS Code extension's file association updated."),
            (U, "yes"),
            (A, "Done. 140 programs renamed with git mv so history is kept, snapshots renamed alongside."),
            (U, "For the new warning, add a UI test. I want every diagnostic covered by an insta snapshot, no hand-written string asserts.", "c3_pref_insta"),
            (A, "Added tests/ui/deprecated_ext.tn (deliberately the old extension) with its snapshot via insta::assert_snapshot! on the rendered output."),
            (U, "good"),
            (A, "For the record, tests/ui/ is now the home of all golden programs: one .tern source each plus its .stderr and .wasm.txt snapshots.", "c3_loc_ui"),
            (U, "👍"),
        ]),
        ("2024-04-09", [
            (U, "I want let-else in the parser and the new lint table in Cargo.toml. What's our MSRV?"),
            (A, "Currently 1.70. let-else is fine since 1.65, but the `[lints]` table in Cargo.toml needs 1.74."),
            (U, "Bump the MSRV to 1.74 then. Nobody packaging us cares about anything older.", "c3_msrv174"),
            (A, "Updated rust-version in the workspace Cargo.toml and the msrv CI job, and moved the clippy config into [workspace.lints]."),
            (U, "nice"),
            (A, "CI green on the MSRV toolchain and on stable."),
            (U, "Also, the tracking issue for generics is #214. Link it from the roadmap please.", "c3_mh_issue214"),
            (A, "Added to ROADMAP.md under 0.7 as 'Generics (monomorphization), #214'."),
            (U, "thanks"),
        ]),
        ("2024-04-22", [
            (U, "Someone reported a 'crash' compiling a generated file with a 300-deep nested list literal."),
            (A, "Reproduced. It isn't a crash, it's our own E0420: 300 levels exceeds the type checker's limit. But the parser has no limit at all and overflows the stack around 2,000 levels in a debug build, so there's a real crash lurking one step further."),
            (U, "Raise the type checker limit to 512 and give the parser a limit too.", "c3_depth512"),
            (A, "Done: MAX_DEPTH raised in the type checker, and the parser now has a depth counter with a limit of 1024 and a new error E0101. The 500-deep case compiles in debug with the default 8 MB main stack."),
            (U, "ok"),
            (A, "Added UI tests for both errors."),
            (U, "Oskar suggested we move diagnostics from ariadne to miette, because miette has the Diagnostic derive macro."),
            (A, "The derive is nice, and miette's graphical output is good. Cost: rewriting ~120 diagnostic constructors and every UI snapshot changing at once."),
            (U, "let's revisit later"),
        ]),
        ("2024-05-06", [
            (U, "walrus is basically unmaintained and doesn't know the GC proposal types we'll need. Move codegen over to wasm-encoder.", "c3_wasmencoder"),
            (A, "Ported tern-codegen: ModuleBuilder now emits the sections directly. We lose walrus's dead-code pass, so I added a small reachability pass over functions. Output sizes are ~3% smaller on the corpus."),
            (U, "tests?"),
            (A, "Mostly green, but the .wasm.txt snapshots are flaky: the order of exports differs between runs."),
            (U, "differs between runs??"),
            (A, "Yes. The export list is built from a HashMap<Symbol, FuncId>, and HashMap iteration order is randomised per process. walrus used to sort exports internally, so we never noticed. Fix: collect into an IndexMap so exports come out in declaration order.", "c3_debug_order"),
            (U, "do it"),
            (A, "Done. Ran the snapshot suite 20 times: byte-identical output every time."),
            (U, "Separate thing: bench numbers on GitHub's hosted runners are noise, ±15%. Could we get a dedicated machine?"),
            (A, "A small bare-metal box would bring that down to a percent or two. A Hetzner AX41 is around €40 a month."),
            (U, "I'll ask the sponsors."),
        ]),
        ("2024-05-21", [
            (U, "About miette: no. The churn isn't worth it. I told Oskar."),
            (A, "OK, I'll close the discussion thread with a short summary."),
            (U, "Docs: we got the tern-lang.org domain. Move the book from tern-lang.github.io to docs.tern-lang.org.", "c3_docs_new"),
            (A, "Steps: CNAME in the book output, custom domain and enforced HTTPS in the Pages settings, then the links in the README, the `documentation` field in Cargo.toml and the CLI's --help footer."),
            (U, "do it"),
            (A, "Done. The book serves with HTTPS on the new domain. The old github.io address doesn't redirect on its own since it's a user site, so I added a meta-refresh index page there."),
            (U, "ok"),
            (A, "Also updated the link in the VS Code extension's README."),
        ]),
        ("2024-06-04", [
            (U, "The six-week cycle keeps drifting and nobody remembers when the next release is. From now on releases go out on the first Tuesday of every month.", "c3_cadence_new"),
            (A, "Updated RELEASING.md and added a scheduled workflow that opens a release-checklist issue five days before each first Tuesday."),
            (U, "good. so 0.6.0 goes out July 2"),
            (A, "Right, first Tuesday of July."),
            (U, "The playground always runs the latest release tag, not main, right?"),
            (A, "Correct: playground/build.rs pins the compiler to the newest git tag matching v*, and it redeploys to Cloudflare Pages on every tag push.", "c3_mh_playground"),
            (U, "what was the flag to emit wat again, I keep forgetting"),
            (A, "`tern build --emit=wat`. `--emit=wasm` is the default, and `--emit=ir` dumps the mid-level IR."),
            (U, "thx"),
        ]),
        ("2024-06-18", [
            (U, "Lena is stepping back for the summer. Oskar does issue triage from now on.", "c3_triage_new"),
            (A, "Updated the triage section in CONTRIBUTING.md and the auto-assign in the issue templates."),
            (U, "Good news: the sponsors said yes to the bench machine. It's up and called bench-01. Move the benchmark job onto it.", "c3_bench01"),
            (A, "Registered it as a self-hosted runner with the label `bench` and changed benchmarks.yml to `runs-on: [self-hosted, bench]`. Set the CPU governor to performance and disabled turbo. Variance across 10 runs: ±1.3%."),
            (U, "excellent"),
            (A, "Results are pushed to https://bench.tern-lang.org, which plots compile time for the 8 corpus programs per commit.", "c3_ref_bench"),
            (U, "cool, send me a screenshot when there are a few points on it"),
            (A, "Will do after a few merges."),
        ]),
        ("2024-07-02", [
            (U, "Release day, 0.6.0."),
            (A, "Checklist: changelog done, versions bumped. CI: the msrv job (rust-version 1.77) passes, stable and beta pass, benchmarks within noise of last week.", "c3_msrv177"),
            (U, "tag it"),
            (A, "Tagged v0.6.0 and pushed. All 6 crates published to crates.io, GitHub release drafted from the changelog.", "c3_release060"),
            (U, "post on the forum"),
            (A, "Posted: https://forum.tern-lang.org/t/tern-0-6-0-released/412 , with the highlights (string interpolation, name section, the new codegen backend, smaller output).", "c3_ref_forum"),
            (U, "ok thanks"),
        ]),
        ("2024-07-16", [
            (U, "There's an issue asking to make the type checker's depth limit unlimited. Thoughts?"),
            (A, "I'd keep a limit. Without one, pathological input overflows the stack and we crash instead of reporting an error. Later we could make it configurable with a crate-level attribute, the way rustc does recursion_limit."),
            (U, "Agreed. Close it as won't-fix, the limit stays where it is."),
            (A, "Closed with that explanation."),
            (U, "Bug: wasm validation fails with 'type mismatch: expected 0 values, got 1' for `if c { f(); } else { g(); }` when f returns an int."),
            (A, "Codegen lowers expression statements without discarding their value, so the call leaves an i32 on the stack inside a block typed as empty. Fix: emit a `drop` after any expression statement whose type isn't unit. It's in tern-codegen/src/stmt.rs, plus a UI test with this exact program.", "c3_debug_drop"),
            (U, "thanks. Also, Priyanka is picking up #214, she'll do the monomorphization work.", "c3_mh_priyanka"),
            (A, "Assigned it to her and set the in-progress label."),
            (U, "lol, people still post .tn files in issues"),
            (A, "The CLI still accepts them with the deprecation warning. We could drop support in 0.8."),
        ]),
        ("2024-07-30", [
            (U, "Old tern-lang.github.io links from search results show a blank page for some people."),
            (A, "The meta refresh sends everyone to the front page and some browsers block it. I replaced it with a 404.html on the old site that rewrites the path onto docs.tern-lang.org, plus canonical links so search engines move over."),
            (U, "ok"),
            (U, "A new contributor asked why integers are i64 by default and why there are no implicit conversions between int types."),
            (A, "Want me to draft an answer?"),
            (U, "I'll answer, I just want it written down: wasm has native i64, so there's no cost to it, and we deliberately didn't want JS-style silent coercions. Conversions are always explicit with `as`. Put that in the FAQ.", "c3_dec_int"),
            (A, "Added a FAQ entry to the book under 'Numbers'."),
            (U, "🙏"),
        ]),
        ("2024-08-06", [
            (U, "First Tuesday of August, so release day again."),
            (A, "Checklist is green: changelog, versions, CI, benchmarks. Everything planned made it except #214, which is still in review."),
            (U, "fine, 0.7.0 goes out without it then"),
            (A, "Tagged v0.7.0 and published the crates. The playground redeployed from the tag a few minutes later.", "c3_release070"),
            (U, "any regressions on the bench dashboard?"),
            (A, "One: typeck of the big_match corpus program is 6% slower since the exhaustiveness change. Everything else is flat."),
            (U, "ticket it, not a blocker"),
            (A, "Opened #262 with the flamegraph attached."),
        ]),
        ("2024-08-20", [
            (U, "Can you review #259 from Priyanka?"),
            (A, "Overall solid. The monomorphization cache keys instances on (FuncId, Vec<Type>), which is right. Two comments: it clones the whole function body per instance before substitution, which will hurt compile time on heavy generic code, and there are two unwrap() calls in the substitution code."),
            (U, "flag the unwraps, the clone thing can be a follow-up"),
            (A, "Left both comments, the clone one marked as non-blocking."),
            (U, "What does #262 look like now?"),
            (A, "Root cause: the exhaustiveness checker recomputes the constructor set for every arm. Caching it per match brings big_match back to where it was."),
            (U, "nice, PR it"),
            (A, "Opened #265. Bench run on bench-01: big_match -6.4%, rest unchanged."),
            (U, "merge when green"),
        ]),
    ],
    "questions": [
        ("current-state", "What is tern's minimum supported Rust version now?", ["c3_msrv177"]),
        ("current-state", "Which crate does the code generator use to build wasm modules?", ["c3_wasmencoder"]),
        ("current-state", "What's the release schedule these days?", ["c3_cadence_new"]),
        ("current-state", "Who handles triage of new issues?", ["c3_triage_new"]),
        ("current-state", "How many levels of type nesting does the checker allow before reporting E0420?", ["c3_depth512"]),
        ("current-state", "Where is the documentation site hosted currently?", ["c3_docs_new"]),
        ("current-state", "What machine runs the benchmark CI job?", ["c3_bench01"]),
        ("current-state", "Which file extension should tern source files have?", ["c3_ext_new"]),
        ("current-state", "What library is used to render compiler diagnostics at the moment?", ["c3_ariadne"]),
        ("past-state", "What was the MSRV raised to in April?", ["c3_msrv174"]),
        ("past-state", "Which wasm crate did codegen use originally?", ["c3_walrus"]),
        ("past-state", "How often were releases made before the monthly schedule?", ["c3_cadence_old"]),
        ("past-state", "What was the original nesting limit of the type checker?", ["c3_depth256"]),
        ("decision", "Why is the parser hand-written rather than generated with LALRPOP?", ["c3_dec_parser"]),
        ("decision", "Why do integers default to i64 without implicit conversions?", ["c3_dec_int"]),
        ("preference", "What's the maintainer's stance on unwrap() in compiler code?", ["c3_pref_unwrap"]),
        ("preference", "How should new diagnostics be tested?", ["c3_pref_insta"]),
        ("location", "Which source file contains the type inference code?", ["c3_loc_infer"]),
        ("location", "Where do the golden UI test programs live?", ["c3_loc_ui"]),
        ("reference", "What's the address of the benchmark results dashboard?", ["c3_ref_bench"]),
        ("reference", "Where was the 0.6.0 release announced?", ["c3_ref_forum"]),
        ("debugging", "Why did the wasm snapshots change between test runs after the codegen port?", ["c3_debug_order"]),
        ("debugging", "What caused the 'expected 0 values, got 1' validation error in if/else blocks?", ["c3_debug_drop"]),
        ("temporal", "When did the project switch to the new source file extension?", ["c3_ext_new"]),
        ("temporal", "On which date was v0.6.0 tagged?", ["c3_release060"]),
        ("multi-hop", "Who is implementing generics?", ["c3_mh_issue214", "c3_mh_priyanka"]),
        ("multi-hop", "Which compiler release does the playground run as of mid-August?", ["c3_mh_playground", "c3_release070"]),
    ],
})

# ---------------------------------------------------------------------------
# c4: loom -- internal ML training platform (Python, Kubernetes)
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "c4",
    "project": "loom-training",
    "sessions": [
        ("2024-04-02", [
            (U, "Hi. This is Loom, our internal training platform. Researchers submit jobs with `loom submit job.yaml` and the scheduler turns them into Kubernetes Jobs on the GPU cluster. Python 3.11, FastAPI for the API, Typer for the CLI."),
            (A, "Looked around: loom/cli, loom/api, loom/scheduler, loom/tracking, and loom/spec. The job spec schema is in loom/spec/job.py, where JobSpec and its nested models are defined.", "c4_loc_spec"),
            (U, "Experiments are tracked in MLflow. Every job gets a run automatically, the tracking server is mlflow.loom.internal.", "c4_mlflow"),
            (A, "Seen: loom/tracking/mlflow_hook.py creates the run and tags it with job_id, user and git_sha."),
            (U, "Checkpoints go to s3://loom-ckpt-prod/<team>/<job_id>/ and the trainer saves one every 1000 steps unless the spec says otherwise.", "c4_bucket_old"),
            (A, "Matches the code: `CheckpointPolicy(every_n_steps=1000)` in loom/spec/defaults.py, and the storage root comes from LOOM_CKPT_ROOT."),
            (U, "And Ravi Menon owns the scheduler component. Loop him in on anything that touches it.", "c4_owner_old"),
            (A, "Will do."),
            (U, "run the tests"),
            (A, "pytest: 388 passed, 2 skipped (the two need a live cluster). 1m12s."),
        ]),
        ("2024-04-12", [
            (U, "I want the defaults documented. What does a job get if the spec doesn't say anything?"),
            (A, "Accelerator: nvidia-a10g, one GPU. Priority: normal. Those come from loom/spec/defaults.py.", "c4_gpu_old"),
            (U, "and how long can a job run?"),
            (A, "72 hours. The scheduler sets activeDeadlineSeconds = 259200 on the Job, after that Kubernetes kills it.", "c4_runtime72"),
            (U, "When does the nightly eval kick off?"),
            (A, "02:00 UTC. It's the `nightly-eval` CronJob defined in the Helm chart at deploy/helm/loom-scheduler/templates/cron-eval.yaml.", ("c4_eval0200", "c4_loc_helm")),
            (U, "Namespaces are team-<name>, like team-vision, team-speech. Put that in too.", "c4_ns_old"),
            (A, "Added a 'Defaults' section to the user guide with all of these."),
            (U, "One rule for the code: job specs are pydantic v2 models with strict types. I don't want dict-shaped configs floating around anywhere.", "c4_pref_pydantic"),
            (A, "Agreed. loom/scheduler/translate.py takes plain dicts in two places; I'll convert both to JobSpec."),
            (U, "yes please"),
            (A, "Done, and mypy is clean on loom/scheduler now."),
        ]),
        ("2024-04-24", [
            (U, "People lost a lot of work to spot preemptions last week. One vision job lost 950 steps, about four hours. Make the default checkpoint every 500 steps.", "c4_ckpt500"),
            (A, "Changed the CheckpointPolicy default. I also added a SIGTERM handler that writes a checkpoint when the preemption notice arrives, we usually get at least 30 seconds."),
            (U, "nice"),
            (U, "Queueing: we need gang scheduling and per-team quotas. It's between Volcano and Kueue."),
            (A, "Volcano: mature gang scheduling, but it's its own scheduler and its own job CRD. Kueue: quota and admission on top of the default scheduler, works with plain batch Jobs, ClusterQueues with cohorts for borrowing."),
            (U, "Kueue. It's the SIG-native project, it works with the plain Job objects we already create, and the cohort model gives us fair sharing between teams without replacing kube-scheduler.", "c4_dec_kueue"),
            (A, "I'll write the ClusterQueue and LocalQueue manifests and have the scheduler set the queue-name label on every Job."),
            (U, "ok"),
        ]),
        ("2024-05-08", [
            (U, "Finance flagged the GPU bill. Most of our jobs are fine-tuning smallish models. Switch the default accelerator to L4; anyone who needs more can ask for it explicitly.", "c4_gpu_new"),
            (A, "Changed the default in loom/spec/defaults.py. Same 24 GB of memory as before, cheaper per hour, a bit slower on fp16 matmuls. Specs that name an accelerator are untouched."),
            (U, "Kueue quotas: vision gets 16 GPUs, speech 8, nlp 24.", "c4_mh_quota"),
            (A, "One ClusterQueue per team with those nominal quotas, all in cohort 'research' so idle quota can be borrowed."),
            (U, "good"),
            (A, "Applied on the staging cluster. A 20-GPU test job from vision waits in the queue until borrowing kicks in, as expected."),
            (U, "ship it to prod tomorrow morning"),
            (A, "Scheduled for 09:00, I'll post in #loom-users beforehand."),
        ]),
        ("2024-05-21", [
            (U, "pip-compile takes three minutes for our lock and CI installs are slow. Let's move to uv.", "c4_uv"),
            (A, "Converted requirements/*.in into pyproject dependency groups with a single lockfile. CI installs went from 2m10s to 14s, and the image build is 40% faster."),
            (U, "sweet"),
            (U, "Some researchers want Weights & Biases instead of what we use now. Better UI, reports, sweeps."),
            (A, "W&B: nicer UI and reports, built-in sweeps. Costs: per-seat licensing for ~60 researchers, and data leaves our network unless we buy the self-hosted server. What we have is free, self-hosted and already wired into every job."),
            (U, "I'll raise it with leadership"),
            (A, "OK. If it helps I can put together a cost table."),
            (U, "not yet"),
        ]),
        ("2024-06-04", [
            (U, "W&B is a no. The seat pricing for 60 people didn't fly, and legal doesn't want experiment data in their cloud."),
            (A, "Understood. I could improve the tooling we already have instead, e.g. a `loom runs compare` command."),
            (U, "later maybe. Nightly eval collides with the metadata DB backup at 02:00 and the eval jobs stall. Move it to 04:30 UTC.", "c4_eval0430"),
            (A, "Updated the CronJob schedule in the chart."),
            (U, "Another one: jobs dying with exit code 137 right after the DataLoader starts. The node isn't OOM though."),
            (A, "Container memory is well under its limit. The problem is /dev/shm: pods get the default 64 MB, and DataLoader workers pass batches through shared memory, so with 8 workers they blow past it and get killed. Fix: mount an emptyDir with medium: Memory at /dev/shm, 16Gi by default, in the pod template.", "c4_debug_shm"),
            (U, "do it"),
            (A, "Added in loom/scheduler/templates/pod.py, with spec.shm_size to override. The reproducer job runs to completion now."),
            (U, "👍"),
        ]),
        ("2024-06-18", [
            (U, "We're moving compute to GKE and checkpoints move with it. New bucket is gs://loom-checkpoints, same <team>/<job_id> layout.", "c4_bucket_new"),
            (A, "Updated the storage root, added gcsfs, and jobs use Workload Identity through their KSA, so no keys. Kicked off a Storage Transfer job to copy the existing checkpoints: 212 TB."),
            (U, "wow ok"),
            (A, "Transfer done and verified with checksums. 4 objects failed on the first pass and succeeded on retry."),
            (U, "On GKE the spot L4 nodes are in node pool spot-l4, on-demand ones in ondemand-l4.", "c4_mh_spotpool"),
            (A, "Added spec.preemptible (default true) that maps to node affinity for those two pools."),
            (U, "good"),
            (A, "Also tested a resume: a job killed mid-run picked up from the last checkpoint in the new bucket."),
        ]),
        ("2024-07-02", [
            (U, "Ravi is moving to the inference team. Chen Wei owns the scheduler from now on, code reviews and on-call escalations both.", "c4_owner_new"),
            (A, "Updated CODEOWNERS for loom/scheduler/ and the escalation policy."),
            (U, "Multi-node jobs hang at NCCL init on GKE. Single-node is fine."),
            (A, "With NCCL_DEBUG=INFO you can see NCCL binding its socket transport to the wrong interface: NCCL_SOCKET_IFNAME is unset, so it picks an internal bridge interface that isn't routable between nodes, and the ranks never see each other. Fix: default NCCL_SOCKET_IFNAME=eth0 in the env for multi-node jobs.", "c4_debug_nccl"),
            (U, "do it, and put that in the runbook"),
            (A, "Done. A 4-node test job initialises in 9 s now. I wrote it up as INC-2024-031."),
            (U, "where's the postmortem doc?"),
            (A, "https://wiki.loom.internal/incidents/INC-2024-031 , linked from the runbook's NCCL section.", "c4_ref_postmortem"),
            (U, "thanks"),
        ]),
        ("2024-07-16", [
            (U, "Step-based checkpointing is weird across model sizes: 500 steps is two minutes on a small model and three hours on a big one. Switch the default to time-based, every 30 minutes of wall clock.", "c4_ckpt30min"),
            (A, "Implemented a time-based policy and made it the default; every_n_steps still works when set explicitly."),
            (U, "Also namespaces: platform wants a prefix per domain. Rename team-<name> to ml-<name>.", "c4_ns_new"),
            (A, "Migration: create the new namespaces, copy secrets and RoleBindings, move the LocalQueues. The old ones stay until their running jobs drain."),
            (U, "ok"),
            (A, "All new submissions land in the new namespaces. 11 jobs still running in old ones."),
            (U, "Give them a week, then delete."),
        ]),
        ("2024-07-30", [
            (U, "A researcher complained her job got killed at 48 hours. Expected?"),
            (A, "Yes. The max runtime is 48 hours (max_runtime_hours: 48 in the scheduler values, activeDeadlineSeconds 172800). She can resubmit with --resume and it'll continue from the last checkpoint.", "c4_runtime48"),
            (U, "ok, tell her that"),
            (A, "Replied in the thread."),
            (U, "Link to the GPU utilisation dashboard?"),
            (A, "https://grafana.loom.internal/d/gpu-util/gpu-utilization", "c4_ref_gpu"),
            (U, "Marek Novak just joined the vision team. Give him submit rights.", "c4_mh_marek"),
            (A, "Added him to the submitters RoleBinding in ml-vision."),
            (U, "thx"),
        ]),
        ("2024-08-13", [
            (U, "Can we delete s3://loom-ckpt-prod now?"),
            (A, "Nothing has written to it since June 18 and the copy was verified. I'd normally say 30 days in Glacier first, but it's been almost two months."),
            (U, "Delete it."),
            (A, "Deleted. ~$4,800/month less on the AWS bill."),
            (U, "When does nightly eval run again?"),
            (A, "04:30 UTC."),
            (U, "Eval must never run on spot nodes. Results get corrupted when it's preempted halfway.", "c4_mh_evalspot"),
            (A, "Set preemptible: false on the nightly-eval job template."),
            (U, "ok"),
        ]),
        ("2024-08-27", [
            (U, "Data loading from GCS is slow for the image datasets: millions of small JPEGs."),
            (A, "Options: WebDataset tar shards, TFRecord, or a local SSD cache per node."),
            (U, "WebDataset shards, about 1 GB each. Sequential streaming reads from the bucket instead of millions of small GETs, and it works with a plain PyTorch DataLoader.", "c4_dec_wds"),
            (A, "Added `loom data shard` that packs a directory into shards with a manifest. ImageNet-sized test set: throughput from 1,100 to 9,800 images/s per node."),
            (U, "big difference"),
            (U, "CLI output: no emojis, and no colours when stdout isn't a TTY. People pipe this stuff into scripts.", "c4_pref_cli"),
            (A, "Removed the ✅/❌ from `loom status` and only use rich formatting when stdout is a terminal."),
            (U, "thanks"),
        ]),
        ("2024-09-10", [
            (U, "The GPU bill is way down now, finance is happy."),
            (A, "The cheaper default plus spot usage did most of it. Spot share is at 71% of GPU-hours."),
            (U, "Some people say their jobs were faster on A10G. Should we go back to that as the default?"),
            (A, "The difference is ~15% on fp16-heavy jobs, and those users can request A10G explicitly. Switching the default back would undo most of the savings."),
            (U, "nah, keep the default as is"),
            (A, "OK."),
            (U, "last thing: `loom logs -f` stops following when the pod restarts"),
            (A, "It streams from a single pod name. I changed it to watch the Job's pods and re-attach to the newest one on restart."),
            (U, "tests?"),
            (A, "Unit test with a fake watch stream, plus a manual check on staging. 431 passed."),
        ]),
    ],
    "questions": [
        ("current-state", "Which experiment tracking tool do training jobs log to?", ["c4_mlflow"]),
        ("current-state", "What GPU type do jobs get by default now?", ["c4_gpu_new"]),
        ("current-state", "How often does the trainer save a checkpoint by default at the moment?", ["c4_ckpt30min"]),
        ("current-state", "Which bucket are checkpoints written to?", ["c4_bucket_new"]),
        ("current-state", "Who currently owns the scheduler?", ["c4_owner_new"]),
        ("current-state", "What's the longest a training job may run before it's killed?", ["c4_runtime48"]),
        ("current-state", "What tool do we use for Python dependency locking these days?", ["c4_uv"]),
        ("current-state", "At what time does the nightly evaluation run?", ["c4_eval0430"]),
        ("current-state", "What naming pattern do team namespaces follow?", ["c4_ns_new"]),
        ("past-state", "Before checkpointing became time-based, how many steps were there between checkpoints?", ["c4_ckpt500"]),
        ("past-state", "Where did checkpoints go before the move to GKE?", ["c4_bucket_old"]),
        ("past-state", "What was the job runtime limit in April?", ["c4_runtime72"]),
        ("past-state", "What time did the nightly eval originally start?", ["c4_eval0200"]),
        ("decision", "Why was Kueue picked over Volcano?", ["c4_dec_kueue"]),
        ("decision", "Why were image datasets converted to WebDataset shards?", ["c4_dec_wds"]),
        ("preference", "How should job specifications be modelled in code?", ["c4_pref_pydantic"]),
        ("preference", "What are the rules for the CLI's output formatting?", ["c4_pref_cli"]),
        ("location", "Which module defines the job spec schema?", ["c4_loc_spec"]),
        ("location", "Where is the nightly-eval CronJob defined?", ["c4_loc_helm"]),
        ("reference", "What's the URL of the GPU utilization dashboard?", ["c4_ref_gpu"]),
        ("reference", "Where can I find the postmortem for the NCCL hang?", ["c4_ref_postmortem"]),
        ("debugging", "What was killing jobs with status 137 shortly after data loading began, and what fixed it?", ["c4_debug_shm"]),
        ("debugging", "What made multi-node jobs hang during NCCL initialisation on GKE?", ["c4_debug_nccl"]),
        ("temporal", "When did checkpoints move to the GCS bucket?", ["c4_bucket_new"]),
        ("temporal", "On what date did Chen Wei take over the scheduler?", ["c4_owner_new"]),
        ("multi-hop", "How many GPUs does Marek's team have as its nominal quota?", ["c4_mh_quota", "c4_mh_marek"]),
        ("multi-hop", "Which node pool must the nightly eval never be scheduled on?", ["c4_mh_spotpool", "c4_mh_evalspot"]),
    ],
})


# ---------------------------------------------------------------------------
# assembly and validation
# ---------------------------------------------------------------------------

CATEGORY_COUNTS = {
    "current-state": 9, "past-state": 4, "decision": 2, "preference": 2,
    "location": 2, "reference": 2, "debugging": 2, "temporal": 2,
    "multi-hop": 2,
}


def build() -> dict:
    sessions, questions = [], []
    turn_ids: set[str] = set()
    for proj in PROJECTS:
        code, name = proj["code"], proj["project"]
        keys: dict[str, str] = {}
        last_date = None
        for si, (day, turns) in enumerate(proj["sessions"], start=1):
            date.fromisoformat(day)  # raises on a malformed date
            if last_date is not None and day <= last_date:
                raise ValueError(f"{code}: session dates not increasing at {day}")
            last_date = day
            if not 5 <= len(turns) <= 12:
                raise ValueError(f"{code} s{si}: {len(turns)} turns")
            sid = f"{code}-s{si:02d}"
            out_turns = []
            for ti, turn in enumerate(turns, start=1):
                speaker, text = turn[0], turn[1]
                if speaker not in (U, A) or not text.strip():
                    raise ValueError(f"{sid} t{ti}: bad turn")
                tid = f"{sid}-t{ti:02d}"
                if tid in turn_ids:
                    raise ValueError(f"duplicate turn id {tid}")
                turn_ids.add(tid)
                if len(turn) > 2:
                    labels = turn[2] if isinstance(turn[2], tuple) else (turn[2],)
                    for label in labels:
                        if label in keys:
                            raise ValueError(f"duplicate label {label}")
                        keys[label] = tid
                out_turns.append({"id": tid, "speaker": speaker, "text": text})
            sessions.append({"id": sid, "date": day, "project": name,
                             "turns": out_turns})
        counts: dict[str, int] = {}
        for qi, (category, text, evidence) in enumerate(proj["questions"], start=1):
            if category not in CATEGORY_COUNTS:
                raise ValueError(f"{code}: unknown category {category}")
            counts[category] = counts.get(category, 0) + 1
            want = 2 if category == "multi-hop" else 1
            if len(evidence) != want:
                raise ValueError(f"{code} q{qi}: {len(evidence)} evidence turns")
            questions.append({
                "id": f"{code}-q{qi:02d}",
                "question": text,
                "evidence": [keys[label] for label in evidence],
                "category": category,
                "project": name,
            })
        if counts != CATEGORY_COUNTS:
            raise ValueError(f"{code}: category counts {counts}")
    return {"name": "histories_blind_c", "sessions": sessions,
            "questions": questions}


if __name__ == "__main__":
    from _dataset_cli import handwritten_main

    raise SystemExit(handwritten_main(build, __doc__))
