#!/usr/bin/env python3
"""Blind hand-written coding-agent histories, set D.

Four fictional software projects (a Rust CLI, an ML training platform, a
thermostat firmware and a browser extension), each a series of work sessions
between a developer ("user") and a coding agent ("assistant"), plus recall
questions whose evidence is the turn(s) holding the answer.  All texts are
hand-written data literals; the script only assigns ids and writes JSON.

    python benchmarks/histories_blind_d.py -o OUT.json

Stdlib only, deterministic output.
"""

from __future__ import annotations

from datetime import date

U = "user"
A = "assistant"

CATEGORIES = (
    "current-state", "past-state", "decision", "preference", "location",
    "reference", "debugging", "temporal", "multi-hop",
)

# Each project: code, project name, sessions = [(iso_date, [turn, ...])], where
# a turn is (speaker, text) or (speaker, text, key); key is a label or a tuple
# of labels that questions cite as evidence.  Questions: (category, text, [keys]).

PROJECTS = []

# ---------------------------------------------------------------------------
# d1: quarry -- Rust CLI that runs SQL-ish queries over CSV / NDJSON / Parquet
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "d1",
    "project": "quarry",
    "sessions": [
        ("2024-03-04", [
            (U, "Hey. I want a second pair of hands on quarry for a while. Quick tour: it's a Rust CLI that runs SQL-ish queries over CSV, NDJSON and Parquet files, think `quarry 'select host, count(*) from logs.csv group by host'`. Single crate right now. src/main.rs does the argument handling with structopt, the query language is a hand-written recursive-descent parser in src/parse.rs, and errors bubble up as anyhow::Result all the way to main.", ("d1_structopt", "d1_anyhow")),
            (A, "Got it, I had a look around. Cargo.toml declares `rust-version = \"1.70\"`, the Parquet reader uses the `parquet` crate from arrow-rs (v50), and CSV goes through the `csv` crate with a type-inference pass over the first 1,000 rows. User settings are read from `~/.quarryrc`, which is TOML despite the name. Tests are plain `cargo test`: 214 pass, nothing ignored.", "d1_quarryrc"),
            (U, "Right. One thing to know: Ines co-maintains, and she wrote most of the parser, so anything in parse.rs goes through her review.", "d1_ines_parser"),
            (A, "Noted, I'll flag her on parser PRs."),
            (U, "She also does the releases. She's the only one with crates.io owner rights besides me.", "d1_ines_release"),
            (A, "OK. Where do you want to start?"),
            (U, "There's a pile of small issues, let's start with the stdout one next time. Today just make sure `cargo clippy -- -D warnings` is clean."),
            (A, "Two findings: a `needless_borrow` in src/output/table.rs and a `manual_let_else` that is pedantic-only, so it doesn't fire by default. Fixed the first one; clippy is clean on stable."),
            (U, "nice"),
        ]),
        ("2024-03-11", [
            (U, "Bug report from a user, issue #42: `quarry 'select * from big.csv' | head -5` prints five rows and then dies with `failed printing to stdout: Broken pipe (os error 32)` and a panic backtrace. Reproduces for me too.", "d1_bp_report"),
            (A, "That's the classic Rust SIGPIPE thing. The Rust runtime ignores SIGPIPE at startup, so when `head` closes the pipe our next write gets EPIPE, and because the table writer uses `println!`, that becomes a panic instead of an error. Two ways out: restore the default SIGPIPE handler through libc at startup so the process dies silently like a C tool would, or switch the writers to `writeln!` on a locked stdout and treat `ErrorKind::BrokenPipe` as a clean exit. I'd take the second: portable to Windows and no unsafe.", "d1_bp_cause"),
            (U, "Second one. Go."),
            (A, "Done. All output paths go through `Output::emit`, which writes to a `BufWriter<StdoutLock>`; on `BrokenPipe` we stop writing and exit with code 0. Added an integration test that spawns quarry piped into a reader that closes after one line. While I was there I saw several `.unwrap()` calls on write results in src/output/csv.rs.", "d1_bp_fix"),
            (U, "Yeah, please get rid of those. General rule for this codebase: no unwrap() outside of tests. If something truly can't fail, use expect with a message saying why. Otherwise propagate the error.", "d1_pref_unwrap"),
            (A, "Replaced 11 unwraps: 8 propagate with `?` now, 3 became `expect(...)` with a justification (regex literals compiled at startup). I also added `#![cfg_attr(not(test), deny(clippy::unwrap_used))]` to main.rs so it stays that way."),
            (U, "love it"),
            (A, "PR #44 is up and references #42."),
        ]),
        ("2024-03-20", [
            (U, "structopt is effectively dead and it drags clap 2 into the tree. Let's port to clap 4 with the derive API. Every existing flag has to keep working."),
            (A, "Plan: `#[derive(StructOpt)]` becomes `#[derive(Parser)]`, the `#[structopt(...)]` attributes turn into `#[arg(...)]` / `#[command(...)]`, and the subcommand enum derives `Subcommand`. One catch: clap 4.5 needs Rust 1.74, so the MSRV in Cargo.toml would have to move up from 1.70. I could pin clap to 4.4 to avoid that."),
            (U, "Don't pin. Bump rust-version to 1.74, nobody serious is on 1.70 any more.", "d1_msrv174"),
            (A, "Done. Cargo.toml has `rust-version = \"1.74\"` and `clap = { version = \"4.5\", features = [\"derive\", \"env\"] }`, and the CI MSRV job uses the 1.74 toolchain. All flags parse the same, I diffed against the old `--help` output. Two visible differences: the help layout is slightly different, and `-V` prints `quarry 0.6.0` without the git hash.", "d1_clap"),
            (U, "Put the hash back, people paste -V output into bug reports."),
            (A, "Restored via `#[command(version = env!(\"QUARRY_VERSION_LONG\"))]`; the build script sets that from `git describe`."),
            (U, "While we're renaming things: long flags are kebab-case, always. I saw a `--null_as` in there from some old PR.", "d1_pref_kebab"),
            (A, "Renamed it to `--null-as`, with `--null_as` kept as a hidden alias so existing scripts don't break. I grepped the arg definitions, it was the only snake_case one."),
            (U, "Good. Merge once CI's green."),
            (A, "CI is green on stable, beta and 1.74. Merged as #51, and structopt is gone from Cargo.lock.", "d1_clap_done"),
        ]),
        ("2024-04-02", [
            (U, "how was your weekend? mine went into fighting the release workflow, which is why we're talking about it today"),
            (A, "No weekends on my side, but sorry about yours. What broke?"),
            (U, "The macOS job. Background so you know how it works: .github/workflows/release.yml is hand-written, runs on `v*` tags, builds x86_64-unknown-linux-musl, aarch64-apple-darwin, x86_64-apple-darwin and x86_64-pc-windows-msvc, uploads the tarballs to the GitHub release, and a final job bumps the formula in our tap repo, quarry-cli/homebrew-tap. Ines pushes the tags. On Saturday the Intel mac build failed on the new runner image.", ("d1_release_old", "d1_tap")),
            (A, "From the log: the `macos-latest` label moved to macOS 14 on arm64, so the x86_64-apple-darwin job is cross-compiling now and `ring`'s build script can't find the right SDK target. The quick fix is to pin that one job to `macos-13`, which is still Intel."),
            (U, "do it"),
            (A, "Pinned x86_64-apple-darwin to macos-13 and left the aarch64 job on macos-14. I re-ran the workflow for the v0.6.1 tag from a fork and all four artifacts built."),
            (U, "Ok. Honestly this workflow is 300 lines of YAML that nobody wants to own. Let's not sink more time into it now, but put cargo-dist on the list."),
            (A, "Added to ROADMAP.md under Tooling: 'evaluate cargo-dist as a replacement for release.yml'."),
        ]),
        ("2024-04-15", [
            (U, "The Parquet path is slow on files with lots of row groups. Ideas?"),
            (A, "Two options. (a) Stay on arrow-rs' `parquet` crate and prune row groups ourselves using the column statistics, so `where` predicates can skip row groups whose min/max rule them out. (b) Hand Parquet queries to polars' lazy engine, which already does predicate and projection pushdown and multithreaded decoding. (b) is less code for us to maintain long-term."),
            (U, "What does (b) do to the binary?"),
            (A, "I tried it on a branch: the release binary goes from 9.4 MB to 47 MB, and a clean release build goes from 1m50s to a bit over 6 minutes. polars also tends to raise its MSRV faster than we'd like.", "d1_polars_size"),
            (U, "Then no. quarry is supposed to be a small static binary you can scp onto a box, and I'm not making contributors wait six minutes for a build. We stay on the parquet crate and do the pruning ourselves.", "d1_polars_rejected"),
            (A, "Fair. I'll implement statistics-based pruning: for each row group, evaluate the `where` clause against column min/max with a three-valued check (definitely false / maybe / definitely true) and skip the definitely-false ones."),
            (U, "how does that do on the nyc taxi file"),
            (A, "yellow_tripdata_2023-01.parquet with `where fare_amount > 200`: 1.9 s before, 0.31 s after, because 37 of 40 row groups get skipped. Output is identical, I diffed it."),
            (U, "👌 ship it"),
        ]),
        ("2024-04-24", [
            (U, "Issue #63: someone wants the config file to follow XDG. I'm fine with that."),
            (A, "Proposal: read `$XDG_CONFIG_HOME/quarry/config.toml`, falling back to `~/.config/quarry/config.toml` when the variable is unset; on Windows `%APPDATA%\\quarry\\config.toml`. If only the legacy file exists we still read it but print a one-line deprecation warning to stderr. Open question is macOS: the `directories` crate would give us `~/Library/Application Support/quarry`.", "d1_xdg"),
            (U, "Use ~/.config on the Mac as well. Everyone who uses a CLI like this on a Mac already has a ~/.config full of dotfiles, and nobody ever finds anything under Library/Application Support.", "d1_macos_config"),
            (A, "OK, so no `directories` defaults on macOS; I'll build the path by hand from the home dir plus `.config`. Implemented in src/config.rs, and the lookup order is documented under CONFIG in `quarry --help`."),
            (U, "And `quarry config path` should print whichever file it actually loaded."),
            (A, "Added. It prints the path, or `(none, using defaults)`. Tests cover XDG set, XDG unset, legacy-only, and both present (the new one wins, no warning)."),
            (U, "cool"),
        ]),
        ("2024-05-06", [
            (U, "Two housekeeping things. First, split into a workspace: a library crate for the engine so people can embed it, plus the binary. Second, switch CI to cargo-nextest, the suite is getting slow and the output is awful when something fails."),
            (A, "Workspace layout: crates/quarry-core (parser, planner, readers, executor) and crates/quarry-cli (args, config, output). The parser moved from src/parse.rs to crates/quarry-core/src/parse/mod.rs, with the lexer split out into parse/lexer.rs. The root Cargo.toml is a virtual manifest with `[workspace.package] rust-version = \"1.74\"` so both crates inherit the MSRV.", "d1_parse_loc"),
            (U, "and nextest?"),
            (A, "CI runs `cargo nextest run --workspace --profile ci`; the ci profile retries flaky tests once and writes JUnit to target/nextest/ci/junit.xml. nextest doesn't run doctests, so there's a separate `cargo test --doc` step. Suite time on CI went from 4m10s to 1m35s.", "d1_nextest"),
            (U, "Nice. We should also have a real benchmark. Criterion?"),
            (A, "Added crates/quarry-core/benches/scan.rs with criterion. The headline case is a full scan plus group-by over a generated 1 GB CSV (10M rows): 2.1 s median on my 8-core runner.", "d1_bench_21"),
            (U, "alright, write that number down somewhere so we can compare later"),
            (A, "It's in BENCHMARKS.md together with the machine description and the commit hash."),
        ]),
        ("2024-05-20", [
            (U, "Query syntax errors are bad. `select foo frmo x.csv` just says `Error: expected FROM at position 11`. Can we get the rustc-style thing with a caret under the bad token?"),
            (A, "miette does exactly that: errors derive `Diagnostic`, carry a `SourceSpan`, and the report handler renders the query with a labelled underline and optional help text. If we adopt it I'd drop anyhow entirely: library errors become thiserror enums that also derive `Diagnostic`, and main returns `miette::Result<()>`. Mixing anyhow and miette works, but you end up with two different error styles."),
            (U, "Everywhere then. One style."),
            (A, "Done: anyhow is out of both crates, errors are thiserror + miette `Diagnostic`s, and main returns `miette::Result`. `select foo frmo x.csv` now renders the query, underlines `frmo` and says `help: did you mean FROM?`; the hint comes from an edit-distance check against the keywords.", "d1_miette"),
            (U, "Sweet. Different thing, issue #87. A user's CSV has a header `id,name,...` but `select id from f.csv` says unknown column id. `select *` shows a column called id."),
            (A, "I bet the file starts with a UTF-8 BOM. Checking the sample they attached... yes, the first three bytes are EF BB BF, so the first header is literally \"\\u{feff}id\". The csv crate doesn't strip BOMs. Fix: our CSV reader peeks at the first three bytes and skips them if they're a BOM before handing the stream to csv::ReaderBuilder.", "d1_bom"),
            (U, "Windows Excel exports, of course. do it"),
            (A, "Fixed in crates/quarry-core/src/read/csv.rs, with a test fixture saved from Excel. I also made the unknown-column error list near-miss column names, so an invisible character like that would at least show up as `did you mean \"\\u{feff}id\"?`.", "d1_bom_fix"),
            (U, "good call"),
        ]),
        ("2024-06-03", [
            (U, "I'm changing the default output. #131 has been open forever: when you pipe quarry into something you get box-drawing characters, which is useless. The default becomes `auto`: table when stdout is a terminal, CSV otherwise. `--format table` still forces the table.", "d1_auto_format"),
            (A, "Makes sense. I'll use `std::io::IsTerminal` (stable since 1.70, fine for our MSRV), add `auto` to the `Format` enum as the default value, and update the README examples that pipe into `sort`."),
            (U, "The config file should be able to override it too, `format = \"table\"`."),
            (A, "Done. Precedence is flag > `QUARRY_FORMAT` env var > config file > auto. Changelog entry is under 'Breaking-ish'."),
            (U, "Another heads-up. Ines is stepping back at the end of the month, new job. Tobi takes over releases: I've already added him as a crates.io owner and given him tag-push rights.", "d1_tobi_release"),
            (A, "Thanks for telling me. I'll ping Tobi on release-related PRs from here on. Should parser reviews move to him as well?"),
            (U, "Not yet, she'll still review the odd parser PR until she's fully gone. I'll tell you."),
            (A, "OK."),
            (U, "And can you draft a thank-you note to Ines? Kidding. Sort of."),
            (A, "Happy to draft something if you want one, but I'd leave the sentiment to you."),
        ]),
        ("2024-06-17", [
            (U, "Tobi and I looked at cargo-dist last week and we're going for it. Can you do the migration?", "d1_cargo_dist_decided"),
            (A, "Sure. `cargo dist init` generated a new .github/workflows/release.yml and a `[workspace.metadata.dist]` section. I configured the same targets plus aarch64-unknown-linux-gnu, which people asked for in #98. Installers: shell, powershell, and homebrew publishing into quarry-cli/homebrew-tap, so our own formula-bump job disappears.", "d1_cargo_dist_a"),
            (U, "keep musl for x86_64 linux"),
            (A, "Kept: the target list has x86_64-unknown-linux-musl for x86_64. The aarch64 Linux one is gnu, since cross-compiling musl for arm is still awkward in cargo-dist."),
            (U, "fine."),
            (A, "I ran `cargo dist plan` and a local `cargo dist build` for the host target: the plan lists 5 archives, the installers and a checksum per archive. Our hand-written release.yml is deleted; the generated one is 220 lines but nobody edits it by hand, `cargo dist generate` rewrites it.", "d1_cargo_dist"),
            (U, "Tobi will cut 0.8.0 with it on Thursday. If it blows up we roll back the workflow, not the code."),
            (A, "Understood. I pasted the old workflow into the PR description for reference."),
        ]),
        ("2024-07-01", [
            (U, "Feedback from Jonas, who runs quarry on a 64-core box: it spawns 64 threads for a 20 MB file and that's slower than with 4. Our default is available_parallelism(), right?"),
            (A, "Yes, `--threads` defaults to `std::thread::available_parallelism()`. On many-core machines the coordination overhead dominates for small inputs. Simple fix: cap the default at 8; an explicit `--threads N` still allows anything.", "d1_threads8"),
            (U, "do that, 8 cap."),
            (A, "Done. Nothing changes on my 8-core runner; on a 32-core cloud box the 20 MB case goes from 180 ms to 70 ms. I also re-ran the criterion scan after the reader work of the last weeks: the 1 GB CSV group-by is at 1.3 s median.", "d1_bench_13"),
            (U, "woo. Next: docs. The mdBook is on GitHub Pages at quarry-cli.github.io/quarry. We bought quarry.dev and I want the book at docs.quarry.dev.", "d1_docs_old"),
            (A, "The pages workflow only needs a CNAME file in book/src containing `docs.quarry.dev`, plus a DNS CNAME record pointing at quarry-cli.github.io. I'll add the file; DNS is on your side."),
            (U, "I'll set the record tonight. Update the links in the README and the `documentation` field in Cargo.toml too."),
            (A, "Updated the README, `documentation = \"https://docs.quarry.dev\"` in both crates' Cargo.toml, and the footer of `--help`.", "d1_docs_new"),
        ]),
        ("2024-07-15", [
            (U, "Small one. I keep writing `.map_err(|e| { log(&e); e })` and it annoys me. inspect_err is 1.76, isn't it?"),
            (A, "Yes, `Result::inspect_err` was stabilised in Rust 1.76. The workspace says 1.74 at the moment."),
            (U, "Let's go to 1.76 then. Debian's rustc is irrelevant for us, people install with cargo or grab the binaries."),
            (A, "Changed `[workspace.package] rust-version` to \"1.76\", switched the CI MSRV job's toolchain, and replaced the 7 logging map_err patterns with inspect_err. Clippy's `incompatible_msrv` lint is clean, so nothing newer slipped in.", "d1_msrv176"),
            (U, "Also arrow went to 52, did anything break?"),
            (A, "One thing: `ParquetRecordBatchReaderBuilder::with_row_groups` takes a Vec instead of a slice, one-line change. nextest: 402 passed."),
            (U, "Cool. Changelog?"),
            (A, "Under 0.9.0-unreleased: 'MSRV is 1.76' and 'arrow/parquet 52'."),
        ]),
        ("2024-07-29", [
            (U, "Ines is fully gone. Tobi reviews parser PRs too from here on.", "d1_tobi_parser"),
            (A, "Noted: Tobi for the parser and for releases."),
            (U, "Speaking of the parser, I've wanted to retire the hand-written one for a while. Tobi prototyped it with winnow and it's 40% less code. Can you finish it? Same AST, and the miette spans have to keep working."),
            (A, "I looked at Tobi's branch. winnow's `Located` input gives byte offsets, which map straight onto miette `SourceSpan`s, so the diagnostics keep working. I'll port the missing pieces (window functions and `with` clauses), then run old and new parser side by side over the 600 queries in tests/corpus and compare ASTs."),
            (U, "sounds good"),
            (A, "Done. 598/600 identical ASTs; the two differences were bugs in the old parser (it accepted `select , a from t`). The hand-written parser is deleted. crates/quarry-core/src/parse/ has grammar.rs with the winnow combinators and ast.rs; lexer.rs is gone because winnow works on &str directly.", "d1_winnow"),
            (U, "and perf?"),
            (A, "Negligible either way: 18 µs vs 22 µs for the longest corpus query."),
            (U, "Unrelated: a Windows user says `quarry 'select * from logs/*.csv'` fails with 'file not found: logs/*.csv'."),
            (A, "No shell expands a glob inside the query string anyway; we do it ourselves in the path resolver. Let me look... the resolver checks `Path::exists()` first and only falls back to `glob::glob` if the path contains `*` and `cfg(unix)`. Someone added that cfg in 2023. Removing it fixes Windows, `glob` handles backslash paths fine.", "d1_glob"),
            (U, "lol ok. Remove it."),
        ]),
        ("2024-08-12", [
            (U, "Getting 0.9.0 ready. Some cleanup: can we drop the ~/.quarryrc fallback? It's been warning since April."),
            (A, "I'd keep it one more minor, the deprecation warning has only shipped since 0.7. Proposal: remove it in 0.10 and announce that in this changelog."),
            (U, "ok, 0.10 then."),
            (A, "The changelog says: 'The legacy ~/.quarryrc will no longer be read starting with 0.10.'"),
            (U, "Second: the 8-thread cap was too blunt. Jonas says big Parquet files got slower than before the cap. Maybe physical cores, max 16, but all of them only when the input is above 256 MB?"),
            (A, "A slightly simpler rule that covers both reports: if the total input is above 256 MB, default to min(physical cores, 16); otherwise min(physical cores, 4). Measured on the 32-core box: the 20 MB file takes 68 ms (same as with the cap of 8), and a 4 GB Parquet file 2.9 s instead of 4.6 s.", "d1_threads_final"),
            (U, "Fine, go with that."),
            (A, "Implemented in crates/quarry-cli/src/threads.rs. std can't tell physical from logical cores, so that part uses `num_cpus::get_physical()`. `--threads` overrides as before, and the help text documents the rule."),
            (U, "Last one: rename the `Opt` struct, that name is from the structopt days. Call it `Cli`."),
            (A, "Renamed `Opt` to `Cli` and `OptCommand` to `Command`. Nothing public in quarry-core referenced them."),
            (U, "ok, tag it when Tobi's around"),
        ]),
    ],
    "questions": [
        ("current-state", "Which crate handles argument parsing for the quarry CLI?", ["d1_clap", "d1_clap_done"]),
        ("current-state", "What's quarry's minimum supported Rust version?", ["d1_msrv176"]),
        ("current-state", "How are quarry's release binaries built and uploaded these days?", ["d1_cargo_dist_a", "d1_cargo_dist"]),
        ("current-state", "If I run a query without passing --format, what output format do I get?", ["d1_auto_format"]),
        ("current-state", "Which file does quarry read user settings from?", ["d1_xdg", "d1_macos_config"]),
        ("current-state", "What does quarry use for error handling and error reporting?", ["d1_miette"]),
        ("current-state", "Who is responsible for cutting quarry releases and publishing to crates.io now?", ["d1_tobi_release"]),
        ("current-state", "How many worker threads does quarry use when --threads isn't given?", ["d1_threads_final"]),
        ("current-state", "How is quarry's query parser implemented at the moment?", ["d1_winnow"]),
        ("past-state", "Where did quarry originally read its user config from, before the XDG change?", ["d1_quarryrc"]),
        ("past-state", "Which error crate did quarry use before adopting miette?", ["d1_anyhow"]),
        ("past-state", "Where was the mdBook documentation hosted before it got its own domain?", ["d1_docs_old"]),
        ("past-state", "What rust-version did we set when we ported the CLI off structopt?", ["d1_msrv174"]),
        ("decision", "Why didn't we hand Parquet queries over to polars?", ["d1_polars_size", "d1_polars_rejected"]),
        ("decision", "Why does quarry put its config under ~/.config on macOS rather than Library/Application Support?", ["d1_macos_config"]),
        ("preference", "What's the rule about unwrap() in quarry's code?", ["d1_pref_unwrap"]),
        ("preference", "What naming convention should long command-line flags follow?", ["d1_pref_kebab"]),
        ("location", "Which repository holds quarry's Homebrew formula?", ["d1_tap"]),
        ("location", "In which file is the UTF-8 BOM stripping for CSV input?", ["d1_bom_fix"]),
        ("reference", "Which GitHub issue asked for quarry to stop printing box-drawing tables when its output is piped?", ["d1_auto_format"]),
        ("reference", "What was the issue number of the panic when piping quarry into head?", ["d1_bp_report"]),
        ("debugging", "Why did `select id` report an unknown column on the user's Excel-exported CSV?", ["d1_bom"]),
        ("debugging", "What caused the panic when piping output into `head`, and how was it fixed?", ["d1_bp_cause", "d1_bp_fix"]),
        ("temporal", "When did quarry move from structopt to clap?", ["d1_clap_done"]),
        ("temporal", "When did we migrate the release pipeline to cargo-dist?", ["d1_cargo_dist_decided"]),
        ("multi-hop", "Who took over release duties from the person who wrote most of the original parser?", ["d1_ines_parser", "d1_tobi_release"]),
        ("multi-hop", "How much did the 1 GB CSV group-by benchmark improve between when it was first recorded and the July re-run?", ["d1_bench_21", "d1_bench_13"]),
    ],
})

