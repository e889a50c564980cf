"""Program knowledge, part three: package managers, build tools, interpreters
and shells, GitHub/infrastructure CLIs, and system tools (find, sed, awk,
chmod, dd, kill, cron, services, containers, decoders).

Inline code handed to an interpreter is judged by :mod:`kairos.guard.code`;
text handed to a shell (``sh -c``, a heredoc, ``eval``) is parsed and judged
again as a command in its own right.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from kairos.guard._lazy import lazy_re
from kairos.guard.analysis import DELETE_VERBS, Ctx
from kairos.guard.code import analyze_code, shell_strings
from kairos.guard.findings import ASK, DENY, LOCAL, REQUEST
from kairos.guard.paths import is_secret_name
from kairos.guard.shell import Command

if TYPE_CHECKING:
    from kairos.guard.analysis import ShellAnalyzer

__all__ = ["HANDLERS", "_infra", "_interpreter", "_shell"]

_RISKY_MAKE = lazy_re(r"deploy|publish|release|upload|push|prod|destroy|nuke|rollback|migrate|install|"
                         r"distclean|purge|drop|seed|reset|sign", re.I)
_READ_VERBS = ("list", "ls", "get", "describe", "show", "status", "view", "inspect", "logs", "log", "version",
               "help", "info", "whoami", "search", "top", "history", "check", "plan", "validate", "explain",
               "tail", "events", "ping", "lint", "diff", "fmt", "output", "graph", "stat", "du", "lsjson", "lsd",
               "lsf", "tree", "current-context", "get-contexts", "snapshots", "stats", "find", "lookup",
               "api-resources", "cluster-info", "health", "count", "--version", "--help", "-h", "version",
               "list_queues", "list_users", "list_exchanges", "list_consumers", "report", "cluster_status",
               "lag", "--describe", "--list", "-l", "ls-remote", "quota", "whoami", "config")
_DESTROY = ("delete", "rm", "rb", "destroy", "remove", "drop", "purge", "prune", "revoke", "unregister", "terminate",
            "kill", "wipe", "clear", "truncate", "flush", "uninstall", "disable", "deregister", "detach", "forget",
            "reset", "clean", "cancel", "unsubscribe", "rdelete", "compact", "abort", "evict", "rollback",
            "undeploy", "scale", "break-lock", "unlock", "deactivate", "archive", "--delete", "--remove",
            "--delete-config", "--alter", "sync", "rotate", "update", "put", "set", "apply", "patch", "replace",
            "edit", "create", "restore", "stop", "restart", "drain", "cordon", "taint", "transfer", "move", "mv",
            "cp", "import", "upload", "push", "publish", "deploy", "exec", "run", "attach", "login", "logout",
            "rename", "merge", "migrate", "promote", "approve", "write")
_SECRET_WORDS = lazy_re(r"secret|password|credential|token|\bkv\b|get-login|print-access|print-identity|"
                           r"decrypt|\bitem\b|\bread\b|env\b|export|keys?\b|auth", re.I)
_SQL_WRITE = lazy_re(r"\b(drop|delete|truncate|update|alter|flushall|flushdb|del|grant|revoke|insert|replace|"
                        r"create|rename|shutdown|config\s+set)\b", re.I)


def _words(argv: list[str]) -> list[str]:
    return [a for a in argv[1:] if not a.startswith("-")]


# ------------------------------------------------------------------ GitHub
def _gh(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    w = _words(argv)
    if not w:
        return
    if w[0] == "api":
        opts = argv[2:]
        method = "GET"
        for i, a in enumerate(opts):
            if a in ("-X", "--method") and i + 1 < len(opts):
                method = opts[i + 1].upper()
            elif a.startswith(("-X", "--method=")) and len(a) > 2:
                method = a.split("=", 1)[-1].lstrip("-X").upper() or method
        if method == "GET" and any(a in ("-f", "-F", "--field", "--raw-field", "--input") for a in opts):
            method = "POST"
        path = next((a for a in w[1:] if "/" in a), "")
        if method == "GET":
            if re.search(r"secret|token|key", path, re.I):
                f.add("secret.read", ASK, "gh api reads secrets or keys")
            f.net_fetch = True
            f.add("net.gh-read", LOCAL, f"gh api GET {path}", network=True, hosts=("api.github.com",))
            return
        verbs = tuple(x for x in re.split(r"[^a-z]+", path.lower()) if len(x) > 3)
        f.net_send = True
        if method == "DELETE":
            f.add("net.gh-delete", REQUEST, f"gh api DELETE {path}", intents=DELETE_VERBS,
                  targets=tuple(path.strip("/").split("/")[-1:]), network=True)
        else:
            f.add("net.gh-write", REQUEST, f"gh api {method} {path}", intents=verbs or ("create", "update"),
                  targets=verbs, network=True)
        return
    if w[0] in ("auth",) and w[1:2] in (["token"], ["status"]):
        if w[1] == "token":
            f.secret_source = True
            f.add("secret.read", ASK, "gh auth token prints your GitHub token")
        return
    verb = w[1] if len(w) > 1 else ""
    if verb in ("view", "list", "status", "diff", "checks", "watch", "download", "") or w[0] in ("search", "browse",
                                                                                                 "help", "version"):
        f.net_fetch = True
        f.add("net.gh-read", LOCAL, f"gh {' '.join(w[:2])}", network=True, hosts=("github.com",))
        return
    if w[0] == "secret" or w[0] == "auth" or w[0] == "ssh-key" or w[0] == "gpg-key":
        f.add("secret.gh", ASK, f"gh {w[0]} {verb} manages credentials")
        return
    f.net_send = True
    if "--body-file" in argv or "-F" in argv:
        i = argv.index("--body-file") if "--body-file" in argv else argv.index("-F")
        src = argv[i + 1] if i + 1 < len(argv) else ""
        if src != "-":
            ctx.read(src, what="posts")
    intents = {"delete": DELETE_VERBS, "close": ("close",), "merge": ("merge",), "comment": ("comment", "reply",
               "respond", "post"), "create": ("create", "open", "file", "make", "submit", "raise", "new"),
               "edit": ("edit", "update", "change", "rename", "label", "assign"), "transfer": ("transfer",),
               "archive": ("archive",), "rename": ("rename",), "review": ("review", "approve"),
               "ready": ("ready",), "reopen": ("reopen",), "lock": ("lock",), "fork": ("fork",),
               "clone": ("clone",), "checkout": ("checkout", "check out", "review", "test"),
               "run": ("run", "trigger", "dispatch"), "rerun": ("rerun", "re-run", "retry", "restart"),
               "cancel": ("cancel", "stop"), "upload": ("upload", "attach")}.get(verb, (verb,))
    if verb == "clone" or verb == "checkout":
        f.net_fetch = True
        f.add("net.gh-fetch", LOCAL, f"gh {w[0]} {verb}", network=True)
        return
    f.add("net.gh-write", REQUEST, f"gh {w[0]} {verb} changes GitHub state", intents=intents,
          targets=tuple(w[0:1]) if verb in ("delete", "transfer", "archive") else (), network=True,
          hosts=("github.com",))


# ------------------------------------------------------------------ package managers and builds
def _npm(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    name = os.path.basename(argv[0])
    w = _words(argv)
    sub = w[0] if w else ""
    if name in ("npx", "bunx", "pnpx") or (sub == "dlx") or (name in ("npm",) and sub == "exec"):
        pkgs = w[1:] if sub in ("dlx", "exec") else w
        pkg = pkgs[0] if pkgs else ""
        local = os.path.exists(os.path.join(ctx.paths.root, "node_modules", ".bin", pkg.split("@")[0]))
        if local:
            f.add("build.run", LOCAL, f"runs the project's installed {pkg}")
        else:
            f.net_fetch = True
            f.add("pkg.remote-run", REQUEST, f"{name} downloads and runs {pkg or 'a package'}",
                  intents=("run", "npx", "use", "execute", "install"), targets=(pkg.split("@")[0],) if pkg else (),
                  network=True)
        return
    if sub in ("install", "i", "ci", "add", "update", "upgrade", "up") and not any(
            a for a in w[1:] if not a.startswith("-")):
        if any(a in ("-g", "--global") for a in argv):
            f.add("pkg.global", REQUEST, f"{name} installs globally", intents=("global", "install"))
            return
        f.net_fetch = True
        f.add("pkg.install-locked", LOCAL, f"{name} {sub} installs the project's declared dependencies",
              network=True)
        return
    if sub in ("install", "i", "add"):
        pkgs = [a for a in w[1:]]
        hosts = [p for p in pkgs if "://" in p or p.startswith(("git+", "github:"))]
        f.net_fetch = True
        if hosts:
            f.add("pkg.install-url", ASK, f"{name} installs from a URL ({hosts[0]})", network=True)
            return
        f.add("pkg.add", REQUEST, f"{name} adds {' '.join(pkgs)}", intents=("install", "add", "dependency",
              "depend", "upgrade", "update", "bump"), targets=tuple(p.split("@")[0] or p for p in pkgs),
              network=True)
        return
    if sub in ("publish", "unpublish", "deprecate", "dist-tag", "owner", "access", "token", "adduser", "login",
               "logout", "team", "org", "hook", "star", "profile"):
        f.net_send = True
        f.add("pkg.publish", REQUEST if sub == "publish" else ASK, f"{name} {sub} changes the registry",
              intents=("publish", "release"), network=True)
        return
    if sub in ("config", "set") and len(w) > 1 and w[1] in ("set", "delete", "edit"):
        f.add("pkg.config", ASK, f"{name} config changes registry or auth settings")
        return
    if sub in ("uninstall", "remove", "rm", "un", "prune", "cache"):
        f.add("pkg.remove", REQUEST, f"{name} {sub} removes packages", intents=DELETE_VERBS + ("uninstall",),
              targets=tuple(w[1:]))
        return
    if sub in ("run", "run-script", "test", "t", "start", "build", "lint", "exec", "") or sub in (
            "audit", "ls", "list", "outdated", "view", "info", "why", "explain", "pack", "version", "help",
            "doctor", "fund", "init", "create", "dev", "format", "typecheck", "check", "preview", "serve",
            "tsc", "generate", "watch", "storybook", "e2e", "coverage", "bench"):
        script = w[1] if sub in ("run", "run-script") and len(w) > 1 else sub
        if script and re.search(r"deploy|publish|release|upload|prod", script, re.I):
            f.add("build.publish", REQUEST, f"{name} runs the {script} script", intents=(script, "deploy",
                  "publish", "release"), network=True)
            return
        f.add("build.run", LOCAL, f"{name} {sub} runs a project script")
        return
    if name in ("yarn", "pnpm", "bun") and sub:
        # `yarn <script>` runs a package.json script
        f.add("build.run", LOCAL, f"{name} {sub} runs a project script")
        return
    f.add("pkg.unknown", ASK, f"unfamiliar {name} subcommand {sub!r}")


def _pip(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    args = argv[1:]
    if os.path.basename(argv[0]) == "uv":
        if args[:1] == ["pip"]:
            args = args[1:]
        elif args[:1] and args[0] in ("run", "sync", "lock", "venv", "build", "tree", "export", "python"):
            if args[0] == "run" and len(args) > 1:
                from kairos.guard.programs import judge

                rest = [a for a in args[1:] if not a.startswith("-")]
                if rest:
                    judge(cmd, rest, ctx, an)
                return
            f.add("build.run", LOCAL, f"uv {args[0]}")
            return
        elif args[:1] and args[0] in ("add", "remove", "tool"):
            pkgs = [a for a in args[1:] if not a.startswith("-")]
            f.add("pkg.add", REQUEST, f"uv {args[0]} {' '.join(pkgs)}", intents=("install", "add", "remove",
                  "dependency", "uninstall"), targets=tuple(pkgs), network=True)
            return
    sub = args[0] if args else ""
    if sub in ("list", "show", "freeze", "check", "help", "--version", "-V", "inspect", "debug", "config",
               "cache", "index", "hash", "search", "wheel", "download") and sub != "config":
        return
    if sub == "config":
        f.add("pkg.config", ASK, "pip config changes where packages come from")
        return
    if sub == "uninstall":
        pkgs = [a for a in args[1:] if not a.startswith("-")]
        f.add("pkg.remove", REQUEST, f"pip uninstall {' '.join(pkgs)}", intents=("uninstall", "remove",
              "delete"), targets=tuple(pkgs))
        return
    if sub != "install":
        f.add("pkg.unknown", ASK, f"unfamiliar pip subcommand {sub!r}")
        return
    f.net_fetch = True
    rest = args[1:]
    index_hosts = []
    reqs, pkgs, i = [], [], 0
    while i < len(rest):
        a = rest[i]
        if a in ("-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host") and i + 1 < len(rest):
            index_hosts.append(rest[i + 1])
            i += 2
            continue
        if a.startswith(("--index-url=", "--extra-index-url=", "--find-links=", "--trusted-host=")):
            index_hosts.append(a.split("=", 1)[1])
        elif a in ("-r", "--requirement", "-c", "--constraint") and i + 1 < len(rest):
            reqs.append(rest[i + 1])
            i += 2
            continue
        elif a in ("-e", "--editable") and i + 1 < len(rest):
            reqs.append(rest[i + 1])
            i += 2
            continue
        elif not a.startswith("-"):
            pkgs.append(a)
        i += 1
    if index_hosts:
        from urllib.parse import urlsplit

        hs = tuple((urlsplit(h).hostname or h) for h in index_hosts)
        for h in hs:
            ctx.host(h)
        f.add("pkg.custom-index", ASK, f"pip installs from a custom index ({', '.join(hs)})", hosts=hs,
              network=True)
        return
    if any("://" in p or p.startswith("git+") for p in pkgs):
        f.add("pkg.install-url", ASK, "pip installs from a URL", network=True)
        return
    local = [p for p in pkgs if p.startswith((".", "/")) or os.path.exists(os.path.join(ctx.cwd, p))]
    named = [p for p in pkgs if p not in local]
    if "--user" in rest or "--break-system-packages" in rest:
        f.add("pkg.user-install", REQUEST, "pip installs outside the project environment",
              intents=("install",), targets=tuple(named))
        return
    if named:
        f.add("pkg.add", REQUEST, f"pip installs {' '.join(named)}", intents=("install", "add", "upgrade", "update",
              "dependency", "bump"), targets=tuple(re.split(r"[<>=!~\[; ]", p)[0] for p in named), network=True)
        return
    f.add("pkg.install-locked", LOCAL, "pip installs the project's declared requirements", network=True)


def _make(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    targets = [a for a in argv[1:] if not a.startswith("-") and "=" not in a]
    risky = [t for t in targets if _RISKY_MAKE.search(t)]
    if risky:
        ctx.facts.add("build.risky-target", REQUEST, f"make {' '.join(risky)} (deploys, publishes or migrates)",
                      intents=tuple(risky) + tuple(re.split(r"[-_]", risky[0])), targets=())
        return
    if any(a.startswith(("-f", "--file", "-C", "--directory")) for a in argv[1:]):
        i = next(i for i, a in enumerate(argv) if a.startswith(("-f", "--file", "-C", "--directory")))
        val = argv[i][2:] if len(argv[i]) > 2 and not argv[i].startswith("--") else \
            (argv[i].split("=", 1)[1] if "=" in argv[i] else (argv[i + 1] if i + 1 < len(argv) else ""))
        p = ctx.info(val)
        if not (p.in_project or p.in_temp):
            ctx.facts.add("build.outside", ASK, f"make runs a Makefile outside the project ({val})")
            return
    ctx.facts.add("build.run", LOCAL, f"make {' '.join(targets) or '(default)'}")


def _cargo_go(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = os.path.basename(argv[0])
    w = _words(argv)
    sub = w[0] if w else ""
    if sub in ("publish", "yank", "owner", "login", "logout"):
        ctx.facts.add("build.publish", REQUEST, f"{name} {sub} changes the registry", intents=(sub, "publish",
                      "release"), network=True)
    elif sub in ("install", "get") and len(w) > 1:
        ctx.facts.add("pkg.add", REQUEST, f"{name} {sub} {w[1]}", intents=("install", "add", "get", "dependency"),
                      targets=(w[1].split("@")[0].split("/")[-1],), network=True)
    elif sub in ("add", "remove", "rm", "uninstall"):
        ctx.facts.add("pkg.add", REQUEST, f"{name} {sub} {' '.join(w[1:])}", intents=("install", "add", "remove",
                      "dependency", "uninstall"), targets=tuple(w[1:]), network=True)
    else:
        ctx.facts.add("build.run", LOCAL, f"{name} {sub}")


# ------------------------------------------------------------------ interpreters and shells
def _run_script(script: str, ctx: Ctx) -> None:
    """A script file handed to an interpreter or a shell: judged by where it lives."""
    f = ctx.facts
    p = ctx.info(script)
    f.executed.add(p.path)
    if p.in_project and not p.git_internal:
        f.add("run.project-script", LOCAL, f"runs the project's {os.path.relpath(p.path, ctx.paths.root)}")
    elif p.in_temp:
        f.add("run.temp-script", REQUEST, f"runs {script} from a temp directory", intents=("run", "execute"),
              targets=(os.path.basename(p.path),))
    else:
        f.add("run.outside-script", ASK, f"runs {script}, a script outside the project")


def _interpreter(cmd: Command, name: str, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    code_flag = {"python": "-c", "node": "-e", "ruby": "-e", "perl": "-e", "php": "-r", "deno": "eval",
                 "bun": "-e", "osascript": "-e", "pwsh": "-Command", "powershell": "-Command", "lua": "-e"}
    base = re.sub(r"[0-9.]+$", "", name).replace("pypy", "python").replace("nodejs", "node")
    flag = code_flag.get(base, "-e")
    rest = argv[1:]
    if base in ("osascript", "pwsh", "powershell", "Rscript", "tclsh"):
        f.add("run.interp-unusual", ASK, f"{name} runs a script")
        return
    if base == "python" and "-m" in rest:
        mod = rest[rest.index("-m") + 1] if rest.index("-m") + 1 < len(rest) else ""
        if mod in ("pip",):
            _pip(cmd, ["pip", *rest[rest.index("-m") + 2:]], ctx, an)
        elif mod in ("http.server", "SimpleHTTPServer", "smtpd", "pty", "ftplib", "telnetlib"):
            f.add("run.server", ASK, f"python -m {mod} opens a server or a shell")
        elif mod == "venv" or mod == "virtualenv":
            tgt = [a for a in rest[rest.index("-m") + 2:] if not a.startswith("-")]
            for t in tgt:
                ctx.write(t, what="creates a venv at")
        elif mod in ("twine",):
            f.add("build.publish", REQUEST, "twine uploads a package", intents=("publish", "upload", "release"))
        else:
            f.add("build.run", LOCAL, f"python -m {mod}")
        return
    codes = []
    for i, a in enumerate(rest):
        if a == flag or (base == "perl" and a in ("-E", "-ne", "-pe", "-lne", "-lane", "-pie", "-i")) or \
                (base == "ruby" and a in ("-ne", "-pe")) or (base == "node" and a in ("-p", "--eval", "--print")):
            if i + 1 < len(rest):
                codes.append(rest[i + 1])
        elif a.startswith(flag) and len(a) > len(flag) and base == "python":
            codes.append(a[len(flag):])
    script = next((a for a in rest if not a.startswith("-") and a not in codes), None)
    if not codes and cmd.stdin_text is not None and (script in (None, "-")):
        codes.append(cmd.stdin_text)
    if codes:
        for c in codes:
            _inline_code(c, name, ctx, an)
        if base in ("perl", "ruby") and any(a.startswith("-") and "i" in a[1:] and not a.startswith("--")
                                            for a in rest):
            for a in rest:
                if not a.startswith("-") and a not in codes:
                    ctx.write(a, what="edits in place")
        return
    if script and script != "-":
        _run_script(script, ctx)
        return
    if cmd.pipe_from is not None or script == "-":
        f.exec_stdin = True
        return
    f.add("run.repl", LOCAL, f"starts an interactive {name}")


def _inline_code(code: str, name: str, ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    for fi in analyze_code(code, running=True):
        f.findings.append(fi)
        if fi.id in ("code.exfil",):
            f.secret_source = True
        if fi.id.startswith("code.net"):
            f.net_send = f.net_send or fi.id == "code.net-send"
            f.net_fetch = f.net_fetch or fi.id == "code.net-fetch"
            for h in fi.hosts:
                ctx.host(h)
    for s in shell_strings(code):
        an.run(s, _sub_ctx(ctx))
    if re.search(r"b64decode|base64|fromCharCode|\\x[0-9a-f]{2}.*\\x[0-9a-f]{2}|codecs\.decode|rot13|unhexlify|"
                 r"bytes\.fromhex|atob\(|pack\(['\"]H", code, re.I) and re.search(r"\bexec\b|\beval\b|system|"
                                                                                    r"subprocess|child_process",
                                                                                    code):
        f.add("rce.obfuscated", DENY, f"{name} decodes hidden text and executes it")


def _sub_ctx(ctx: Ctx) -> Ctx:
    c = Ctx(ctx.paths, ctx.facts, ctx.depth + 1)
    c.vars, c.cwd = dict(ctx.vars), ctx.cwd
    return c


def _shell(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    rest = argv[1:]
    if os.path.basename(argv[0]) == "busybox":
        if rest:
            from kairos.guard.programs import judge

            judge(cmd, rest, ctx, an)
        return
    i = 0
    while i < len(rest) and rest[i].startswith(("-", "+")) and rest[i] != "-c" and not (
            rest[i].startswith("-") and "c" in rest[i][1:] and not rest[i].startswith("--")):
        i += 1
    if i < len(rest) and (rest[i] == "-c" or (rest[i].startswith("-") and "c" in rest[i][1:])):
        idx = cmd.argv.index(rest[i]) + 1 if rest[i] in cmd.argv else -1
        if i + 1 >= len(rest):
            f.add("shell.empty-c", ASK, "sh -c without a command")
            return
        if 0 <= idx < len(cmd.dynamic) and cmd.dynamic[idx]:
            f.exec_dynamic = True
            f.add("shell.dynamic-c", ASK, "sh -c runs a string built at run time")
        an.run(rest[i + 1], _sub_ctx(ctx))
        return
    script = rest[i] if i < len(rest) else None
    if script and not script.startswith("-"):
        if script.startswith("<(") or script.startswith("/dev/fd") or script.startswith("/dev/stdin"):
            f.exec_stdin = True
            return
        _run_script(script, ctx)
        return
    if cmd.stdin_text is not None:
        if cmd.stdin_expands and ("$(" in cmd.stdin_text or "`" in cmd.stdin_text):
            f.exec_dynamic = True
        an.run(cmd.stdin_text, _sub_ctx(ctx))
        return
    if cmd.pipe_from is not None:
        f.exec_stdin = True
        return
    if any(r.op == "<" for r in cmd.redirects):
        f.exec_stdin = True
        return
    f.add("shell.interactive", ASK, "starts an interactive shell")


def _eval(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    text = " ".join(argv[1:])
    if any(cmd.dynamic[1:]) or "$" in text:
        ctx.facts.exec_dynamic = True
        ctx.facts.add("shell.eval-dynamic", ASK, "eval of text built at run time")
    an.run(text, _sub_ctx(ctx))


def _source(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    if len(argv) < 2:
        return
    src = argv[1]
    if src.startswith("<(") or src in ("/dev/stdin", "-") or src.startswith("/dev/fd"):
        ctx.facts.exec_stdin = True
        return
    p = ctx.info(src)
    if p.in_project or (p.in_home and os.path.basename(p.path) in (".bashrc", ".zshrc", ".profile",
                                                                   ".bash_profile")):
        ctx.facts.add("run.source", LOCAL, f"sources {src}")
    else:
        ctx.facts.add("run.source-outside", ASK, f"sources {src}, a file outside the project")


# ------------------------------------------------------------------ infrastructure CLIs
def _infra(name: str, argv: list[str], ctx: Ctx) -> None:
    f = ctx.facts
    w = [a.lower() for a in argv[1:]]
    text = " ".join(w)
    if name in ("psql", "mysql", "mariadb", "sqlite3", "redis-cli", "mongo", "mongosh", "clickhouse-client",
                "cqlsh", "influx", "dropdb", "createdb", "pg_restore", "pg_dump", "mysqldump"):
        if name in ("dropdb",):
            f.add("infra.db-drop", REQUEST, "dropdb deletes a database", intents=("drop", "delete"),
                  targets=tuple(a for a in argv[1:] if not a.startswith("-")))
        elif name in ("pg_dump", "mysqldump"):
            f.add("infra.db-dump", ASK, f"{name} dumps a database")
        elif _SQL_WRITE.search(text) or name == "pg_restore":
            verbs = tuple(m.lower() for m in _SQL_WRITE.findall(text))
            f.add("infra.db-write", REQUEST, f"{name} changes database contents ({', '.join(verbs)})",
                  intents=verbs + DELETE_VERBS if any(v in ("drop", "delete", "truncate") for v in verbs) else verbs)
        elif name == "sqlite3":
            f.add("infra.db-read", LOCAL, "sqlite3 query")
        else:
            f.add("infra.db-read", REQUEST, f"{name} connects to a database", intents=("query", "check", "look",
                  "count", "select", "database", "db", "inspect", "show", "list"), network=True)
        return
    words = [a for a in w if not a.startswith("-") or a in ("--delete", "--describe", "--list", "--alter",
                                                             "--remove", "--delete-config", "-l")]
    if not words:
        return
    secretish = bool(_SECRET_WORDS.search(" ".join(words[:3])))
    destroy = [x for x in words[:4] if x in _DESTROY or any(x.startswith(d + "-") or x.startswith(d + "_") or
                                                             x.endswith("-" + d) for d in _DESTROY[:26])]
    if any(o in ("--delete", "--force", "--purge", "--recursive", "-rf", "--delete-excluded", "-y", "--yes",
                 "--prune", "--all-runners") for o in w) and not destroy and not all(
            x in _READ_VERBS for x in words[:2]):
        destroy = [next(o for o in w if o.startswith("--") or o in ("-y", "-rf"))]
    if destroy:
        d = destroy[0].lstrip("-")
        deleting = any(x in d for x in ("delete", "rm", "destroy", "remove", "drop", "purge", "prune", "revoke",
                                        "unregister", "terminate", "wipe", "clear", "truncate", "flush", "uninstall",
                                        "rb", "forget", "deregister", "unsubscribe", "kill", "compact"))
        intents = DELETE_VERBS + (d,) if deleting else (d, d.split("-")[0])
        positional = [a for a in argv[1:] if not a.startswith("-") and a.lower() not in words[:2]]
        f.add("infra.mutate", REQUEST, f"{name} {' '.join(words[:3])} changes remote infrastructure",
              intents=intents, targets=tuple(_short_names(positional)), network=True)
        return
    if secretish:
        f.add("secret.infra-read", ASK, f"{name} {' '.join(words[:3])} reads secrets or credentials")
        f.secret_source = True
        return
    if any(x in _READ_VERBS or x.startswith(("list", "describe", "get-", "show")) for x in words[:3]):
        f.net_fetch = True
        f.add("infra.read", LOCAL, f"{name} {' '.join(words[:3])} (read-only)", network=True)
        return
    f.add("infra.unknown", ASK, f"{name} {' '.join(words[:3])}: not known to be read-only")


def _short_names(items: list[str]) -> list[str]:
    out = []
    for a in items:
        a = a.split("=", 1)[-1]
        out.append(a)
        for part in re.split(r"[/:]", a):
            if len(part) > 2:
                out.append(part)
    return out


# ------------------------------------------------------------------ system tools
def _find(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    roots = []
    i = 1
    while i < len(argv) and not argv[i].startswith(("-", "(", "!")) and argv[i] not in ("(", "!"):
        roots.append(argv[i])
        i += 1
    roots = roots or ["."]
    for r in roots:
        ctx.read(r, what="searches")
        _wide_search(r, ctx, "find")
    rest = argv[i:]
    for j, a in enumerate(rest[:-1]):
        if a in ("-name", "-iname", "-path", "-ipath", "-wholename", "-regex") and \
                is_secret_name(os.path.basename(rest[j + 1].rstrip("/"))):
            f.secret_source = True
            f.add("secret.search", ASK, f"searches for credential files ({rest[j + 1]})")
            break
    if "-delete" in rest:
        for r in roots:
            ctx.delete(r.rstrip("/") + "/x", recursive=True, what="find -delete removes files under")
    for j, a in enumerate(rest):
        if a in ("-exec", "-execdir", "-ok", "-okdir"):
            inner = []
            for b in rest[j + 1:]:
                if b in (";", "+", "\\;"):
                    break
                inner.append(b)
            if inner:
                from kairos.guard.programs import judge

                sub_cmd = Command(argv=[x if x != "{}" else os.path.join(roots[0], "x") for x in inner],
                                  dynamic=[False] * len(inner), globbed=[False] * len(inner))
                judge(sub_cmd, list(sub_cmd.argv), _sub_ctx(ctx), an)
        elif a in ("-fprint", "-fprintf", "-fls", "-fprint0") and j + 1 < len(rest):
            ctx.write(rest[j + 1])


def _sed(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    inplace = any(a == "-i" or a.startswith(("-i", "--in-place")) or (a.startswith("-") and not a.startswith("--")
                  and "i" in a[1:]) for a in argv[1:] if a.startswith("-"))
    script_seen = "-e" in argv or "-f" in argv
    files = []
    for a in argv[1:]:
        if a.startswith("-"):
            continue
        if not script_seen:
            script_seen = True
            if re.search(r"(^|;|\s)(e\b|w\s+\S|[0-9/]\s*[eEw](\s|$))|/[gip0-9]*e[gip0-9]*(\s|;|$)", a):
                ctx.facts.add("sed.exec-or-write", ASK, "sed script runs commands or writes files (e / w)")
            continue
        files.append(a)
    for p in files:
        if inplace:
            ctx.write(p, what="edits in place")
        else:
            ctx.read(p)


def _awk(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    text = " ".join(argv[1:])
    if re.search(r"system\s*\(|\|\s*getline|\|&|print[^;}]*\|\s*\"|/inet/", text):
        ctx.facts.add("awk.exec", ASK, "awk program runs commands or opens sockets")
    elif re.search(r"print[^;}]*>\s*\"?[^\s\"]+", text):
        ctx.facts.add("awk.write", REQUEST, "awk program writes files", intents=("write", "save", "create"))
    progs = [a for a in argv[1:] if not a.startswith("-")]
    for a in progs[1:]:
        ctx.read(a)


def _chmod(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = os.path.basename(argv[0])
    opts = [a for a in argv[1:] if a.startswith("-") and not re.match(r"^-[rwxXst]+$", a)]
    args = [a for a in argv[1:] if a not in opts]
    if not args:
        return
    mode, targets = (args[0], args[1:]) if name == "chmod" else (args[0], args[1:])
    recursive = any("R" in o for o in opts)
    for t in targets:
        p = ctx.info(t)
        if p.is_root_like or (recursive and (p.system or p.in_home and not p.in_project)):
            ctx.facts.add("priv.chmod-wide", DENY, f"{name} {'-R ' if recursive else ''}on {p.path}")
        elif name != "chmod":
            ctx.facts.add("priv.chown", ASK, f"{name} changes file ownership ({t})")
        elif re.search(r"[ugo]*\+[rwx]*s|^[2467][0-7]{3}$", mode):
            ctx.facts.add("priv.setuid", ASK, f"chmod sets setuid/setgid on {t}")
        elif p.system or p.secret or p.persistence:
            ctx.facts.add("priv.chmod-sensitive", ASK, f"chmod on a system, credential or start-up file ({t})")
        elif not (p.in_project or p.in_temp):
            ctx.write(t, what="changes permissions of")
        elif "x" in mode or re.match(r"^[0-7]?[1357][0-7]{2}$", mode):
            ctx.facts.executed.add(p.path)
            ctx.facts.add("fs.chmod-exec", LOCAL, f"makes {t} executable")


def _dd(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    for a in argv[1:]:
        if a.startswith("if="):
            ctx.read(a[3:])
        elif a.startswith("of="):
            ctx.write(a[3:])


def _kill(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = os.path.basename(argv[0])
    args = [a for a in argv[1:] if not a.startswith("-")]
    if name == "kill" and any(a in ("1", "-1") for a in argv[1:] if a not in ("-9",)) or "-1" in args:
        ctx.facts.add("proc.kill-all", DENY, "kills init or every process")
        return
    if name == "kill" and argv[1:2] == ["-l"]:
        return
    ctx.facts.add("proc.kill", REQUEST, f"{name} stops processes ({' '.join(args)})",
                  intents=("kill", "stop", "terminate", "shut down", "end", "restart"), targets=tuple(args))


def _cron(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    if "-l" in argv[1:] and len(argv) == 2:
        return
    ctx.facts.add("persist.cron", ASK, f"{os.path.basename(argv[0])} schedules or removes jobs (persistence)")


def _service(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    w = _words(argv)
    if w and w[0] in ("status", "list-units", "list-unit-files", "show", "is-active", "is-enabled", "cat", "list",
                      "list-timers", "print", "blame", "--version", "help", "is-failed"):
        return
    if not w:
        return
    level = ASK
    what = "enables persistence" if any(x in ("enable", "load", "bootstrap", "link", "submit") for x in w) else \
        "stops or changes a system service"
    ctx.facts.add("sys.service", level, f"{os.path.basename(argv[0])} {' '.join(w[:2])} {what}")


def _docker(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    w = _words(argv)
    text = " ".join(argv[1:])
    if w[:1] == ["compose"] or os.path.basename(argv[0]) in ("docker-compose", "podman-compose"):
        w = w[1:] if w[:1] == ["compose"] else w
    sub = w[0] if w else ""
    if sub in ("ps", "images", "logs", "inspect", "version", "info", "stats", "top", "port", "history", "diff",
               "events", "search", "config", "ls", "context", "--version", "help", ""):
        return
    if re.search(r"--privileged|--pid[= ]host|--net(work)?[= ]host|--cap-add|docker\.sock|-v\s*/:|"
                 r"--volume[= ]/:|--security-opt", text):
        f.add("priv.container-escape", ASK, "container gets host privileges or the host filesystem")
        return
    if sub in ("pull", "build"):
        f.net_fetch = True
        f.add("build.container", LOCAL, f"docker {sub}", network=True)
        return
    if sub in ("rm", "rmi", "prune", "kill", "stop", "down", "system", "volume", "network", "image", "container",
               "builder"):
        if sub in ("system", "volume", "network", "image", "container", "builder") and w[1:2] and w[1] in (
                "ls", "inspect", "list", "df"):
            return
        f.add("infra.container-delete", REQUEST, f"docker {' '.join(w[:2])} removes containers, images or data",
              intents=DELETE_VERBS + ("stop", "down", "kill"), targets=tuple(w[1:]))
        return
    if sub in ("push", "login", "logout"):
        f.net_send = True
        f.add("infra.registry", REQUEST if sub == "push" else ASK, f"docker {sub}", intents=("push", "publish"),
              network=True)
        return
    f.add("infra.container-run", REQUEST, f"docker {sub} starts or changes containers",
          intents=("run", "start", "up", "launch", "restart", "exec", "spin up", "bring up", "docker", "container",
                   "compose"))


def _decoder(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = os.path.basename(argv[0])
    opts = [a for a in argv[1:] if a.startswith("-")]
    decoding = name in ("uudecode",) or (name in ("base64", "base32", "basenc") and any(
        o in ("-d", "-D", "--decode") or (o.startswith("-") and "d" in o[1:] and not o.startswith("--"))
        for o in opts)) or (name == "xxd" and any("r" in o for o in opts))
    if decoding:
        ctx.facts.decoder = True
    for a in argv[1:]:
        if not a.startswith("-"):
            ctx.read(a)


def _openssl(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    w = _words(argv)
    sub = w[0] if w else ""
    if sub in ("s_client", "s_server"):
        ctx.facts.net_send = True
        ctx.facts.add("net.raw-socket", ASK, f"openssl {sub} opens a network connection", network=True)
    elif sub in ("enc", "base64") and "-d" in argv:
        ctx.facts.decoder = True
    elif sub in ("rsa", "pkey", "pkcs12", "ec") and any(a in ("-in",) for a in argv):
        ctx.read(argv[argv.index("-in") + 1] if argv.index("-in") + 1 < len(argv) else "")
    for i, a in enumerate(argv):
        if a == "-out" and i + 1 < len(argv):
            ctx.write(argv[i + 1])


def _keychain(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = os.path.basename(argv[0])
    if name == "pbpaste" or name in ("xclip", "xsel") and any(a in ("-o", "--output") for a in argv):
        ctx.facts.secret_source = True
        ctx.facts.add("secret.clipboard", ASK, "reads the clipboard")
        return
    if name in ("pbcopy", "xclip", "xsel", "open", "xdg-open", "say", "notify-send", "terminal-notifier"):
        return
    ctx.facts.secret_source = True
    ctx.facts.add("secret.store", ASK, f"{name} accesses a credential store")


def _at(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    ctx.facts.add("persist.schedule", ASK, f"{os.path.basename(argv[0])} schedules commands to run later")


def _screen(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    ctx.facts.add("proc.background", REQUEST, f"{os.path.basename(argv[0])} starts a detached session",
                  intents=("background", "tmux", "screen", "session", "detach", "keep running"))


HANDLERS = {
    "gh": _gh, "npm": _npm, "npx": _npm, "yarn": _npm, "pnpm": _npm, "bun": _npm, "bunx": _npm, "pnpx": _npm,
    "pip": _pip, "pip3": _pip, "uv": _pip, "make": _make, "gmake": _make, "cargo": _cargo_go, "go": _cargo_go,
    "eval": _eval, "source": _source, ".": _source, "find": _find, "sed": _sed, "gsed": _sed, "awk": _awk,
    "gawk": _awk, "mawk": _awk, "nawk": _awk, "chmod": _chmod, "chown": _chmod, "chgrp": _chmod, "dd": _dd,
    "kill": _kill, "pkill": _kill, "killall": _kill, "crontab": _cron, "systemctl": _service, "service": _service,
    "launchctl": _service, "docker": _docker, "podman": _docker, "docker-compose": _docker,
    "podman-compose": _docker, "base64": _decoder, "base32": _decoder, "basenc": _decoder, "xxd": _decoder,
    "uudecode": _decoder, "openssl": _openssl, "security": _keychain, "secret-tool": _keychain,
    "pbpaste": _keychain, "pbcopy": _keychain, "xclip": _keychain, "xsel": _keychain, "keyring": _keychain,
    "ssh-add": _keychain, "gpg": _keychain, "gpg2": _keychain, "pass": _keychain, "open": _keychain,
    "xdg-open": _keychain, "at": _at, "batch": _at, "screen": _screen, "tmux": _screen,
}


def _wide_search(root: str, ctx: Ctx, name: str) -> None:
    p = ctx.info(root)
    plain = p.path.rstrip("/*") or "/"
    if plain in ("/", "/home", "/Users", "/root", "/etc", "/var", "/private") or p.is_root_like and not p.in_project \
            and plain != ctx.paths.root:
        ctx.facts.add("read.system-wide", ASK, f"{name} sweeps {plain} (the whole machine or other users' files)")
