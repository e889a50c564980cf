"""Program knowledge, part two: version control, network clients, package
managers, interpreters and shells, infrastructure CLIs and system tools.

Split from :mod:`kairos.guard.programs` only to keep modules small; the same
rules apply: reason about effects (which paths, which hosts, which verbs),
never about particular command lines.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kairos.guard._lazy import lazy_re
from kairos.guard.analysis import DELETE_VERBS, Ctx
from kairos.guard.code import analyze_code, shell_strings
from kairos.guard.findings import ASK, DENY, LOCAL, REQUEST
from kairos.guard.shell import Command

if TYPE_CHECKING:
    from kairos.guard.analysis import ShellAnalyzer

__all__ = ["HANDLERS"]

_URL = lazy_re(r"(?:https?|ftp|wss?)://[^\s'\"<>]+")
_GIT_READ = frozenset("status log diff show blame grep ls-files ls-tree ls-remote rev-parse rev-list describe "
                      "shortlog reflog cat-file name-rev merge-base whatchanged count-objects fsck check-ignore "
                      "check-attr show-ref show-branch range-diff help version var for-each-ref cherry "
                      "verify-commit verify-tag difftool".split())
_GIT_LOCAL = frozenset("add commit mv init switch worktree apply am bisect notes archive format-patch stash "
                       "fetch pull lfs sparse-checkout maintenance gc prune-packed mergetool citool gui "
                       "restore-staged submodule-update rerere".split())
_PUSH_INTENTS = ("push", "publish", "upload", "ship", "send it", "open a pr", "open a pull request")


def _hosts_of(args: list[str]) -> list[str]:
    out = []
    for a in args:
        for u in _URL.findall(a):
            h = urlsplit(u).hostname
            if h:
                out.append(h)
    return out


# ------------------------------------------------------------------ git
def _git(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    i = 1
    while i < len(argv) and argv[i].startswith("-"):
        a = argv[i]
        if a in ("-c",) and i + 1 < len(argv):
            key = argv[i + 1].split("=", 1)[0].lower()
            if key in ("core.hookspath", "core.sshcommand", "core.pager", "core.editor", "core.fsmonitor",
                       "core.gitproxy", "protocol.ext.allow") or key.startswith(("alias.", "filter.", "diff.",
                                                                                  "credential.", "url.")):
                f.add("vcs.config-exec", ASK, f"git -c {key} can run arbitrary programs")
            i += 2
            continue
        if a in ("-C", "--git-dir", "--work-tree", "--namespace") and i + 1 < len(argv):
            i += 2
            continue
        if a in ("--version", "--help", "-v", "-h", "--exec-path", "--html-path"):
            return
        i += 1
    if i >= len(argv):
        return
    sub, rest = argv[i], argv[i + 1:]
    opts = {a for a in rest if a.startswith("-")}
    args = [a for a in rest if not a.startswith("-")]
    if sub in _GIT_READ:
        if sub == "reflog" and args[:1] in (["expire"], ["delete"]):
            f.add("vcs.history-rewrite", ASK, "expires or deletes reflog entries (loses recovery points)")
        elif sub == "ls-remote":
            f.net_fetch = True
        return
    if sub in ("branch", "tag"):
        if opts & {"-D"} or ("-d" in opts and "--force" in opts) or ("--delete" in opts and "--force" in opts):
            f.add("vcs.branch-force-delete", REQUEST, f"force-deletes {sub} {' '.join(args)}",
                  intents=DELETE_VERBS, targets=tuple(args))
        elif opts & {"-d", "--delete"}:
            f.add("vcs.branch-delete", REQUEST, f"deletes {sub} {' '.join(args)}", intents=DELETE_VERBS,
                  targets=tuple(args))
        elif opts & {"-f", "--force", "-M", "-C"}:
            f.add("vcs.branch-force", REQUEST, f"forces {sub} {' '.join(args)} (moves or overwrites it)",
                  intents=("force", "move", "reset", "rename", "overwrite"), targets=tuple(args))
        return
    if sub == "remote":
        if args[:1] and args[0] in ("add", "set-url"):
            hosts = _hosts_of(args) or [a.split(":")[0].split("@")[-1] for a in args[2:] if ":" in a]
            for h in hosts:
                ctx.host(h)
            f.add("vcs.remote-add", REQUEST, f"points a git remote at {args[-1] if args else '?'}",
                  intents=("remote", "mirror", "add", "set"), targets=tuple(args[1:2]) + tuple(hosts),
                  hosts=tuple(hosts), network=True)
        elif args[:1] and args[0] in ("remove", "rm", "rename", "prune"):
            f.add("vcs.remote-change", REQUEST, f"git remote {args[0]}", intents=("remove", "delete", "rename",
                  "prune", "remote"))
        return
    if sub == "config":
        keys = [a for a in rest if not a.startswith("-")]
        reading = opts & {"--get", "--get-all", "--list", "-l", "--get-regexp", "--show-origin"} or len(keys) == 1
        if reading:
            if keys and re.search(r"credential|token|password", keys[0], re.I):
                f.add("secret.read", ASK, "reads credentials from git config")
            return
        key = keys[0].lower() if keys else ""
        if key in ("core.hookspath", "core.sshcommand", "core.pager", "core.editor", "core.fsmonitor",
                   "core.askpass", "sequence.editor", "gpg.program") or key.startswith(
                ("alias.", "filter.", "diff.", "credential.", "url.", "include.", "includeif.")):
            f.add("persist.git-config", ASK, f"git config {key} makes git run another program later")
        elif opts & {"--global", "--system"}:
            f.add("vcs.config-global", REQUEST, f"changes your global git config ({key})",
                  intents=("config", "configure", "set"), targets=(key.split(".")[-1],))
        return
    if sub in ("checkout", "switch"):
        if "--" in rest or "." in args or opts & {"-f", "--force", "-p", "--patch", "--ours", "--theirs"} or (
                sub == "checkout" and len(args) > 1):
            f.add("vcs.discard", REQUEST, "checkout over files discards uncommitted changes",
                  intents=("discard", "revert", "restore", "reset", "throw away", "undo", "checkout"))
        return
    if sub == "restore":
        if opts <= {"--staged", "-S", "-q", "--quiet"} and ("--staged" in opts or "-S" in opts) and \
                "--worktree" not in opts:
            return
        f.add("vcs.discard", REQUEST, "git restore discards uncommitted changes",
              intents=("discard", "revert", "restore", "throw away", "undo"))
        return
    if sub == "reset":
        if "--hard" in opts or "--merge" in opts or "--keep" in opts:
            f.add("vcs.reset-hard", REQUEST, "git reset --hard throws away uncommitted work",
                  intents=("reset", "discard", "throw away", "wipe", "start over", "go back"))
        elif args and re.search(r"[~^]|^HEAD@|^[0-9a-f]{7,40}$|^origin/", args[0]):
            f.add("vcs.reset-commit", REQUEST, f"git reset moves the branch to {args[0]} (uncommits)",
                  intents=("reset", "undo", "uncommit", "un-commit", "roll back", "go back", "drop"))
        return
    if sub == "clean":
        if opts & {"-n", "--dry-run"}:
            return
        f.add("vcs.clean", REQUEST, "git clean deletes untracked files" + (" (including ignored)" if any(
            "x" in o for o in opts if not o.startswith("--")) else ""),
              intents=("clean", "delete", "remove", "pristine", "untracked", "wipe", "get rid"))
        return
    if sub == "stash":
        if args[:1] in (["drop"], ["clear"]):
            f.add("vcs.stash-drop", REQUEST, f"git stash {args[0]} deletes stashed work",
                  intents=("drop", "clear", "delete", "discard", "remove", "throw away", "get rid"))
        return
    if sub == "commit":
        if "--amend" in opts:
            f.add("vcs.amend", REQUEST, "amends the last commit", intents=("amend", "fix up", "fixup", "reword",
                                                                           "edit the last commit"))
        if opts & {"-n", "--no-verify"}:
            f.add("vcs.no-verify", REQUEST, "skips the commit hooks (--no-verify)",
                  intents=("no-verify", "skip hooks", "skip the hook", "bypass"))
        return
    if sub in ("merge", "rebase", "cherry-pick", "revert", "pull") and sub != "pull":
        if sub == "rebase" and opts & {"-i", "--interactive"}:
            f.add("vcs.rebase-interactive", ASK, "interactive rebase needs an editor")
            return
        if args[:1] in (["--abort"], ["--continue"], ["--skip"]) or opts & {"--abort", "--continue", "--skip"}:
            return
        f.add(f"vcs.{sub}", REQUEST, f"git {sub} {' '.join(args)}",
              intents=(sub, sub.replace("-", " "), "undo" if sub == "revert" else sub))
        return
    if sub == "push":
        force = any(o in ("-f", "--force", "--force-with-lease", "--force-if-includes", "--mirror") or
                    o.startswith(("--force=", "--force-with-lease=")) for o in opts) or any(
            a.startswith("+") for a in args)
        delete = "--delete" in opts or "-d" in opts or any(a.startswith(":") for a in args)
        remote = args[0] if args else ""
        hosts = _hosts_of(args)
        f.net_send = f.net_send or False
        if delete:
            f.add("vcs.push-delete", REQUEST, "deletes remote branches or tags", intents=("delete", "remove"),
                  targets=tuple(a.lstrip(":") for a in args[1:]), network=True, hosts=tuple(hosts))
        elif force:
            f.add("vcs.force-push", REQUEST, "force-push rewrites the remote branch's history",
                  intents=("force",), network=True, hosts=tuple(hosts))
        elif opts & {"--all", "--mirror", "--tags"} and remote not in ("origin", "upstream", ""):
            f.add("vcs.push-all", REQUEST, f"pushes every branch to {remote}", intents=_PUSH_INTENTS,
                  targets=(remote,), network=True, hosts=tuple(hosts))
        else:
            f.add("vcs.push", REQUEST, "git push publishes commits", intents=_PUSH_INTENTS, network=True,
                  hosts=tuple(hosts))
        return
    if sub == "rm":
        if "--cached" in opts:
            return
        f.add("vcs.rm", REQUEST, f"git rm deletes {' '.join(args)}", intents=DELETE_VERBS,
              targets=tuple(os.path.basename(a) for a in args) + tuple(args))
        return
    if sub in ("filter-branch", "filter-repo", "replace", "update-ref") or (sub == "gc" and any(
            "prune=now" in o or o == "--aggressive" for o in opts)):
        f.add("vcs.history-rewrite", ASK, f"git {sub} rewrites or drops history")
        return
    if sub == "clone":
        hosts = _hosts_of(args)
        for h in hosts:
            ctx.host(h)
        f.net_fetch = True
        f.add("vcs.clone", LOCAL, f"clones {args[0] if args else ''}", hosts=tuple(hosts), network=True)
        if len(args) > 1:
            ctx.write(args[1], what="clones into")
        return
    if sub in ("fetch", "pull", "submodule", "lfs"):
        f.net_fetch = True
        f.add("vcs.fetch", LOCAL, f"git {sub}", network=True)
        return
    if sub in _GIT_LOCAL:
        return
    if sub in ("send-email", "request-pull", "daemon", "instaweb", "credential", "credential-store"):
        f.add("vcs.sensitive", ASK, f"git {sub} sends data or exposes credentials")
        return
    if sub == "hook":
        f.add("vcs.hook-run", ASK, "runs git hooks directly")
        return
    f.add("vcs.unknown", ASK, f"unfamiliar git subcommand {sub!r}")


# ------------------------------------------------------------------ network clients
def _curl(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    name = os.path.basename(argv[0])
    method, data, urls, out_files, upload = None, [], [], [], []
    insecure = False
    i = 1
    takes = {"-X", "--request", "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--json", "-F",
             "--form", "-T", "--upload-file", "-o", "--output", "-H", "--header", "-u", "--user", "-A",
             "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-K", "--config",
             "--url", "-x", "--proxy", "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "-O",
             "--output-document", "--post-data", "--post-file", "--body-data", "--body-file", "--method",
             "-P", "--directory-prefix", "-r", "--retry", "--resolve", "--cacert", "--cert", "--key", "-E",
             "--header-file", "--limit-rate", "-U"}
    while i < len(argv):
        a = argv[i]
        val = None
        key = a
        if a.startswith("--") and "=" in a:
            key, val = a.split("=", 1)
        elif a in takes and i + 1 < len(argv) and not (name == "curl" and a == "-O"):
            val = argv[i + 1]
            i += 1
        elif a.startswith("-") and not a.startswith("--") and len(a) > 2 and a[:2] in takes:
            key, val = a[:2], a[2:]
        i += 1
        if key in ("-X", "--request", "--method"):
            method = (val or "").upper()
        elif key in ("-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--json", "--post-data",
                     "--body-data"):
            data.append(val or "")
        elif key in ("-F", "--form"):
            data.append((val or "").split("=", 1)[-1])
        elif key in ("-T", "--upload-file", "--post-file", "--body-file"):
            upload.append(val or "")
        elif key in ("-o", "--output") or (name == "wget" and key in ("-O", "--output-document")):
            out_files.append(val or "")
        elif key in ("-P", "--directory-prefix") and name == "wget":
            out_files.append(os.path.join(val or ".", "x"))
        elif key in ("-u", "--user", "-b", "--cookie", "-E", "--cert", "--key"):
            if val and ("@" in val or ":" in val or key in ("-E", "--cert", "--key")):
                f.add("secret.send-credential", ASK, f"{name} sends credentials ({key})")
            if val and key in ("--key", "--cert", "-E"):
                ctx.read(val)
        elif key in ("-K", "--config"):
            f.add("net.curl-config", ASK, f"{name} reads options from a config file")
        elif key in ("-k", "--insecure", "--no-check-certificate"):
            insecure = True
        elif key in ("-H", "--header") and val and re.search(r"authorization|token|api-key|cookie", val, re.I):
            f.add("secret.send-credential", ASK, f"{name} sends an auth header")
        elif key == "--url" and val:
            urls.append(val)
        elif not a.startswith("-"):
            urls.append(a)
    hosts = []
    for u in urls:
        h = urlsplit(u if "://" in u else "http://" + u).hostname or ""
        if h:
            hosts.append(h)
            ctx.host(h)
    if name == "curl" and "-O" in argv or "--remote-name" in argv:
        out_files.extend(os.path.basename(urlsplit(u).path) or "index.html" for u in urls)
    if name == "wget" and not out_files and not cmd.pipe_to:
        out_files.extend(os.path.basename(urlsplit(u).path) or "index.html" for u in urls)
    for o in out_files:
        if o and o != "-":
            ctx.write(o, what="downloads to")
            f.downloaded.add(ctx.info(o).path)
    sends = bool(data or upload) or (method or "GET") not in ("GET", "HEAD", "OPTIONS")
    for d in data:
        if d.startswith("@"):
            src = d[1:]
            if src == "-":
                pass  # stdin: the pipeline upstream is the payload (data flow handles secrets)
            else:
                ctx.read(src, what="uploads")
        elif re.search(r"\$\(|`", d):
            f.add("net.dynamic-payload", ASK, f"{name} sends data computed at run time")
    for u in upload:
        if u and u != "-":
            ctx.read(u, what="uploads")
    url_path = " ".join(urlsplit(u if "://" in u else "http://" + u).path for u in urls).lower()
    if sends:
        f.net_send = True
        if method == "DELETE" or re.search(r"delete|destroy|remove|purge|drop|wipe", url_path):
            f.add("net.delete", REQUEST, f"{name} {method or 'POST'} deletes a remote resource",
                  intents=DELETE_VERBS, targets=tuple(p for p in url_path.strip("/").split("/")[-1:] if p),
                  hosts=tuple(hosts), network=True)
        else:
            verbs = tuple(w for w in re.split(r"[^a-z]+", url_path) if len(w) > 3)
            f.add("net.send", REQUEST, f"{name} sends data to {', '.join(hosts) or 'the network'}",
                  intents=("send", "post", "upload", "submit", "notify", "call", "trigger", "create", "put",
                           "webhook", "report") + verbs, targets=tuple(hosts), hosts=tuple(hosts), network=True)
    else:
        f.net_fetch = True
        f.add("net.fetch", LOCAL, f"{name} fetches {', '.join(hosts) or 'a URL'}", hosts=tuple(hosts), network=True)
    if insecure:
        f.add("net.insecure", ASK, f"{name} skips TLS certificate checks")
    if not urls:
        f.add("net.no-url", ASK, f"{name} without a readable URL")


def _remote_shell(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    name = os.path.basename(argv[0])
    opts = [a for a in argv[1:] if a.startswith("-")]
    if name in ("nc", "ncat", "netcat", "socat", "telnet"):
        if any(o in ("-e", "-c", "--exec", "--sh-exec", "--lua-exec") for o in opts) or any(
                "exec:" in a.lower() or "system:" in a.lower() for a in argv[1:]):
            f.add("net.reverse-shell", DENY, f"{name} wires a shell to a network socket")
        elif any(o.startswith("-l") or o == "--listen" for o in opts) or "LISTEN" in " ".join(argv).upper():
            f.add("net.listen", ASK, f"{name} opens a listening socket")
        else:
            f.net_send = True
            f.add("net.raw-socket", ASK, f"{name} sends raw data to a host", network=True)
        return
    if name == "ssh":
        if any(o in ("-R", "-L", "-D", "-w") or o.startswith(("-R", "-L", "-D")) for o in opts):
            f.add("net.tunnel", ASK, "ssh opens a tunnel or port forward")
            return
        if any("ProxyCommand" in a or "LocalCommand" in a for a in argv):
            f.add("net.ssh-command", ASK, "ssh option runs a local command")
            return
        takes = {"-i", "-p", "-l", "-o", "-F", "-J", "-c", "-m", "-b", "-E", "-S", "-W", "-Q"}
        i, host = 1, None
        while i < len(argv):
            if argv[i] in takes:
                if argv[i] == "-i" and i + 1 < len(argv):
                    ctx.read(argv[i + 1])
                i += 2
                continue
            if argv[i].startswith("-"):
                i += 1
                continue
            host = argv[i]
            break
        h = (host or "").split("@")[-1]
        ctx.host(h)
        f.net_send = True
        f.add("net.ssh", REQUEST, f"ssh runs commands on {h or 'a remote host'}",
              intents=("ssh", "log in", "login", "connect", "run on", "deploy", "restart", "check on"),
              targets=(h, h.split(".")[0]) if h else (), hosts=(h,) if h else (), network=True)
        return
    # scp / sftp / rsync / ftp / mail
    remote = [a for a in argv[1:] if not a.startswith("-") and re.match(r"^[^/]*[^/\\]:", a) and "://" not in a]
    locals_ = [a for a in argv[1:] if not a.startswith("-") and a not in remote]
    if name == "rsync":
        if any(o.startswith(("--del", "--remove-source-files")) or o == "--prune-empty-dirs" for o in opts):
            f.add("fs.sync-delete", REQUEST, "rsync deletes files at the destination or source",
                  intents=("delete", "mirror", "remove", "prune", "wipe", "exact copy"),
                  targets=tuple(os.path.basename(a.rstrip("/")) for a in argv[1:] if not a.startswith("-")))
        if any(o == "-e" or o.startswith("--rsh") for o in opts):
            f.add("net.rsync-shell", ASK, "rsync with a custom remote shell")
    if name in ("mail", "sendmail", "mutt", "mailx"):
        f.net_send = True
        f.add("net.mail", ASK, f"{name} sends email", network=True)
        return
    if remote:
        hosts = [r.split(":", 1)[0].split("@")[-1] for r in remote]
        for h in hosts:
            ctx.host(h)
        dest_remote = argv[-1] in remote
        if dest_remote:
            f.net_send = True
            for s in locals_:
                ctx.read(s, what="uploads")
            f.add("net.upload", REQUEST, f"{name} copies files to {', '.join(hosts)}",
                  intents=("upload", "copy", "sync", "deploy", "send", "transfer", "push", "backup", "back up"),
                  targets=tuple(hosts), hosts=tuple(hosts), network=True)
        else:
            f.net_fetch = True
            for d in locals_[-1:]:
                ctx.write(d, what="downloads to")
            f.add("net.download", LOCAL, f"{name} copies files from {', '.join(hosts)}", hosts=tuple(hosts),
                  network=True)
        return
    if name in ("sftp", "ftp", "lftp", "tftp", "smbclient"):
        f.net_send = True
        f.add("net.file-transfer", ASK, f"{name} opens an interactive transfer session", network=True)
        return
    if name == "rsync" and len(locals_) >= 2:
        for s in locals_[:-1]:
            ctx.read(s, what="copies")
        ctx.write(locals_[-1], what="syncs to")
        return
    f.add("net.unknown", ASK, f"{name} with arguments the guard cannot place")


from kairos.guard.programs_tools import HANDLERS as _TOOL_HANDLERS, _infra, _interpreter, _shell  # noqa: E402

HANDLERS = {
    "git": _git,
    "curl": _curl, "wget": _curl, "http": _curl, "https": _curl, "xh": _curl, "aria2c": _curl,
    **{n: _remote_shell for n in ("nc", "ncat", "netcat", "socat", "telnet", "ssh", "scp", "sftp", "rsync", "ftp",
                                  "tftp", "lftp", "smbclient", "mail", "sendmail", "mutt", "mailx")},
    **_TOOL_HANDLERS,
}
__all__ += ["_infra", "_interpreter", "_shell"]
_ = (analyze_code, shell_strings, DENY)