# ---------------------------------------------------------------------------
# d2: kiln -- internal ML training platform (PyTorch, Hydra, GPU cluster)
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "d2",
    "project": "kiln",
    "sessions": [
        ("2024-01-09", [
            (U, "Hi! Some context first. kiln is our internal training platform: researchers write a TrainSpec (model, dataset, hyperparameters) and kiln turns it into a job on the GPU cluster and handles checkpointing, resumption and metric logging. Jobs are submitted to Slurm on the 'hopper' cluster, 24 nodes with 8x A100 40GB each. Metrics and artifacts go to our self-hosted MLflow at mlflow.ml.internal.", ("d2_slurm", "d2_a100", "d2_mlflow")),
            (A, "Thanks. The layout I see: kiln/spec.py (TrainSpec dataclasses), kiln/launch/slurm.py (generates sbatch scripts), kiln/train/loop.py (the generic training loop with DDP), kiln/ckpt/ (save/restore) and kiln/data/ (sharded dataset loaders). Configs are YAML files read with argparse + PyYAML in kiln/cli.py, with `--set key=value` overrides."),
            (U, "Yep. Checkpoints go to NFS under /mnt/shared/kiln/ckpt/<run_id>/, every 1000 steps.", "d2_ckpt_nfs"),
            (A, "Noted. The loop keeps the last 3 checkpoints and deletes older ones unless the spec says `keep_all: true`."),
            (U, "Right. The data loader stuff is Priya's, talk to her before changing anything in kiln/data.", "d2_priya"),
            (A, "Will do. Anything urgent?"),
            (U, "A researcher's job hangs at the start of epoch 2, randomly. Let's look at it tomorrow."),
            (A, "OK. If they can get a py-spy dump when it happens, that'd save time."),
        ]),
        ("2024-01-10", [
            (U, "OK, the hang. Run id r-7731. It hangs at the start of epoch 2 in maybe 1 of 5 runs, GPU util drops to 0, no error. py-spy on the main process shows it waiting in `_MultiProcessingDataLoaderIter._next_data`."),
            (A, "And the workers? A py-spy dump of one of the dataloader worker PIDs would tell us what they're blocked on."),
            (U, "Worker is stuck in cuInit?? Something inside torch.cuda."),
            (A, "That explains it. The dataset's `__getitem__` calls `self.augment`, which for this researcher's spec lazily builds a lookup table as a GPU tensor on first use. With the default 'fork' start method, workers forked after the parent initialised CUDA inherit an unusable CUDA context, and touching CUDA in the child can deadlock. It's intermittent because the lazy init only happens in some workers, depending on which shards they get at the epoch boundary. Two fixes: keep dataset code CPU-only, and create DataLoader workers with the 'spawn' context (plus persistent workers so we don't pay the spawn cost every epoch).", "d2_deadlock_cause"),
            (U, "Let's do both. Spawn as the platform default."),
            (A, "Done in kiln/data/loader.py: `multiprocessing_context=\"spawn\"`, `persistent_workers=True` when num_workers > 0, and a check that raises a clear error if a dataset returns CUDA tensors from a worker. Priya reviewed it.", "d2_deadlock_fix"),
            (U, "thanks! ran the r-7731 config 10 times, no hang"),
            (A, "Great. Startup is about 6 s slower per job because of spawn, but only once per job thanks to persistent workers."),
        ]),
        ("2024-01-23", [
            (U, "The argparse + YAML config is getting unwieldy, every new option has to be added in three places. I'd like to move to Hydra: structured configs from our dataclasses, config groups for model/dataset/optimizer, overrides with the usual key=value syntax."),
            (A, "That fits: the kiln/spec.py dataclasses can be registered in Hydra's ConfigStore directly, so the schema stays typed. Groups would live in kiln/conf/{model,data,optim,cluster}/*.yaml. One thing to decide: by default Hydra changes the working directory and creates outputs/ dirs per run. I'd set `hydra.job.chdir=False` and point `hydra.run.dir` at the run's log dir so nothing lands in the user's cwd."),
            (U, "Yes to both. One hard requirement: every config value has to be overridable from the command line. No exceptions. Researchers hate editing YAML just to try one thing.", "d2_pref_override"),
            (A, "Understood. With structured configs that's automatic for everything in the dataclasses; I'll add a test that walks the schema and checks that every leaf can be set through an override."),
            (U, "Also print the resolved config when a job starts."),
            (A, "Added: the resolved config is logged at INFO at startup and saved as config.yaml next to the checkpoints. The old `--set` flag keeps working for one release, translated into Hydra overrides with a deprecation warning.", "d2_hydra"),
            (U, "perfect"),
        ]),
        ("2024-02-05", [
            (U, "We lost 2.5 hours of an 8-node run on Saturday because a node died right before step 1000. Let's checkpoint more often: every 500 steps by default.", "d2_ckpt500"),
            (A, "Changed the `ckpt.every_n_steps` default from 1000 to 500. For the 7B config a checkpoint is ~80 GB (weights plus optimizer state) and the NFS write takes ~90 s, during which training is blocked, so twice as often costs about 3% more wall time on that config. Want async saving?"),
            (U, "Not yet, let's see if people complain."),
            (A, "OK. Unrelated: kiln/ckpt/manager.py and a few other modules use `print()` for progress messages."),
            (U, "Yeah, kill those. We use structlog everywhere, with the run_id bound to the logger. No prints in library code, ever.", "d2_pref_structlog"),
            (A, "Replaced 23 print calls with structlog loggers (`structlog.get_logger(__name__)`), with `run_id` bound via contextvars at job start. I also enabled ruff's T201 rule so a print() in kiln/ fails lint."),
            (U, "👍"),
        ]),
        ("2024-02-19", [
            (U, "The storage team wants us off NFS for checkpoints, it keeps filling up. We got a bucket, s3://acme-ml-checkpoints, under the prefix kiln/. Can you switch the checkpoint manager over?"),
            (A, "Plan: use torch.distributed.checkpoint with an fsspec-based writer so each rank writes its own shard straight to S3. Layout: s3://acme-ml-checkpoints/kiln/<run_id>/step_<N>/. Resume reads the same path, and the keep-last-3 retention becomes S3 deletes.", "d2_ckpt_s3_plan"),
            (U, "sgtm"),
            (A, "Done. NFS is only used if someone sets `ckpt.backend=nfs` explicitly. A 7B save takes 55 s, faster than NFS because the ranks write in parallel.", "d2_ckpt_s3"),
            (U, "Also a bug. Marcus' run went NaN right after resuming from a checkpoint. It was fine before the restart."),
            (A, "Found it. On resume we restore the model and optimizer but neither the GradScaler nor the LR scheduler. The scheduler starting over put the LR back at the beginning of its schedule, which for Marcus' config (cosine, no warmup) is the peak 3e-4 instead of the ~4e-5 it had decayed to. With fp16 that blew up within 20 steps; the scaler being reset to its initial 65536 instead of the 512 it had settled at made the first steps worse.", "d2_nan_cause"),
            (U, "so save both"),
            (A, "Both go into the checkpoint now (`scaler.state_dict()` and `scheduler.state_dict()`) and are restored on resume. There's a test that trains 20 steps, resumes at step 10 and checks that the LR and loss curves match an uninterrupted run bit for bit on CPU.", "d2_nan_fix"),
            (U, "nice"),
        ]),
        ("2024-03-04", [
            (U, "Decision from the ML leads meeting: experiment tracking moves to Weights & Biases. The MLflow server keeps falling over and nobody wants to run it. We have a W&B team account, entity `acme-ml`.", ("d2_wandb_decision", "d2_entity_old")),
            (A, "OK. I'll add a tracker abstraction in kiln/track/ with `wandb` and `mlflow` implementations, so switching is one config value. The W&B project is the TrainSpec's `project` field, the run name is the run_id, and the resolved Hydra config becomes the W&B run config."),
            (U, "Default wandb, and keep the mlflow backend around for a month for people with old dashboards."),
            (A, "Done, `tracker: wandb` is the default. Only rank 0 initialises wandb. The API key comes from WANDB_API_KEY, injected from the cluster's secret store, never from configs.", "d2_wandb"),
            (U, "And system metrics? MLflow didn't do GPU stats, we had the Grafana dashboard for that."),
            (A, "W&B records GPU utilisation and memory per process on its own. I'd still keep the Grafana dashboard since it covers the whole cluster, not just one run: 'Kiln / GPU utilization' at grafana.ml.internal/d/kiln-gpu.", "d2_grafana"),
            (U, "yeah keep it"),
        ]),
        ("2024-03-18", [
            (U, "Can we get rid of the fp16 pain? Half of the NaN questions in the support channel are loss-scaling issues."),
            (A, "A100s support bf16 natively. bf16 has the same exponent range as fp32, so there's no need for loss scaling and the GradScaler goes away. Quality is generally on par for the kind of models people train here. I'd make bf16 the default and keep fp16 for the few models where someone has evidence it matters."),
            (U, "Do it. Default bf16 with autocast; the scaler only gets created for fp16.", "d2_bf16"),
            (A, "Changed: `precision` defaults to `bf16`, autocast uses torch.bfloat16, and a GradScaler is instantiated only when precision is fp16 (its state still goes into the checkpoint in that case). Ran the 1.3B reference config for 2k steps: loss curve within noise of fp16, and 4% faster without the scale/unscale.", "d2_bf16_done"),
            (U, "Great. Announce it in #ml-platform."),
            (A, "Draft: 'kiln 0.14: the default precision is bf16. No loss scaling needed. If your run depends on fp16, set precision=fp16.'"),
            (U, "ship"),
        ]),
        ("2024-04-02", [
            (U, "Big one. Infra is retiring the Slurm cluster over the next few months, and the GPU nodes move into the Kubernetes cluster gpu-k8s-1. We need a Kubernetes launcher. They've installed Kueue for quotas and queueing."),
            (A, "OK. Design: kiln/launch/k8s.py builds a JobSet (one replicated job, one pod per node with 8 GPUs each) with torchrun as the entrypoint, labelled `kueue.x-k8s.io/queue-name: <team>-queue` so Kueue admits the whole gang at once. Rendezvous goes through the JobSet's headless service. Checkpointing and W&B are unchanged."),
            (U, "Why JobSet and not the Kubeflow PyTorchJob?"),
            (A, "The Kubeflow training operator would be one more controller for infra to run. JobSet is lighter, Kueue supports it natively, and all we need is the pod-per-node plus headless-service pattern, which JobSet gives us. PyTorchJob also has its own env var conventions that we'd have to map onto torchrun.", "d2_jobset_why"),
            (U, "Fine. JobSet it is."),
            (A, "I'll keep the Kueue objects (ResourceFlavor for the A100 nodes, the ClusterQueues, one LocalQueue per team) in deploy/kueue/ so infra can review them.", "d2_kueue_loc"),
            (U, "Nominal quota per team ClusterQueue is 16 GPUs for now.", "d2_quota16"),
            (A, "Set `nominalQuota: 16` for nvidia.com/gpu on each team's ClusterQueue, all in one cohort so idle quota can be borrowed."),
            (U, "good. We'll run both launchers for a while, cluster=slurm vs cluster=k8s."),
            (A, "The default stays slurm until you say otherwise."),
        ]),
        ("2024-04-16", [
            (U, "Org update: Priya moved to the inference team. Ken owns data loading from here on, kiln/data included.", "d2_ken"),
            (A, "Got it, I'll request Ken's review for kiln/data changes."),
            (U, "And we flipped the default cluster to k8s this morning. Slurm stays around for stragglers until June.", "d2_k8s_default"),
            (A, "Changed the Hydra defaults list to `cluster: k8s`. The `cluster=slurm` group still exists."),
            (U, "One issue on k8s: Kueue preempts lower-priority workloads, and the pods get SIGTERM with the default 30 s terminationGracePeriodSeconds. That's not enough to write a checkpoint."),
            (A, "Right, a 7B save to S3 is ~55 s. Options: a longer grace period plus checkpoint-on-SIGTERM, or rely on the periodic checkpoints and accept losing up to 500 steps."),
            (U, "Checkpoint on SIGTERM, grace period 120 s.", "d2_grace120"),
            (A, "Implemented: a SIGTERM handler sets a flag, the loop finishes the current step, writes an emergency checkpoint and exits with 143 so the JobSet restarts once it's readmitted. terminationGracePeriodSeconds is 120 in the pod template."),
            (U, "🙌"),
        ]),
        ("2024-04-29", [
            (U, "The new nodes are in: 16 nodes with 8x H100 80GB. New jobs should land on those by default; the A100 40GB nodes stay as a second flavor."),
            (A, "Added a ResourceFlavor `h100-80gb` and listed it first in every ClusterQueue, so Kueue tries it first and falls back to `a100-40gb`. On the kiln side the `cluster.gpu_type` default is `h100-80gb`.", "d2_h100"),
            (U, "And the container image needs updating, H100 plus FSDP want a newer stack."),
            (A, "Bumped docker/Dockerfile from nvcr.io/nvidia/pytorch:23.10-py3 to 24.03-py3, which takes the NGC PyTorch build from 2.1 to 2.3 and CUDA to 12.4. Python is 3.10 in both images.", "d2_image"),
            (U, "Anything over 1B parameters should use FSDP instead of DDP by default."),
            (A, "Done: `parallel.strategy: auto` picks FSDP with full sharding above 1B parameters and DDP below; explicit `ddp` / `fsdp` still work. FSDP checkpoints are sharded through torch.distributed.checkpoint, which we already use.", "d2_fsdp"),
            (U, "Try the 7B config on 2 H100 nodes?"),
            (A, "500 steps: 3,950 tokens/s/GPU, versus 1,720 on A100 40GB with DDP and activation checkpointing. Peak memory 61 of 80 GB."),
            (U, "nice"),
        ]),
        ("2024-05-13", [
            (U, "Checkpointing by steps doesn't make sense any more. On H100 a 500-step interval is 8 minutes for small models and 50 for the big ones. Can we make it time-based?"),
            (A, "Yes: a `ckpt.every_minutes` option checked at step boundaries; after each step we look at the wall-clock time since the last save. What default?"),
            (U, "30 minutes."),
            (A, "Set `every_minutes: 30`. `every_n_steps` still exists but defaults to null; if someone sets both, whichever fires first wins."),
            (U, "Actually make it 20. Marcus says preemptions on the shared queue happen more than we thought, and the SIGTERM save doesn't always make it within the grace window for the 70B runs.", "d2_ckpt20"),
            (A, "Changed to 20. For 70B a sharded save takes ~3 minutes, which at 20-minute intervals would be 15% overhead, too much. torch.distributed.checkpoint's async_save fixes that: training only blocks for the device-to-host copy (~20 s for 70B) and the upload happens in the background.", "d2_ckpt20_a"),
            (U, "Turn async save on then, for everything."),
            (A, "Done, `ckpt.async_save: true` by default. Overhead at the 20-minute interval is under 2% for the 70B config.", "d2_async"),
        ]),
        ("2024-05-27", [
            (U, "Ken suggested we drop Hydra for pydantic-settings plus plain YAML. His argument: Hydra's error messages are awful and the composition is magic. What do you think?"),
            (A, "He's right about the error messages. But pydantic-settings has no config groups or composition, and the `model=llama_7b data=pile` override style is what researchers type all day; we'd end up rebuilding composition ourselves. My suggestion: keep Hydra and add our own validation pass on top of the dataclasses, producing friendlier errors before Hydra's.", "d2_keep_hydra_why"),
            (U, "Agreed, we keep Hydra. Not worth breaking every researcher's muscle memory. Do the validation pass.", "d2_keep_hydra"),
            (A, "Added kiln/conf/validate.py: after composition we check types, enum values and required fields ourselves and print e.g. `data.shard_pattern: required, not set (set it with data.shard_pattern=...)` instead of the OmegaConf traceback."),
            (U, "Ken will like that, he's the one who gets the questions."),
            (A, "I'll tag him on the PR."),
            (U, "Also, small talk: the offsite is next week, I'm out Tuesday to Thursday."),
            (A, "Enjoy it. I'll keep PRs in draft until you're back."),
        ]),
        ("2024-06-10", [
            (U, "Slurm is gone as of Friday, hopper is being reimaged. Please delete the slurm launcher.", "d2_slurm_gone"),
            (A, "Removed kiln/launch/slurm.py, the `cluster=slurm` config group and the sbatch templates. The cluster group only contains `k8s` now."),
            (U, "Quota: the leads agreed to give each team 32 GPUs of nominal quota, now that the H100s are in."),
            (A, "Updated deploy/kueue/cluster-queues.yaml: nominalQuota 32 per team on the h100-80gb flavor; the a100-40gb flavor stays at 16 per team. Borrowing within the cohort is unchanged.", "d2_quota32"),
            (U, "Also some runs die with NCCL watchdog timeouts, `ProcessGroupNCCL ... timed out after 600000 milliseconds` on an allreduce. Always with gpu-h100-07 in the job."),
            (A, "If it's always the same node, it's probably that node's hardware or network config rather than us. Can you get `ibstat` and the NIC MTU from gpu-h100-07 and from a healthy node?"),
            (U, "Marcus checked: gpu-h100-07's RoCE interfaces were at MTU 1500, all the others at 9000. The node was re-provisioned last week and the MTU setting never got applied.", "d2_nccl_mtu"),
            (A, "That's it. With one node on 1500, RoCE traffic to and from it stalls on large messages and the allreduce hangs until the watchdog fires. The real fix is on the node (MTU 9000). On our side I'd add a preflight: every pod runs a 5-second all_reduce bandwidth test at startup and fails fast, naming the host, if it gets under 50% of the expected bandwidth, so we don't burn an hour waiting for the watchdog.", "d2_nccl_fix"),
            (U, "Yes please, preflight."),
            (A, "Added kiln/launch/preflight.py; it runs before the training loop and can be skipped with `preflight=false`.", "d2_preflight"),
        ]),
        ("2024-06-24", [
            (U, "Cleanup day. Can the mlflow tracker backend go?"),
            (A, "Yes, our launch logs show nobody used `tracker=mlflow` in the last 30 days, and mlflow.ml.internal was shut down on the 14th anyway. Removing kiln/track/mlflow_tracker.py and the mlflow dependency."),
            (U, "And the --set translation shim from the Hydra migration?"),
            (A, "Removing that too, it's been warning since January. Also, the docs still claim checkpoints happen every 1000 steps, which hasn't been true since February."),
            (U, "Fix the docs to say what actually happens."),
            (A, "The checkpointing page describes the time-based interval (`ckpt.every_minutes`) with asynchronous saves to the S3 bucket under kiln/<run_id>/, plus the emergency checkpoint on preemption, and links the config reference for the defaults."),
            (U, "and the runbook link in the README still points at the old Confluence page"),
            (A, "Replaced it with the Notion page 'Kiln on-call runbook'. The old Confluence page 'ML Platform / Slurm job troubleshooting' is archived.", "d2_runbook"),
            (U, "great, thanks"),
        ]),
        ("2024-07-08", [
            (U, "Marcus sent the preemption stats for June: 14 emergency checkpoints on 70B runs, and 5 of them didn't finish before SIGKILL."),
            (A, "On the way out we can't lean on async save, we have to wait until the write completes, and a sharded 70B write is ~3 minutes. 120 s is simply too short for those."),
            (U, "Give the pods five minutes then. It only costs anything when a preemption actually happens."),
            (A, "terminationGracePeriodSeconds is 300 in the JobSet pod template. Kueue waits for the preempted pods to terminate, so in the worst case the preempting workload starts up to 5 minutes later; I wrote that into the docs.", "d2_grace300"),
            (U, "Fine. Also W&B: the admin consolidated our accounts, and runs have to log under the `acme-research` entity. acme-ml goes read-only after the 15th.", "d2_entity_new"),
            (A, "Changed the default `tracker.entity` to acme-research. Old runs stay where they are under acme-ml; I added a README line on where to find them."),
            (U, "thx"),
            (A, "One more: since Slurm is gone, the 'hopper' mentions in examples/ were stale, so I rewrote those examples for the Kubernetes cluster."),
        ]),
    ],
    "questions": [
        ("current-state", "What system are kiln training jobs scheduled on these days?", ["d2_k8s_default", "d2_slurm_gone"]),
        ("current-state", "Which W&B entity should kiln runs log to?", ["d2_entity_new"]),
        ("current-state", "Where do kiln checkpoints get stored?", ["d2_ckpt_s3_plan", "d2_ckpt_s3"]),
        ("current-state", "By default, how often does kiln write a checkpoint?", ["d2_ckpt20", "d2_ckpt20_a"]),
        ("current-state", "What GPU type does a new kiln job get if it doesn't ask for anything specific?", ["d2_h100"]),
        ("current-state", "What numeric precision do kiln runs train in by default?", ["d2_bf16", "d2_bf16_done"]),
        ("current-state", "Who should review a change to the data loading code in kiln/data?", ["d2_ken"]),
        ("current-state", "How long does a kiln pod currently get between SIGTERM and SIGKILL when it is preempted?", ["d2_grace300"]),
        ("current-state", "What's the nominal GPU quota per team in Kueue right now?", ["d2_quota32"]),
        ("past-state", "What was the address of the experiment tracking server kiln used originally?", ["d2_mlflow"]),
        ("past-state", "Before checkpointing became time-based, what was the step interval between checkpoints?", ["d2_ckpt500"]),
        ("past-state", "What GPUs did the nodes of the old hopper cluster have?", ["d2_a100"]),
        ("past-state", "Where were checkpoints written before the S3 bucket?", ["d2_ckpt_nfs"]),
        ("decision", "Why did kiln's Kubernetes launcher go with JobSet rather than Kubeflow's PyTorchJob?", ["d2_jobset_why"]),
        ("decision", "Why did we stay on Hydra when Ken proposed pydantic-settings?", ["d2_keep_hydra_why", "d2_keep_hydra"]),
        ("preference", "How should kiln library code report progress or log messages?", ["d2_pref_structlog"]),
        ("preference", "What requirement did the user set for overriding kiln config values?", ["d2_pref_override"]),
        ("location", "Where in the repo are the Kueue queue and flavor definitions kept?", ["d2_kueue_loc", "d2_quota32"]),
        ("location", "Which module implements the NCCL bandwidth preflight check?", ["d2_preflight"]),
        ("reference", "Which Grafana dashboard shows cluster-wide GPU utilisation?", ["d2_grafana"]),
        ("reference", "What page does the README link as the on-call runbook?", ["d2_runbook"]),
        ("debugging", "Why did run r-7731 hang at the start of epoch 2, and what was changed?", ["d2_deadlock_cause", "d2_deadlock_fix"]),
        ("debugging", "What was behind the NCCL watchdog timeouts that always involved gpu-h100-07?", ["d2_nccl_mtu", "d2_nccl_fix"]),
        ("temporal", "When was the decision made to move experiment tracking to Weights & Biases?", ["d2_wandb_decision"]),
        ("temporal", "When did bf16 become kiln's default precision?", ["d2_bf16"]),
        ("multi-hop", "Marcus' NaN-after-resume bug involved lost GradScaler state. Would a run with default settings even create a GradScaler today?", ["d2_nan_cause", "d2_bf16_done"]),
        ("multi-hop", "Who owns the code where the fork/CUDA dataloader deadlock fix was made?", ["d2_deadlock_fix", "d2_ken"]),
    ],
})

