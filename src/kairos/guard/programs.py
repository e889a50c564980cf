"""What individual programs do: the guard's knowledge of command-line tools.

:func:`judge` peels wrappers off one simple command and dispatches on the
program name. Programs are grouped by behaviour (read-only tools, local file
writers, deleters, build and test runners, network clients, version control,
infrastructure CLIs, privilege and system tools); each group reasons about
paths, hosts and sub-commands rather than about particular command lines.
An unknown program is never assumed safe.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from kairos.guard.analysis import SECRET_VAR, Ctx
from kairos.guard.findings import ASK, DENY, LOCAL, REQUEST
from kairos.guard.shell import Command

if TYPE_CHECKING:
    from kairos.guard.analysis import ShellAnalyzer

__all__ = ["judge"]

READ_ONLY = frozenset("""
cat tac head tail less more wc sort uniq cut tr paste join comm column fold fmt nl pr rev expand unexpand od
hexdump strings grep egrep fgrep zgrep rg ag ack diff cmp sdiff colordiff ls dir vdir tree stat file du df locate
whereis which type hash man info help whatis apropos pwd echo printf true false test [ [[ date cal sleep seq
basename dirname readlink realpath id whoami groups logname uname uptime ps pstree pgrep top htop free nproc lscpu
lsblk lsusb lspci locale tty jq yq md5sum sha1sum sha224sum sha256sum sha384sum sha512sum shasum cksum b2sum sum
base32 zcat gzcat bzcat xzcat zless zmore bc expr factor numfmt iconv look getconf arch who w last cd pushd popd
dirs read mapfile readarray wait jobs : shopt local declare typeset let umask ulimit exit return break continue
shift getopts alias unalias export readonly set trap cmp watch yes tput clear reset env printenv hostname
hostnamectl timedatectl lsb_release sw_vers vm_stat iostat vmstat sar mpstat ss netstat lsof fuser nslookup dig
host ping ping6 traceroute tracepath mtr whois arp route ifconfig ip getent finger pinky users tsort ptx shuf
fmt csvlook xsv mlr dos2unix unix2dos sponge diff3 wdiff cloc tokei scc fd fdfind bat exa eza less zstdcat
""".split())
LOCAL_WRITERS = frozenset("mkdir touch cp mv ln tee split csplit install truncate patch mktemp".split())
ARCHIVERS = frozenset("tar zip unzip gzip gunzip bzip2 bunzip2 xz unxz zstd unzstd 7z 7za jar cpio ar".split())
DELETERS = frozenset("rm rmdir unlink shred srm wipe".split())
DEV_TOOLS = frozenset("""
pytest py.test tox nox ruff black isort flake8 pylint mypy pyright pyflakes bandit coverage pre-commit tsc eslint
prettier jest vitest mocha ava tap playwright cypress rustc rustfmt gofmt golint staticcheck javac mvn gradle
gradlew dotnet cmake ninja meson gcc g++ cc c++ clang clang++ clang-format clang-tidy rake rspec rubocop bundle
composer mix elixir iex swift swiftc kotlinc scalac sbt ctest valgrind gdb lldb hyperfine shellcheck shfmt
hadolint yamllint markdownlint actionlint terraform-fmt sqlfluff ipython jupyter sphinx-build mkdocs hugo
vite webpack rollup esbuild turbo nx lerna tsx ts-node poetry pipenv hatch pdm virtualenv pyenv nvm rbenv
black-macchiato autopep8 yapf coverage.py protoc buf bazel bazelisk just task doxygen pandoc
""".split())
INTERPRETERS = frozenset("python python2 python3 pypy pypy3 node nodejs ruby perl php deno bun lua Rscript "
                         "tclsh osascript pwsh powershell".split())
SHELLS = frozenset("sh bash zsh dash ksh mksh fish csh tcsh ash busybox".split())
INFRA = frozenset("""
aws gcloud gsutil bq az kubectl k9s helm terraform tofu pulumi vault op doppler rclone restic borg velero
rabbitmqctl rabbitmqadmin nats circleci gitlab-runner glab heroku fly flyctl vercel netlify firebase consul
nomad ansible ansible-playbook s3cmd doctl stripe sentry-cli supabase wrangler eksctl kind minikube skaffold
argocd flux istioctl linkerd oc openstack redis-cli mongo mongosh psql mysql mariadb sqlite3 clickhouse-client
cqlsh influx etcdctl kcat kafkacat kafka-topics kafka-consumer-groups kafka-configs kafka-acls
kafka-console-producer kafka-console-consumer mc gh-ost pg_dump pg_restore mysqldump dropdb createdb
elasticsearch-cli aliyun ibmcloud linode-cli hcloud scw exo civo
""".split())
PRIV_ALWAYS = frozenset("""
useradd userdel usermod groupadd groupdel groupmod passwd chpasswd visudo adduser deluser addgroup delgroup dscl
sysadminctl pwpolicy setcap insmod rmmod modprobe kextload kextunload kmutil mount umount losetup chroot nsenter
unshare capsh pam-auth-update authconfig dseditgroup newgrp chsh chfn vipw vigr
""".split())
SECURITY_OFF = frozenset("iptables ip6tables nft ufw firewall-cmd pfctl setenforce auditctl csrutil spctl "
                         "systemsetup sysctl aa-disable apparmor_parser tccutil".split())
SYSTEM_KILL = frozenset("shutdown reboot halt poweroff init telinit mkfs fdisk sfdisk parted wipefs gdisk "
                        "diskutil mkswap swapoff".split())
NET_RAW = frozenset("nc ncat netcat socat telnet ftp tftp sftp ssh scp rsync curl wget http https xh httpie "
                    "aria2c lftp smbclient mail sendmail mutt mailx".split())
WRAPPERS_SIMPLE = frozenset("nohup time builtin exec stdbuf unbuffer caffeinate chronic ionice chrt taskset "
                            "setsid flock nice timeout command doas sudo env xargs strace ltrace torify "
                            "proxychains proxychains4 watch".split())
def _base(name: str) -> str:
    return os.path.basename(name) if "/" in name and not name.startswith(("./", "../")) else name


def _opts_and_args(argv: list[str]) -> tuple[set[str], list[str]]:
    opts, args = set(), []
    end = False
    for a in argv:
        if not end and a == "--":
            end = True
        elif not end and a.startswith("-") and a != "-":
            opts.add(a)
        else:
            args.append(a)
    return opts, args


def _has_flag(opts: set[str], short: str, *longs: str) -> bool:
    for o in opts:
        if o in longs or o.split("=", 1)[0] in longs:
            return True
        if short and o.startswith("-") and not o.startswith("--") and short in o[1:]:
            return True
    return False


def judge(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    """Judge one simple command (after wrappers), adding findings to ``ctx.facts``."""
    f = ctx.facts
    if not argv:
        return
    idx = cmd.argv.index(argv[0]) if argv[0] in cmd.argv else 0
    if idx < len(cmd.dynamic) and cmd.dynamic[idx]:
        resolved = _resolve_var(argv[0], ctx)
        if resolved is None:
            f.add("shell.dynamic-command", ASK, f"the program name comes from a variable or substitution "
                  f"({argv[0]}); cannot tell what runs")
            f.exec_dynamic = f.exec_dynamic or "$(" in argv[0] or "`" in argv[0]
            return
        f.add("shell.indirect-command", ASK, f"runs {resolved!r} through a variable (obfuscation)")
        argv = [resolved, *argv[1:]]
    if cmd.ansi_c:
        f.add("shell.ansi-c", ASK, "uses $'..' escapes to spell the command (obfuscation)")
    for a in argv[1:]:
        if SECRET_VAR.search(a):
            f.secret_source = True
            f.add("secret.env-var", ASK, f"expands a credential variable ({SECRET_VAR.search(a).group(0)})")  # type: ignore[union-attr]
            break
    name = _base(argv[0])
    if name.startswith(("./", "../")) or (("/" in name) and not name.startswith("/")):
        _local_program(cmd, argv, ctx)
        return
    handler = _HANDLERS.get(name)
    if handler is not None:
        handler(cmd, argv, ctx, an)
        return
    if name in READ_ONLY:
        _read_only(cmd, name, argv, ctx, an)
    elif name in LOCAL_WRITERS:
        _local_writer(name, argv, ctx)
    elif name in ARCHIVERS:
        _archiver(name, argv, ctx)
    elif name in DELETERS:
        _deleter(name, argv, ctx)
    elif name in DEV_TOOLS:
        _dev_tool(name, argv, ctx)
    elif name in INTERPRETERS:
        _interpreter(cmd, name, argv, ctx, an)
    elif name in SHELLS:
        _shell(cmd, argv, ctx, an)
    elif name in INFRA or name.startswith(("kafka-", "rabbitmq")):
        _infra(name, argv, ctx)
    elif name in PRIV_ALWAYS:
        f.add("priv.admin", ASK, f"{name} changes users, kernel modules or mounts")
    elif name in SECURITY_OFF:
        off = any(a in ("disable", "-F", "--flush", "0", "off", "--master-disable", "-D", "stop") for a in argv[1:])
        f.add("priv.security-off" if off else "priv.security", DENY if off else ASK,
              f"{name} {'disables' if off else 'changes'} a security control (firewall, SELinux, audit)")
    elif name in SYSTEM_KILL or name.startswith("mkfs"):
        if name == "init" and argv[1:2] not in (["0"], ["6"], ["1"]):
            f.add("priv.admin", ASK, "init changes the system run level")
        else:
            f.add("sys.destroy", DENY, f"{name} shuts down the machine or destroys disks/partitions")
    else:
        f.add("cmd.unknown", ASK, f"unknown program {name!r}: not judged safe")


def _resolve_var(word: str, ctx: Ctx) -> str | None:
    m = re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", word)
    if m and m.group(1) in ctx.vars and not ctx.vars[m.group(1)].startswith("\x00"):
        return ctx.vars[m.group(1)]
    return None


# ------------------------------------------------------------------ wrappers
def _wrapper(cmd: Command, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    name = _base(argv[0])
    rest = argv[1:]
    f = ctx.facts
    if name in ("sudo", "doas", "su", "pkexec", "runuser"):
        f.add("priv.sudo", ASK, f"runs with elevated privileges ({name})")
        if name == "su":
            if "-c" in rest:
                an.run(rest[rest.index("-c") + 1] if rest.index("-c") + 1 < len(rest) else "", _sub(ctx))
            return
        i = 0
        takes = {"-u", "-g", "-p", "-C", "-h", "-r", "-t", "-U", "-D", "-R", "-T"}
        while i < len(rest) and rest[i].startswith("-"):
            if rest[i] in ("-s", "-i") and len(rest) == i + 1:
                f.add("priv.root-shell", ASK, "opens a root shell")
            i += 2 if rest[i] in takes else 1
        rest = rest[i:]
    elif name == "env":
        i = 0
        while i < len(rest) and (rest[i].startswith("-") or "=" in rest[i]):
            if rest[i] in ("-u", "-C", "-S", "--unset", "--chdir"):
                if rest[i] == "-S" and i + 1 < len(rest):
                    an.run(rest[i + 1], _sub(ctx))
                    return
                i += 2
                continue
            if "=" in rest[i] and not rest[i].startswith("-"):
                var = rest[i].split("=", 1)[0]
                if var in ("LD_PRELOAD", "DYLD_INSERT_LIBRARIES", "BASH_ENV", "PROMPT_COMMAND"):
                    f.add("env.hijack", ASK, f"sets {var}, which injects code into the program")
            i += 1
        rest = rest[i:]
        if not rest:
            f.secret_source = True  # prints the whole environment
            return
    elif name == "command":
        if rest and rest[0] in ("-v", "-V"):
            return
        rest = [a for a in rest if a != "-p"]
    elif name in ("timeout",):
        i = 0
        while i < len(rest) and rest[i].startswith("-"):
            i += 2 if rest[i] in ("-s", "-k", "--signal", "--kill-after") else 1
        rest = rest[i + 1:]
    elif name in ("nice", "ionice", "chrt", "taskset", "stdbuf", "flock", "watch"):
        i = 0
        while i < len(rest) and (rest[i].startswith("-") or (name != "watch" and rest[i].lstrip("-").isdigit())):
            i += 2 if rest[i] in ("-n", "-c", "-p", "-i", "-o", "-e", "-w") else 1
        rest = rest[i:]
        if name in ("taskset", "flock") and rest:
            rest = rest[1:]
    elif name == "xargs":
        i = 0
        takes = {"-n", "-I", "-P", "-d", "-L", "-a", "-E", "-s", "--max-args", "--delimiter", "-i", "--arg-file"}
        while i < len(rest) and rest[i].startswith("-"):
            i += 2 if rest[i] in takes else 1
        rest = rest[i:] or ["echo"]
        inner = _base(rest[0])
        if inner in DELETERS or inner in ("mv", "cp", "chmod", "chown", "kill", "shred", "git", "curl", "wget"):
            f.add("xargs.unknown-targets", ASK, f"xargs feeds unknown arguments to {inner}")
            return
    elif name == "builtin" or name == "exec" or name in ("nohup", "time", "caffeinate", "chronic", "unbuffer",
                                                          "setsid", "torify", "proxychains", "proxychains4"):
        rest = [a for a in rest if not (name == "time" and a.startswith("-"))]
        if name in ("nohup", "setsid"):
            f.add("proc.detach", LOCAL, f"{name} keeps the program running after the session")
    elif name in ("strace", "ltrace"):
        f.add("proc.trace", ASK, f"{name} traces processes")
        return
    if rest:
        judge(cmd, rest, ctx, an)


def _sub(ctx: Ctx) -> Ctx:
    c = Ctx(ctx.paths, ctx.facts, ctx.depth + 1)
    c.vars = dict(ctx.vars)
    c.cwd = ctx.cwd
    return c


# ------------------------------------------------------------------ groups
def _path_args(argv: list[str]) -> list[str]:
    return [a for a in argv[1:] if not a.startswith("-")]


def _read_only(cmd: Command, name: str, argv: list[str], ctx: Ctx, an: ShellAnalyzer) -> None:
    f = ctx.facts
    opts, args = _opts_and_args(argv[1:])
    if name in ("env", "printenv", "set", "export", "declare", "typeset") and not args:
        if name in ("env", "printenv") or opts & {"-p", "-x"}:
            f.secret_source = True
        return
    if name in ("echo", "printf"):
        text = " ".join(args)
        if re.search(r"\\x[0-9a-fA-F]{2}|\\[0-7]{3}", text) and (name == "printf" or "-e" in opts):
            f.decoder = True
        return
    if name == "cd":
        if args:
            p = ctx.info(args[0])
            if not p.dynamic:
                ctx.cwd = p.path
            if p.secret:
                f.secret_source = True
                f.add("secret.read", ASK, f"enters a credential directory ({args[0]})")
        return
    if name == "hostname" and args and not opts:
        f.add("sys.hostname", ASK, "changes the machine's hostname")
        return
    if name in ("export", "readonly", "declare", "typeset", "local"):
        for a in args:
            var = a.split("=", 1)[0]
            if var in ("HISTFILE", "HISTSIZE", "HISTFILESIZE"):
                f.add("hist.tamper", ASK, f"changes {var}: hides shell history")
            elif var in ("LD_PRELOAD", "DYLD_INSERT_LIBRARIES", "PROMPT_COMMAND", "BASH_ENV"):
                f.add("env.hijack", ASK, f"sets {var}, which injects code into later programs")
        return
    if name == "set" and "+o" in argv and "history" in argv:
        f.add("hist.tamper", ASK, "turns shell history off")
        return
    if name == "history":
        if opts & {"-c", "-d", "-w", "-a", "-r", "-n"}:
            f.add("hist.tamper", ASK, "edits or clears shell history")
        return
    if name == "alias" and any("=" in a for a in args):
        f.add("env.alias", LOCAL, "defines an alias for this shell")
        return
    if name in ("sort",) and _has_flag(opts, "o", "--output"):
        out = next((o[2:] for o in opts if o.startswith("-o") and len(o) > 2), None)
        if out:
            ctx.write(out)
        elif "-o" in argv:
            i = argv.index("-o")
            if i + 1 < len(argv):
                ctx.write(argv[i + 1])
    if name in ("ping", "ping6", "dig", "nslookup", "host", "traceroute", "tracepath", "mtr", "whois"):
        f.net_fetch = True
        for i, a in enumerate(argv[1:], 1):
            if cmd.dynamic[min(i, len(cmd.dynamic) - 1)] if cmd.dynamic else False:
                f.add("net.dns-dynamic", ASK, "network lookup of a name built at run time (DNS exfiltration)")
                break
        return
    if name in ("ifconfig", "ip", "route", "arp") and any(a in ("down", "up", "add", "del", "delete", "flush",
                                                                    "set", "change", "replace") for a in args):
        f.add("sys.network-config", ASK, f"{name} changes network configuration")
        return
    if name == "watch" and args:
        return
    if name in ("grep", "egrep", "fgrep", "rg", "ag", "ack") and (name != "grep" or _has_flag(
            opts, "r", "--recursive") or _has_flag(opts, "R", "--dereference-recursive")):
        from kairos.guard.programs_tools import _wide_search

        for a in args[1:] if name in ("grep", "egrep", "fgrep") else args:
            if a.startswith("/") or a.startswith("~") or a.startswith("$"):
                _wide_search(a, ctx, name)
    if name in ("ls", "du", "tree", "stat", "file") and args:
        for a in args:
            if ctx.info(a).secret:
                f.add("secret.list", ASK, f"{name} lists a credential location ({a})")
                break
    for a in args:
        ctx.read(a)
    for o in opts:
        if "=" in o:
            ctx.read(o.split("=", 1)[1])


def _local_program(cmd: Command, argv: list[str], ctx: Ctx) -> None:
    p = ctx.info(argv[0])
    ctx.facts.executed.add(p.path)
    if p.in_project and not p.git_internal:
        ctx.facts.add("run.project-script", LOCAL, f"runs the project's own {os.path.relpath(p.path, ctx.paths.root)}")
    elif p.in_temp:
        ctx.facts.add("run.temp-program", REQUEST, f"runs {argv[0]} from a temp directory",
                      intents=("run", "execute", "start", "launch"), targets=(os.path.basename(p.path),))
    else:
        ctx.facts.add("run.outside-program", ASK, f"runs {argv[0]}, a program outside the project")
    for a in argv[1:]:
        ctx.read(a)


def _local_writer(name: str, argv: list[str], ctx: Ctx) -> None:
    opts, args = _opts_and_args(argv[1:])
    if name in ("mkdir", "touch", "truncate"):
        if name == "truncate":
            args = [a for a in args if not re.fullmatch(r"[+-]?\d+[KMGkmg]?", a)]
        for a in args:
            ctx.write(a, what="creates" if name != "truncate" else "truncates")
            if name == "truncate":
                ctx.delete(a, recursive=False, what="truncates")
        return
    if name == "mktemp":
        return
    if name == "tee":
        for a in args:
            ctx.write(a)
        return
    if name in ("split", "csplit"):
        if len(args) >= 2:
            ctx.read(args[0])
            ctx.write(args[-1] + "x")
        return
    if name == "patch":
        for a in args:
            ctx.write(a, what="patches")
        return
    if name in ("cp", "mv", "ln", "install"):
        target = next((o.split("=", 1)[1] for o in opts if o.startswith("--target-directory=")), None)
        if "-t" in argv:
            i = argv.index("-t")
            target = argv[i + 1] if i + 1 < len(argv) else None
            args = [a for a in args if a != target]
        if target is None:
            if len(args) < 2:
                if name == "ln" and args:
                    ctx.write(os.path.basename(args[0]))
                return
            target, sources = args[-1], args[:-1]
        else:
            sources = args
        for s in sources:
            if name != "ln":
                ctx.read(s, what="copies" if name == "cp" else "moves")
            if name == "mv":
                p = ctx.info(s)
                if not (p.in_project or p.in_temp) or p.system:
                    ctx.delete(s, recursive=True, what="moves away")
        tp = ctx.info(target)
        ctx.write(target, what={"cp": "copies to", "mv": "moves to", "ln": "links at", "install": "installs to"}[name])
        if name == "mv" and (tp.in_project or tp.in_temp) and os.path.isfile(tp.path):
            ctx.facts.add("fs.overwrite", REQUEST, f"mv overwrites {os.path.basename(tp.path)}",
                          intents=("rename", "move", "overwrite", "replace", "mv"),
                          targets=(os.path.basename(tp.path),))
        elif name == "mv" and sources and all(ctx.info(s).in_project for s in sources):
            ctx.facts.add("fs.move", LOCAL, "moves files inside the project")


def _archiver(name: str, argv: list[str], ctx: Ctx) -> None:
    opts, args = _opts_and_args(argv[1:])
    if name == "tar":
        flags = "".join(o.lstrip("-") for o in opts if not o.startswith("--")) + (
            argv[1] if len(argv) > 1 and not argv[1].startswith("-") else "")
        archive = None
        for i, a in enumerate(argv):
            if a.startswith("--file="):
                archive = a.split("=", 1)[1]
            elif a.startswith("-") and not a.startswith("--") and a.endswith("f") and i + 1 < len(argv):
                archive = argv[i + 1]
        if archive is None and argv[1:] and not argv[1].startswith("-") and "f" in argv[1] and len(argv) > 2:
            archive = argv[2]
        rest = [a for a in args if a != archive and a != (argv[1] if not argv[1].startswith("-") else None)]
        if "c" in flags or "r" in flags or "u" in flags:
            if archive and archive != "-":
                ctx.write(archive)
            for a in rest:
                ctx.read(a, what="archives")
        elif "x" in flags:
            dest = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("-C", "--directory")), ".")
            ctx.write(os.path.join(dest, "x"), what="extracts into")
            if archive:
                ctx.read(archive)
        elif archive:
            ctx.read(archive)
        return
    for a in args:
        ctx.read(a)
        if name in ("gzip", "bzip2", "xz", "zstd", "gunzip", "bunzip2", "unxz", "unzstd") and \
                not _has_flag(opts, "c", "--stdout", "--to-stdout") and not _has_flag(opts, "l", "--list") \
                and not _has_flag(opts, "t", "--test"):
            ctx.write(a, what="compresses in place")
    if name == "unzip":
        dest = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "-d"), ".")
        ctx.write(os.path.join(dest, "x"), what="extracts into")
    if name in ("zip", "7z", "7za", "jar") and args:
        ctx.write(args[0] if name == "zip" else args[-1] if name == "jar" else args[1] if len(args) > 1 else args[0])


def _deleter(name: str, argv: list[str], ctx: Ctx) -> None:
    opts, args = _opts_and_args(argv[1:])
    if _has_flag(opts, "", "--help", "--version"):
        return
    if name == "rmdir":
        for a in args:
            p = ctx.info(a)
            if p.is_root_like or p.system:
                ctx.delete(a, recursive=False)
        return
    recursive = _has_flag(opts, "r", "--recursive") or _has_flag(opts, "R", "--recursive")
    if _has_flag(opts, "", "--no-preserve-root"):
        ctx.facts.add("fs.delete-catastrophic", DENY, "rm --no-preserve-root")
    if not args:
        return
    for a in args:
        ctx.delete(a, recursive=recursive, what="shreds" if name in ("shred", "srm", "wipe") else "deletes")


def _dev_tool(name: str, argv: list[str], ctx: Ctx) -> None:
    opts, args = _opts_and_args(argv[1:])
    if name in ("mvn", "gradle", "gradlew", "sbt") and any(a in ("deploy", "publish", "release") for a in args):
        ctx.facts.add("build.publish", REQUEST, f"{name} publishes artifacts", intents=("publish", "deploy",
                      "release", "upload"), network=True)
        return
    if name in ("bundle", "poetry", "pipenv", "pdm", "hatch", "composer") and args[:1] and args[0] in (
            "publish", "upload", "release"):
        ctx.facts.add("build.publish", REQUEST, f"{name} publishes a package", intents=("publish", "release",
                      "upload"), network=True)
        return
    if name in ("poetry", "pipenv", "pdm", "composer", "bundle") and args[:1] and args[0] in ("add", "install") \
            and len(args) > 1 and name != "bundle":
        ctx.facts.add("pkg.add", REQUEST, f"{name} adds the package {args[1]}", intents=("install", "add",
                      "depend", "dependency"), targets=(args[1].split("@")[0].split("=")[0],), network=True)
        return
    if name == "dotnet" and args[:1] == ["nuget"] and "push" in args:
        ctx.facts.add("build.publish", REQUEST, "dotnet nuget push publishes a package", intents=("publish",
                      "push", "release"), network=True)
        return
    ctx.facts.add("build.run", LOCAL, f"runs the project's {name}")


# handlers defined in programs_net / programs_vcs to keep modules small
from kairos.guard.programs_ext import (  # noqa: E402
    HANDLERS as _EXT_HANDLERS,
    _infra,
    _interpreter,
    _shell,
)

_HANDLERS = {w: _wrapper for w in WRAPPERS_SIMPLE | {"su", "pkexec", "runuser"}}
_HANDLERS.update(_EXT_HANDLERS)