# ---------------------------------------------------------------------------
# d3: hearth-fw -- battery thermostat firmware (nRF52840, Zephyr, Thread)
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "d3",
    "project": "hearth-fw",
    "sessions": [
        ("2024-02-05", [
            (U, "Hi. hearth-fw is the firmware for our battery thermostat: nRF52840, Zephyr 3.4, Thread via OpenThread, an e-paper display, and an SHT31 temperature/humidity sensor on I2C. Runs on 2x AA. Build is `west build -b hearth_nrf52840 app`.", ("d3_zephyr34", "d3_sht31")),
            (A, "Thanks. The tree: app/src/ has main.c, control/thermostat.c (the heating control loop), sensors/climate.c (SHT31 sampling), ui/epd.c and net/thread_srv.c; the board definition is in boards/arm/hearth_nrf52840/. The sensor sampling work item fires every 10 seconds (CONFIG_HEARTH_SAMPLE_INTERVAL_S=10 in prj.conf).", ("d3_control_loc", "d3_sample10")),
            (U, "Right. House rules: no heap after init. Everything is static or comes from a k_mem_slab set up at boot, and CONFIG_HEAP_MEM_POOL_SIZE stays at 0.", "d3_pref_noheap"),
            (A, "Noted. There is a `k_malloc` in net/thread_srv.c for the CoAP response buffer, is that known?"),
            (U, "Nope, that slipped in. Fix it."),
            (A, "Replaced it with a static 256-byte buffer. The CoAP server handles requests on a single work queue, so there's never concurrent use. The heap pool is back to 0 and it builds."),
            (U, "good. Also, anything touching the DTS or board files goes through the hardware lead, that's Dana.", "d3_dana"),
            (A, "Understood: board and DTS changes get Dana's review."),
            (U, "And we're a small team, so don't be shy asking about hardware details. The schematics are in the hw repo."),
            (A, "Thanks, I'll read those before touching anything pin-related."),
        ]),
        ("2024-02-14", [
            (U, "Field issue HRTH-187: after a battery swap some units show '--.-' forever. Sensor reads fail with -EIO until you power-cycle... except a battery swap IS a power cycle, so that's weird.", "d3_i2c_ticket"),
            (A, "Not necessarily a full one. If the batteries are pulled and put back quickly, the supercap keeps the sensor powered while the MCU browns out. If the MCU resets in the middle of an I2C read, the sensor can be left holding SDA low, waiting for more clock pulses. The MCU comes back, sees SDA low, the TWIM peripheral reports the bus as busy, and every transfer fails from then on.", "d3_i2c_cause"),
            (U, "That fits, all the field units with the problem have the supercap fitted. Fix?"),
            (A, "Standard I2C bus recovery: at init, and again after any -EIO, drive SCL as a GPIO and clock it up to 9 times until SDA is released, generate a STOP, then hand the pins back to TWIM. Zephyr has `i2c_recover_bus()` and the nRF TWIM driver implements it, so we mostly just need to call it."),
            (U, "do it, and log it when it happens"),
            (A, "Done in sensors/climate.c: on -EIO we call i2c_recover_bus() once, log a warning and retry the read. Reproduced on the bench with the quick battery pull: without the fix 4 of 10 units got stuck, with it 0 of 20.", "d3_i2c_fix"),
            (U, "👍 and use LOG_* like you did there, never printk. Every module registers with LOG_MODULE_REGISTER and its own level.", "d3_pref_log"),
            (A, "Will do. There are 3 printk calls left in ui/epd.c from early bring-up, I'll convert those too."),
        ]),
        ("2024-02-28", [
            (U, "Battery life. The target is 18 months on 2x AA and Dana's power budget spreadsheet says we're at about 11. It's on Confluence, 'Hearth power budget rev A'.", ("d3_target18", "d3_power_ref_a")),
            (A, "The biggest items in that spreadsheet are Thread polling (the sleepy end device poll period), sensor sampling and e-paper refreshes. At 10 s, each measurement wakes the MCU, runs a high-repeatability conversion (~15 ms) plus the I2C traffic. Going to 30 s cuts that cost by roughly 3x and the spreadsheet projects ~15.5 months."),
            (U, "Room temperature doesn't change that fast. 30 s is fine. What about the Thread poll period?"),
            (A, "It's 2 s, for responsiveness when someone changes the setpoint from the app. 5 s brings the estimate to ~17 months, at the cost of up to 5 s latency for app changes."),
            (U, "Go with 30 s sampling and a 5 s poll. And update the spreadsheet.", "d3_sample30"),
            (A, "prj.conf: CONFIG_HEARTH_SAMPLE_INTERVAL_S=30, CONFIG_OPENTHREAD_POLL_PERIOD=5000. Measured on the PPK2: average current went from 41 µA to 29 µA, which the spreadsheet turns into 16.9 months."),
            (U, "closer. ok"),
        ]),
        ("2024-03-11", [
            (U, "BLE is only used for commissioning, right? Why does it advertise at 100 ms all the time?"),
            (A, "Because the commissioning service starts advertising at boot and never slows down. 100 ms is just what the sample code we started from used. We could advertise only for a while after a button press, or slow it down."),
            (U, "It has to be discoverable when it's not commissioned. 1 s while uncommissioned, nothing at all once it's commissioned."),
            (A, "Done: a 1000 ms advertising interval while uncommissioned; advertising stops once the Thread dataset is provisioned, and a 5 s long press restarts it for re-commissioning. The PPK2 average for an uncommissioned unit dropped from 190 µA to 38 µA.", "d3_adv1s"),
            (U, "What's the watchdog set to, by the way?"),
            (A, "Hardware WDT with a 4 s timeout, fed from the main loop thread, with WDT_OPT_PAUSE_HALTED_BY_DBG so a debugger halt doesn't reset the chip.", "d3_wdt4"),
            (U, "Ok, that's fine for now."),
        ]),
        ("2024-03-25", [
            (U, "Rev B boards came in today! Main change: Dana swapped the SHT31 for an SHT40, cheaper and lower power. Same I2C address, 0x44.", "d3_revb"),
            (A, "Exciting. The SHT40 has a different command set (single-byte commands, no clock stretching), so the driver changes. Zephyr has a `sensirion,sht4x` driver; I'd switch the sensor node for rev B from `sensirion,sht3xd` to `sensirion,sht4x` and stop sending raw commands from climate.c, going through the sensor API instead."),
            (U, "There are rev A units in the field, ~300 of them. Both have to keep working."),
            (A, "Then two board revisions, hearth_nrf52840@A and hearth_nrf52840@B, with the revision-specific overlay in boards/arm/hearth_nrf52840/hearth_nrf52840_B.overlay. climate.c picks sht3xd or sht4x via DT_HAS_COMPAT_STATUS_OKAY. OTA images are per revision.", "d3_revb_overlay"),
            (U, "And Dana reviews the board bits, as usual."),
            (A, "PR tagged for her. Built both: rev A 231 KB, rev B 229 KB."),
            (U, "For the SHT40 use high precision, it's only 8 ms."),
            (A, "Set `repeatability = <2>` (high) in the rev B overlay; 8.3 ms per measurement according to the datasheet.", "d3_sht40"),
        ]),
        ("2024-04-08", [
            (U, "Sales keeps asking for Wi-Fi, so that people without a Thread border router can use it. Mei proposed an ESP32-C3 as Wi-Fi co-processor on rev C. Thoughts before I say no?"),
            (A, "Power kills it. Even with DTIM-based power save, an associated C3 averages several hundred µA up to a mA, 10 to 30 times our entire current budget. On 2x AA that's weeks, not months. It would only make sense on a mains-powered variant.", "d3_wifi_why"),
            (U, "That's what I thought. No Wi-Fi on the battery product. If sales wants it, that's a separate mains SKU and not this firmware.", "d3_wifi_rejected"),
            (A, "I wrote it up in docs/decisions/0004-no-wifi.md so it doesn't come back every quarter."),
            (U, "Now OTA. MCUboot plus the update path over Thread; devices poll fw.hearthhome.io/v1/manifest every 24 h.", "d3_ota_old"),
            (A, "Right: the manifest is fetched over CoAP through the border router's NAT64, the image comes down with block-wise transfer into slot 1, and MCUboot swaps on reboot, reverting if the new image doesn't confirm itself within one boot. The manifest lists images per revision, since A and B differ."),
            (U, "Make sure a rev A unit can never take a rev B image."),
            (A, "Added a check on both ends: the manifest entry has a `hw_rev` field and the image TLVs carry the board revision, and both are checked before and after download. Served a rev B image to a rev A unit on the bench: rejected before download with `ota: hw_rev mismatch (A != B)`."),
        ]),
        ("2024-04-22", [
            (U, "Let's move Zephyr from 3.4 to 3.6. It has the TWIM driver fixes we want before launch."),
            (A, "Changed west.yml to `revision: v3.6.0`. Breakages: picolibc is the default C library now, so float formatting in the UI needs CONFIG_PICOLIBC_IO_FLOAT; two renamed Kconfig symbols; and one DTS property rename in the board files. The Zephyr SDK has to go from 0.16.1 to 0.16.5, so I rebuilt our CI image as registry.gitlab.com/hearth/fw-ci:zsdk-0.16.5.", "d3_zephyr36"),
            (U, "Size?"),
            (A, "Rev B went from 229 KB to 236 KB, mostly picolibc's float printf. Plenty of room, the image slots are 440 KB."),
            (U, "Run it on the HIL rig."),
            (A, "The HIL rig is the Raspberry Pi in the lab, hil-pi-02, with two rev A and two rev B units attached. Full HIL suite: 58/58 pass on both revisions.", "d3_hil_old"),
            (U, "nice. Merge. Dana needs to look at the DTS rename first though."),
            (A, "Requested her review; it's a one-line property rename."),
        ]),
        ("2024-05-06", [
            (U, "Customer feedback: the heating clicks on and off too rarely, temperature swings feel big. The hysteresis is 0.5 °C either side, right?"),
            (A, "Yes, HEARTH_HYSTERESIS_CENTI=50 in control/thermostat.c: heating switches on at setpoint − 0.5 °C and off at setpoint + 0.5 °C, so a 1 °C band.", "d3_hyst05"),
            (U, "Go to 0.3. The boiler people say the minimum on-time protects the boiler anyway.", "d3_hyst03_u"),
            (A, "Changed to 30. The 5-minute minimum on/off time stays, so the boiler won't short-cycle with the narrower band. In the room-model simulation the swing drops from 1.4 °C to 0.9 °C peak to peak, and cycles per hour go from 2.1 to 3.0.", "d3_hyst03"),
            (U, "Good. And the e-paper ghosting: we do a full refresh every 10 partial ones?"),
            (A, "Yes, EPD_FULL_REFRESH_EVERY=10. A full refresh flashes black/white for ~2 s and costs about 3x a partial one."),
            (U, "Dana tested rev B's panel, ghosting is fine at 20. Make it 20."),
            (A, "Set to 20 for rev B only, through a Kconfig default that depends on the board revision; rev A stays at 10 since its panel ghosts more."),
        ]),
        ("2024-05-20", [
            (U, "HRTH-214: units reboot roughly once a day, reset reason WDT. Logs show nothing, because... the logs are what's being erased, maybe?", "d3_wdt_ticket"),
            (A, "Good instinct. The persistent log lives in a 64 KB flash partition (`log_partition` in the DTS, 16 pages of 4 KB), and rotation erases the whole partition with one flash_erase call when it's full. That takes up to ~1.4 s on the nRF52840 (85 ms per page worst case). Meanwhile the main thread, which feeds the watchdog, is blocked behind the log thread holding the flash mutex. With the 4 s timeout and whatever else was going on at the time, it trips.", ("d3_wdt_cause", "d3_log64")),
            (U, "So erase in chunks?"),
            (A, "Erase page by page and release the flash mutex between pages, so the main thread gets to run and feed the watchdog. I'd also turn rotation into a circular buffer that only erases the oldest page instead of the whole partition, so we don't lose all history at every rotation.", "d3_wdt_fix"),
            (U, "Yes. And make the log partition 128 KB while you're there, we have room in the flash map."),
            (A, "The map is mcuboot 48 KB, slot0 440 KB, slot1 440 KB, storage 32 KB, log 64 KB. For 128 KB of log I'd take 32 KB from each image slot (408 KB each; our biggest image is 236 KB). But changing slot sizes on devices in the field is risky: MCUboot on the rev A units out there has the old layout baked in, and a mismatched layout can brick an update.", "d3_log_layout_why"),
            (U, "Rev B only then. Rev A keeps what it has."),
            (A, "Done: the rev B overlay defines log_partition as 128 KB (32 pages) and 408 KB slots; rev A is unchanged. Dana is tagged since it's DTS. I also raised the watchdog timeout from 4 s to 8 s: page-wise erase already fixes this bug, but the Thread stack's key rotation occasionally blocks for 2-3 s and 4 s is too tight.", ("d3_log128", "d3_wdt8")),
        ]),
        ("2024-06-03", [
            (U, "Rev B has a USB-C input for people who want to run it from a wall adapter. On USB power we can afford to sample faster."),
            (A, "The PMIC's VBUS-detect line is on P0.04 in the rev B schematic, so I can read it at boot and on interrupt. Proposal: sample every 10 s on USB and every 60 s on battery. 60 s takes the spreadsheet from 16.9 to about 19.5 months."),
            (U, "60 on battery, 15 on USB. 10 is overkill.", "d3_sample_final"),
            (A, "Implemented: CONFIG_HEARTH_SAMPLE_INTERVAL_BATT_S=60 and CONFIG_HEARTH_SAMPLE_INTERVAL_USB_S=15 replace the single interval option, and a VBUS change reschedules the sampling work immediately. Rev A has no USB input, so it always uses the battery value.", "d3_sample_impl"),
            (U, "what does the spreadsheet say now?"),
            (A, "19.4 months; the 5 s Thread poll is now the dominant cost. I updated it on 'Hearth power budget rev B', the page Dana cloned from the rev A one last month.", ("d3_batt194", "d3_power_ref_b")),
            (U, "over 18 🎉"),
            (A, "With a margin, even. I'll re-measure on three units over a week to double-check the PPK2 numbers."),
        ]),
        ("2024-06-17", [
            (U, "IT is consolidating domains. Firmware will be served from updates.hearth.io. fw.hearthhome.io stays up as a redirect until the end of the year, but CoAP clients don't follow redirects, so the devices need the new host compiled in.", "d3_ota_new_u"),
            (A, "Right, the manifest host is compiled in via CONFIG_HEARTH_OTA_HOST. I'll change the default to updates.hearth.io and keep the /v1/manifest path. Field devices will fetch the next release from the old host, since that's what they have, and poll the new one after updating. Both hosts need to serve the same manifest until the fleet has moved.", "d3_ota_new"),
            (U, "Add a fallback too: if the new host fails for 3 days, try the old one."),
            (A, "Added CONFIG_HEARTH_OTA_FALLBACK_HOST=fw.hearthhome.io, used after 3 consecutive failed daily checks. We can set it to empty in a later release once the old domain is gone.", "d3_ota_fallback"),
            (U, "Good. Version number?"),
            (A, "1.4.0 for both revisions. Release notes drafted: new OTA host, page-wise log erase, 0.3 °C hysteresis, USB-aware sampling on rev B."),
        ]),
        ("2024-07-01", [
            (U, "Team news: Dana is moving to the hardware team of the new product line. Rafael takes over as hardware lead for hearth, so board and DTS reviews go to him.", "d3_rafael"),
            (A, "Noted, I'll tag Rafael on board changes. Anything open with Dana I should re-route?"),
            (U, "The rev B overlay cleanup PR. Move it to Rafael."),
            (A, "Reassigned. Also, the CI HIL job hasn't been able to reach hil-pi-02 since yesterday."),
            (U, "Ah, the lab moved to the 3rd floor last week and the old Pi didn't survive the trip. Rafael set up a replacement, hil-pi-04, with the same four units attached.", "d3_hil_new"),
            (A, "Updated HIL_HOST in .gitlab-ci.yml to hil-pi-04.lab.hearth.local, plus the runner tag. Full suite: 61/61 (3 new tests for the USB/battery sampling switch).", "d3_hil_ci"),
            (U, "👍"),
        ]),
        ("2024-07-15", [
            (U, "Commissioning UX complaint: the app takes ages to find the device. Is that the 1 s advertising?"),
            (A, "Mostly. Phones scan with duty cycles; at 1 s the median discovery is 2-4 s, but the tail is over 10 s on some Android phones. Compromise: advertise at 200 ms for the first 2 minutes after boot or a long press, then fall back to 1 s, and still stop entirely once commissioned.", "d3_adv_prop"),
            (U, "Yes, do that.", "d3_adv_ok"),
            (A, "Done. The fast phase costs under 0.1 months of battery, and only on units that sit uncommissioned.", "d3_adv_final"),
            (U, "Also: the battery percentage on rev B is always ~8% lower than rev A at the same battery voltage."),
            (A, "Rev B measures the battery through a 1 MΩ / 1 MΩ divider on AIN2, and our SAADC channel uses a 10 µs acquisition time. With that source impedance the sampling capacitor doesn't fully charge in 10 µs; the nRF52840 datasheet asks for 40 µs above 400 kΩ. So every sample reads low. Rev A measures VDD directly and isn't affected.", "d3_adc_cause"),
            (U, "Fix it"),
            (A, "Set the acquisition time to 40 µs in the rev B overlay's ADC channel. Readings now match a bench meter within 10 mV. Rafael is tagged since it's DTS.", "d3_adc_fix"),
        ]),
        ("2024-07-29", [
            (U, "Pre-release checklist for 1.5.0. Anything stale?"),
            (A, "A few: (1) the README still says the sensor is sampled every 10 seconds; (2) docs/power.md mentions a 4 s watchdog; (3) the fallback OTA host is still compiled in, and IT says the old domain lives until December, so I'd keep it for 1.5.0; (4) the sht3xd code path only matters for rev A, which is fine."),
            (U, "Fix the docs to match prj.conf and keep the fallback. And a reminder on commit messages, since I saw 'Update stuff' in the log: `<subsystem>: <summary>`, lowercase subsystem, imperative, like `sensors: recover i2c bus after brown-out`, body wrapped at 72.", "d3_pref_commit"),
            (A, "Reworded my two local commits before pushing: `docs: sync sampling and watchdog values with prj.conf` and `ota: keep fallback host for 1.5.0`."),
            (U, "What about Zephyr 3.7 for the LTS?"),
            (A, "3.7 brings hardware model v2, which moves the board directory (boards/arm/hearth_nrf52840 becomes boards/hearth/hearth_nrf52840) and changes how revisions are handled. It's a day of work plus a full HIL run. I wouldn't put it into 1.5.0."),
            (U, "Agreed, after 1.5.0. Put it on the list.", "d3_zephyr37_deferred"),
            (A, "Added to docs/roadmap.md: 'Zephyr 3.7 LTS / HWMv2 migration, after 1.5.0'."),
        ]),
    ],
    "questions": [
        ("current-state", "Which Zephyr release is hearth-fw built on?", ["d3_zephyr36", "d3_zephyr37_deferred"]),
        ("current-state", "Which temperature/humidity sensor is fitted on the newest board revision?", ["d3_revb"]),
        ("current-state", "How often does the thermostat sample the sensor when it's running on batteries?", ["d3_sample_final", "d3_sample_impl"]),
        ("current-state", "What's the heating hysteresis in the control loop?", ["d3_hyst03_u", "d3_hyst03"]),
        ("current-state", "What BLE advertising interval does an uncommissioned thermostat use these days?", ["d3_adv_prop", "d3_adv_ok"]),
        ("current-state", "Which host do the devices contact for the OTA manifest?", ["d3_ota_new_u", "d3_ota_new", "d3_ota_fallback"]),
        ("current-state", "Who reviews board and devicetree changes for hearth?", ["d3_rafael"]),
        ("current-state", "What timeout is the hardware watchdog configured with?", ["d3_wdt8"]),
        ("current-state", "Which machine runs the hardware-in-the-loop test suite now?", ["d3_hil_new", "d3_hil_ci"]),
        ("past-state", "What was the sensor sampling interval originally, before the battery-life work?", ["d3_sample10"]),
        ("past-state", "Which sensor did the boards use before rev B?", ["d3_sht31"]),
        ("past-state", "Which host did devices poll for firmware updates before IT's domain consolidation?", ["d3_ota_old"]),
        ("past-state", "How large was the persistent log partition before it was enlarged?", ["d3_log64"]),
        ("decision", "Why was a Wi-Fi co-processor rejected for the thermostat?", ["d3_wifi_why", "d3_wifi_rejected"]),
        ("decision", "Why did only rev B get the bigger log partition?", ["d3_log_layout_why"]),
        ("preference", "What's the rule on dynamic memory allocation in hearth-fw?", ["d3_pref_noheap"]),
        ("preference", "How should commit messages be formatted in hearth-fw?", ["d3_pref_commit"]),
        ("location", "Where is the heating control loop implemented?", ["d3_control_loc"]),
        ("location", "Which file holds the rev B-specific devicetree settings?", ["d3_revb_overlay"]),
        ("reference", "Which Confluence page has the battery power budget for the rev B hardware?", ["d3_power_ref_b"]),
        ("reference", "What Jira ticket tracked the roughly daily watchdog reboots?", ["d3_wdt_ticket"]),
        ("debugging", "Why did some units show '--.-' forever after a battery swap, and how was it fixed?", ["d3_i2c_cause", "d3_i2c_fix"]),
        ("debugging", "Why did rev B show a lower battery percentage than rev A?", ["d3_adc_cause"]),
        ("temporal", "When did the rev B boards arrive?", ["d3_revb"]),
        ("temporal", "When did we upgrade off Zephyr 3.4?", ["d3_zephyr36"]),
        ("multi-hop", "How much margin over the battery-life target does the latest power budget estimate give?", ["d3_target18", "d3_batt194"]),
        ("multi-hop", "The person who kept the original power budget spreadsheet: what are they working on now?", ["d3_power_ref_a", "d3_rafael"]),
    ],
})

# ---------------------------------------------------------------------------
# d4: margin -- browser extension for highlighting web pages, synced notes
# ---------------------------------------------------------------------------

PROJECTS.append({
    "code": "d4",
    "project": "margin",
    "sessions": [
        ("2024-04-08", [
            (U, "Hey! margin is a browser extension for highlighting text on web pages and attaching notes to the highlights, synced across devices. Chrome only so far. TypeScript, bundled with webpack 5 (webpack.config.js at the root), and still Manifest V2, sadly. Highlights are stored in chrome.storage.sync and mirrored to Firebase (Firestore) for people who have an account.", ("d4_webpack", "d4_storage_sync", "d4_firebase")),
            (A, "Thanks. I see src/background/ (background page scripts), src/content/ (the highlighter; anchoring in src/content/anchor.ts with XPath plus character offsets), src/popup/ (Preact UI) and Jest tests under test/. manifest.json has `minimum_chrome_version: \"102\"`.", "d4_chrome102"),
            (U, "Yes. MV2 is on borrowed time, Chrome is switching it off. That's our first big job."),
            (A, "Agreed. For MV3: the background page becomes a service worker (no DOM, and it can be terminated at any time), `browser_action` becomes `action`, host permissions are declared separately, no remotely hosted code, and `chrome.scripting` replaces `tabs.executeScript`."),
            (U, "Package manager is npm for now, but I want to look at pnpm at some point."),
            (A, "Noted."),
            (U, "One rule I care about a lot: the content script stays framework-free. No Preact, no jQuery, no UI library of any kind. It gets injected into every page, so it has to stay tiny.", "d4_pref_vanilla"),
            (A, "Makes sense. It's 14 KB minified right now; I'll keep an eye on that number."),
        ]),
        ("2024-04-22", [
            (U, "Starting on MV3. Honestly, the webpack config is half of the pain. Would Vite help?"),
            (A, "Vite with the CRXJS plugin reads manifest.json directly, bundles the service worker and the content scripts, and gives us HMR for the popup. It would replace the 180-line webpack config with about 20 lines. Jest doesn't play well with ESM and Vite, so I'd move the tests to Vitest at the same time; the API is mostly compatible."),
            (U, "Do both. Vite + CRXJS, and Vitest.", "d4_vite"),
            (A, "Done: vite.config.ts with @crxjs/vite-plugin, `manifest_version: 3`, and the background is a service worker at src/background/sw.ts. webpack.config.js and jest.config.js are deleted. 96 tests ported; two needed `vi.fn()` instead of `jest.fn()`, and that was it.", "d4_vite_done"),
            (U, "Loads unpacked?"),
            (A, "Loads in Chrome 124, highlighting works, the popup works. One problem though: sync sometimes loses highlights that were made right before the browser sat idle for a while."),
            (U, "let's look at that next time"),
        ]),
        ("2024-05-06", [
            (U, "The lost highlights. Repro: make a highlight, wait 40 s doing nothing, make another one. The first never shows up on the other device."),
            (A, "That's the service worker lifecycle. The sync queue is an in-memory array in sw.ts, and uploads are debounced by 2 s. When the worker has been idle for about 30 s Chrome terminates it, and the queue goes with it. In MV2 the background page lived forever, so this never happened.", ("d4_sw_cause", "d4_debounce2")),
            (U, "So persist the queue."),
            (A, "I first thought of chrome.storage.session, but that doesn't survive a browser restart and a sync queue should. So the queue goes into chrome.storage.local and the worker drains whatever is pending when it starts. Verified: highlight, wait 60 s, highlight, and both arrive on the second device.", "d4_sw_fix"),
            (U, "While we're on storage: chrome.storage.sync is hitting quota for heavy users. 100 KB total, 8 KB per item. Someone with 2000 highlights is way past that."),
            (A, "Then the highlights should move out of chrome.storage.sync into IndexedDB (via the small `idb` wrapper), keyed by URL with an index on updatedAt. storage.sync keeps only settings like colours and shortcuts. Syncing across devices is our backend's job anyway, not Chrome's."),
            (U, "Yes. Migration on update?"),
            (A, "In `runtime.onInstalled` with reason 'update' we copy everything from storage.sync into IndexedDB, verify the counts, then remove the highlight keys from storage.sync. It's idempotent if it gets interrupted halfway.", "d4_idb"),
        ]),
        ("2024-05-20", [
            (U, "Let's do pnpm now. npm install takes 50 s on CI and the lockfile diffs are unreadable."),
            (A, "Switched: pnpm-lock.yaml generated, package-lock.json removed, `\"packageManager\": \"pnpm@9.1.0\"` in package.json so corepack picks the right version, and CI uses pnpm/action-setup with a store cache. CI install time went from 50 s to 12 s.", "d4_pnpm"),
            (U, "Next: Noor wants a side panel for the notes list instead of cramming it into the popup. Her mockups are in Figma, file 'Margin — side panel v2'.", "d4_figma"),
            (A, "chrome.sidePanel needs Chrome 114 or newer, and our minimum is 102. We can either raise the minimum or feature-detect and fall back to the popup."),
            (U, "Raise it. Lea checked the stats, less than 1% of our users are below 116."),
            (A, "Set `minimum_chrome_version` to \"116\", which also gets us `chrome.sidePanel.open()` from a user gesture. The side panel lives in src/sidepanel/ and uses Preact like the popup.", "d4_chrome116"),
            (U, "Also, PR titles: conventional commits from now on, `feat:`, `fix:`, `chore:` and so on. release-please builds the changelog and the version bump from them, so squash merges need proper titles.", "d4_pref_commits"),
            (A, "Got it. I'll retitle my open PR as `feat: side panel for notes list`, and I added a PR-title lint job so it can't be forgotten."),
            (U, "perfect"),
        ]),
        ("2024-06-03", [
            (U, "Bug #58: highlights disappear on news sites after a reload. Reddit, the Guardian, a few others.", "d4_anchor_issue"),
            (A, "XPath-plus-offset anchoring breaks whenever the DOM differs between two loads: injected ads, A/B test wrappers, lazily loaded paragraphs. On the Guardian for example a 'Most viewed' aside gets inserted and /div[3]/p[5] turns into /div[3]/p[6]."),
            (U, "How do Hypothesis and friends handle it?"),
            (A, "With W3C Web Annotation selectors: store a TextQuoteSelector (the exact text plus 32 characters of prefix and suffix) and a TextPositionSelector as a hint. On load, try the position first and verify the text there, and fall back to a fuzzy search for the quote using diff-match-patch. I'd do the same. Old XPath highlights get their quote computed the first time they anchor successfully.", "d4_dmp"),
            (U, "do it"),
            (A, "Implemented in src/content/anchor/ (quote.ts, position.ts, match.ts); anchor.ts is gone. On the 40-page fixture set with mutated DOMs, re-anchoring success went from 61% to 97%.", "d4_anchor_fix"),
            (U, "Also Noor wants the default yellow softer. #FFEB3B is really loud on white pages.", "d4_yellow_old"),
            (A, "Which colour?"),
            (U, "#FDE68A", "d4_yellow_new"),
            (A, "Changed the default. People who picked their own colour keep it, since that's stored in their settings.", "d4_yellow_ack"),
        ]),
        ("2024-06-17", [
            (U, "We're leaving Firebase. The Firestore bill doubled this quarter because of how reads are counted during sync, and we want real SQL for the all-notes search. We're going with Supabase: Postgres, row-level security, and their auth.", "d4_supabase_why"),
            (A, "OK. Plan: a `highlights` table (id uuid, user_id, url, url_hash, quote jsonb, note, color, created_at, updated_at, deleted_at) with an RLS policy `user_id = auth.uid()`. Sync pushes batched upserts via supabase-js and pulls everything with updated_at newer than the last sync cursor. Realtime subscriptions for instant cross-device updates could come later."),
            (U, "Auth: Google sign-in only, through chrome.identity."),
            (A, "chrome.identity.launchWebAuthFlow with Supabase's Google provider; the redirect URL is https://<extension-id>.chromiumapp.org/. Tokens live in chrome.storage.local and supabase-js handles refreshes."),
            (U, "And the people already on Firebase?"),
            (A, "A one-off export of Firestore, then a script that inserts into Supabase, mapping users by email. Users just get asked to sign in again."),
            (U, "Good. The Supabase project is `margin-prod`, region eu-central-1.", "d4_supabase"),
            (A, "Noted. URL and anon key go into .env.production, which CI fills from repository secrets."),
        ]),
        ("2024-07-01", [
            (U, "Supabase sync is live for 10% of users since Monday, looks fine. One thing: we send too many requests. With the short debounce, someone highlighting a paragraph sentence by sentence causes 6 upserts."),
            (A, "I'd raise the debounce to 5 s and batch properly, so one upsert carries all pending changes, and flush immediately on tab close and on `runtime.onSuspend` so nothing waits longer than necessary."),
            (U, "5 s ok."),
            (A, "SYNC_DEBOUNCE_MS in src/background/sync.ts went from 2000 to 5000, with the batching and the flush-on-suspend.", "d4_debounce5"),
            (U, "Another bug: highlights don't render on GitHub. The console says it refused to apply an inline style because of the CSP."),
            (A, "GitHub's CSP has a `style-src` without 'unsafe-inline'. Our content script's own JS isn't affected by the page CSP, but style attributes and <style> tags we inject into the page DOM are. Fix: wrap highlights in a custom element `<margin-hl>` and style it through a constructable stylesheet added to `document.adoptedStyleSheets`, which the CSP doesn't block.", "d4_csp"),
            (U, "nice trick. ship"),
            (A, "Shipped; verified on github.com and on our fixture page with a strict CSP."),
        ]),
        ("2024-07-15", [
            (U, "E2E tests: we have 12 Puppeteer scripts that nobody runs because they're flaky. Can we do better?"),
            (A, "Playwright can load an unpacked extension into Chromium through a persistent context with `--load-extension`, and its auto-waiting removes most of the flakiness. I'd port the 12 scripts to Playwright Test and run them headed under xvfb on CI, since extensions need headed mode or the new headless."),
            (U, "Yes, Playwright. Delete the puppeteer stuff.", "d4_playwright"),
            (A, "Ported to e2e/*.spec.ts; all 12 pass in 20 of 20 local runs. The CI job `e2e` runs `xvfb-run pnpm playwright test`. Puppeteer is gone from devDependencies.", "d4_playwright_done"),
            (U, "By the way, Sam does the Chrome Web Store submissions. He takes the zip from the release job and uploads it.", "d4_sam"),
            (A, "OK. The release job builds `margin-<version>-chrome.zip` and attaches it to the GitHub release. Which developer account is the listing under?"),
            (U, "Still my personal one. Moving it is on my list.", "d4_cws_personal"),
            (A, "Noted."),
        ]),
        ("2024-08-05", [
            (U, "CRXJS has been in beta forever and its maintainer is looking for someone to take it over. We also want Firefox. I've been reading about WXT."),
            (A, "WXT is a framework on top of Vite: file-based entrypoints (background, content scripts, popup, side panel), a manifest generated per browser from config, MV3 for Chrome and MV2 or MV3 for Firefox, and `wxt zip` for store packages. Migrating is mostly moving files and replacing manifest.json with wxt.config.ts."),
            (U, "Let's do it."),
            (A, "Done. Layout: entrypoints/background.ts, entrypoints/content/index.ts, entrypoints/popup/ and entrypoints/sidepanel/; the anchoring code moved from src/content/anchor/ to utils/anchor/. vite.config.ts and @crxjs/vite-plugin are gone, and Vitest runs through WXT's vitest plugin. `pnpm build` produces the Chrome build and `pnpm build:firefox` the Firefox one.", ("d4_wxt", "d4_anchor_loc")),
            (U, "Which manifest version on Firefox?"),
            (A, "WXT defaults to MV2 for Firefox, but Firefox supports MV3 with an event-page background. I'd use MV3 there too, so we have a single model for the background lifecycle."),
            (U, "MV3 on both."),
            (A, "`manifestVersion: 3` for both targets. Firefox has no sidePanel API, so there's a small shim in utils/panel.ts that uses `sidebar_action` instead."),
        ]),
        ("2024-08-19", [
            (U, "Finally moved the Chrome Web Store listing to a group publisher, 'Margin Labs'. Same listing ID. Sam and Lea are members.", "d4_cws_group"),
            (A, "Good, that removes the single-person dependency. Does the release job need to change?"),
            (U, "Yes: we want publishing to happen automatically through the store APIs instead of Sam uploading by hand."),
            (A, "`wxt submit` can publish to both the Chrome Web Store and AMO. It needs the extension ID and OAuth client ID/secret/refresh token for the group publisher, plus the AMO JWT issuer and secret. I'll add a `publish` job on release tags, with those secrets in a GitHub environment called `stores` that requires approval.", "d4_publish"),
            (U, "Lea approves. Sam is moving over to the backend side, so Lea owns releases from here on.", "d4_lea"),
            (A, "Configured the `stores` environment with Lea as required reviewer. Sam stays in the group publisher in case something goes wrong."),
            (U, "He'll remove himself eventually. Oh, and the Supabase rollout hit 100% last Tuesday, the Firestore writes are switched off.", "d4_cutover"),
            (A, "Great. I'll leave the Firebase SDK in until the data export is double-checked, then remove it."),
        ]),
        ("2024-09-02", [
            (U, "AMO review came back: they want a privacy policy link on the listing and a data collection disclosure."),
            (A, "Our policy is at margin-ext.com/privacy. I'll put it into the AMO listing metadata and write the data collection section: highlights, notes and page URLs are stored in Supabase (EU, Frankfurt) when you're signed in, and nothing is collected when you're signed out.", "d4_privacy_old"),
            (U, "Fine. CWS wants the same disclosures."),
            (A, "I drafted the texts for both. The dashboards aren't scriptable for those fields, so you or Lea need to paste them."),
            (U, "Lea will."),
            (A, "Firefox: `pnpm build:firefox` writes .output/firefox-mv3, and I submitted 1.6.0 through wxt submit. AMO status: awaiting review.", "d4_amo_submit"),
            (U, "The gecko id is margin@marginlabs.app, and it must never change once published."),
            (A, "Noted, with a comment saying exactly that next to it in wxt.config.ts."),
        ]),
        ("2024-09-16", [
            (U, "Marketing bought getmargin.app and margin-ext.com goes away in November. Website, support pages and the privacy policy all move; the policy will be at getmargin.app/privacy.", "d4_privacy_new"),
            (A, "Places to update: `homepage_url` in wxt.config.ts, the listing links on CWS and AMO (Lea), the Privacy link in the popup and side panel footers, the README, and the uninstall URL we set with chrome.runtime.setUninstallURL, which points at margin-ext.com/bye."),
            (U, "uninstall page is getmargin.app/goodbye"),
            (A, "Updated every code reference; grep for margin-ext.com comes back empty. The listing texts still need Lea."),
            (U, "Thanks. Can you look at the bundle size? The content script feels heavy."),
            (A, "It's 31 KB minified, up from 14 KB in April, and the fuzzy-matching library is 19 KB of that. It's only needed for the fallback path, which kicks in for about 3% of anchors. I'll load it lazily with a dynamic import of a chunk from our own extension origin, listed in web_accessible_resources.", "d4_lazy_plan"),
            (U, "do it, the content script stays small"),
            (A, "Content script is down to 13 KB; the matcher chunk is loaded on demand the first time an anchor needs the fuzzy fallback. The fixture suite still anchors 97%.", "d4_lazy"),
        ]),
        ("2024-10-01", [
            (U, "Lea found that the e2e run on Chrome 116 fails with `Promise.withResolvers is not a function`. It comes from the new sync scheduler I wrote."),
            (A, "Promise.withResolvers shipped in Chrome 119. We can polyfill it (five lines) or raise the minimum."),
            (U, "What do the CWS stats say?"),
            (A, "In Lea's export from last week, 0.4% of weekly users are below Chrome 120 and 0.1% below 119."),
            (U, "Then 120 for minimum_chrome_version, and Firefox strict_min_version 121 while we're at it. No polyfills.", "d4_chrome120"),
            (A, "wxt.config.ts: `minimum_chrome_version: '120'`, gecko `strict_min_version: '121.0'` (the first Firefox with Promise.withResolvers). The oldest browser in the e2e matrix is Chrome 120.", "d4_chrome120_done"),
            (U, "And the realtime subscription idea from June, do we want it?"),
            (A, "It means a websocket from the service worker. That doesn't keep the worker alive through idle periods, so it would get killed and reconnect over and over, and it counts against Supabase's realtime connection quota. The gain is that changes show up on other devices within a second instead of on the next focus or poll.", "d4_realtime_cost"),
            (U, "Not worth it. Polling on focus and every 5 minutes is fine. Drop it.", "d4_realtime_rejected"),
            (A, "Recorded in docs/decisions/realtime.md as rejected, with the reasoning."),
        ]),
        ("2024-10-21", [
            (U, "Cleanup round before 2.0. Anything left over from old setups?"),
            (A, "A few: (1) .github/CODEOWNERS has a line for webpack.config.js, which doesn't exist; (2) the README's Development section still says `npm install` and `npm run dev`; (3) the Firebase SDK is still in dependencies even though nothing imports it since the cutover; (4) .eslintrc still declares the jest env."),
            (U, "Kill all of it. README: pnpm i, pnpm dev. The Firebase project gets deleted on Nov 1 anyway."),
            (A, "Done: removed the firebase package (no bundle change, it was tree-shaken anyway), fixed the README, switched eslint to vitest globals, and deleted the CODEOWNERS line. I also found the old #FFEB3B as a fallback value of a CSS variable in the side panel and replaced it with the current default."),
            (U, "haha good catch. Who's listed as design owner for the UI folders in CODEOWNERS?"),
            (A, "entrypoints/popup/ and entrypoints/sidepanel/ both list @noor-k and you."),
            (U, "fine. Lea will tag 2.0.0 next week."),
            (A, "I'll have the release-please PR ready for her by Friday."),
        ]),
    ],
    "questions": [
        ("current-state", "What tool bundles and builds the margin extension these days?", ["d4_wxt"]),
        ("current-state", "Which backend syncs users' highlights between devices?", ["d4_supabase", "d4_cutover"]),
        ("current-state", "Where does the extension keep highlights locally in the browser?", ["d4_idb"]),
        ("current-state", "How long does the sync wait after a change before uploading?", ["d4_debounce5"]),
        ("current-state", "What is the default highlight colour?", ["d4_yellow_new", "d4_yellow_ack"]),
        ("current-state", "What's the oldest Chrome version margin supports right now?", ["d4_chrome120", "d4_chrome120_done"]),
        ("current-state", "What framework runs margin's end-to-end tests?", ["d4_playwright", "d4_playwright_done"]),
        ("current-state", "Who is in charge of margin releases and approves store publishing?", ["d4_lea"]),
        ("current-state", "What URL is the privacy policy at?", ["d4_privacy_new"]),
        ("past-state", "What bundler did margin originally use?", ["d4_webpack"]),
        ("past-state", "What was the build setup right before the move to WXT?", ["d4_vite", "d4_vite_done"]),
        ("past-state", "What was the minimum Chrome version before the side panel work?", ["d4_chrome102"]),
        ("past-state", "Under which account was the Chrome Web Store listing published before the group publisher?", ["d4_cws_personal"]),
        ("decision", "Why did margin leave Firebase?", ["d4_supabase_why"]),
        ("decision", "Why was the Supabase realtime subscription idea dropped?", ["d4_realtime_cost", "d4_realtime_rejected"]),
        ("preference", "What's the user's rule about libraries in the content script?", ["d4_pref_vanilla"]),
        ("preference", "How should PR titles be written in margin, and why?", ["d4_pref_commits"]),
        ("location", "Where does the highlight anchoring code live in the repo?", ["d4_anchor_loc"]),
        ("location", "Where are the store publishing credentials kept?", ["d4_publish"]),
        ("reference", "What's the Figma file with Noor's side panel mockups?", ["d4_figma"]),
        ("reference", "Which GitHub issue was about highlights vanishing on news sites after reload?", ["d4_anchor_issue"]),
        ("debugging", "Why were highlights lost when the browser sat idle for a bit after MV3, and what fixed it?", ["d4_sw_cause", "d4_sw_fix"]),
        ("debugging", "Why didn't highlights render on GitHub, and how was that solved?", ["d4_csp"]),
        ("temporal", "When did margin switch from npm to pnpm?", ["d4_pnpm"]),
        ("temporal", "When was the first Firefox build submitted to AMO?", ["d4_amo_submit"]),
        ("multi-hop", "How does diff-match-patch end up in the pages these days? Is it part of the content script?", ["d4_dmp", "d4_lazy_plan", "d4_lazy"]),
        ("multi-hop", "Who used to upload builds to the Chrome Web Store by hand, and who approves the automated publishing that replaced it?", ["d4_sam", "d4_lea"]),
    ],
})


# ---------------------------------------------------------------------------
# assembly
# ---------------------------------------------------------------------------

def _keys(turn: tuple) -> tuple[str, ...]:
    if len(turn) < 3:
        return ()
    key = turn[2]
    return (key,) if isinstance(key, str) else tuple(key)


def build() -> dict:
    sessions = []
    questions = []
    for proj in PROJECTS:
        code, name = proj["code"], proj["project"]
        key_to_turn: dict[str, str] = {}
        last_date = None
        for s_no, (iso, turns) in enumerate(proj["sessions"], start=1):
            day = date.fromisoformat(iso)
            if last_date is not None and day <= last_date:
                raise ValueError(f"{code}: session {s_no} is not after the previous one")
            last_date = day
            sid = f"{code}-s{s_no:02d}"
            if not 6 <= len(turns) <= 14:
                raise ValueError(f"{sid}: {len(turns)} turns")
            out_turns = []
            for t_no, turn in enumerate(turns, start=1):
                speaker, text = turn[0], turn[1]
                if speaker not in (U, A):
                    raise ValueError(f"{sid}: bad speaker {speaker!r}")
                tid = f"{sid}-t{t_no:02d}"
                for key in _keys(turn):
                    if key in key_to_turn:
                        raise ValueError(f"{code}: duplicate key {key}")
                    key_to_turn[key] = tid
                out_turns.append({"id": tid, "speaker": speaker, "text": text})
            sessions.append({"id": sid, "date": iso, "project": name, "turns": out_turns})
        for q_no, (category, text, keys) in enumerate(proj["questions"], start=1):
            if category not in CATEGORIES:
                raise ValueError(f"{code}: unknown category {category!r}")
            missing = [k for k in keys if k not in key_to_turn]
            if missing:
                raise ValueError(f"{code}-q{q_no:02d}: unknown evidence keys {missing}")
            evidence = []
            for k in keys:
                if key_to_turn[k] not in evidence:
                    evidence.append(key_to_turn[k])
            questions.append({
                "id": f"{code}-q{q_no:02d}",
                "question": text,
                "evidence": evidence,
                "category": category,
                "project": name,
            })
    return {"name": "blind-histories-d", "sessions": sessions, "questions": questions}


if __name__ == "__main__":
    from _dataset_cli import handwritten_main

    raise SystemExit(handwritten_main(build, __doc__))
