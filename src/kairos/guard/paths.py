"""Path reasoning for the guard: where a path points and what living there means.

Every path is resolved against the project root and the user's home (``~``,
``$HOME``, ``$TMPDIR``, ``..`` and symlinks) before it is judged, so
``./../../.ssh/id_ed25519`` is seen as the private key it is. Classification
only looks at names and locations; it never reads file contents.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fnmatch import fnmatch

from kairos.guard._lazy import lazy_re
__all__ = ["PathInfo", "Paths", "is_secret_name"]

# file names / globs that hold credentials (matched on the basename)
_SECRET_NAMES = (
    ".env", ".env.*", "*.env", ".envrc", ".netrc", "_netrc", ".git-credentials", ".pgpass", ".npmrc",
    ".pypirc", ".my.cnf", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_*[!.][!p][!u][!b]", "*.pem",
    "*.key", "*.p12", "*.pfx", "*.jks", "*.keystore", "credentials", "credentials.json", "*credentials*.json",
    "secrets.*", "*.secret", "*.secrets", "service-account*.json", "*.kdbx", "*.gpg", "*.asc", "shadow",
    "gshadow", "master.key", "*.tfstate", "*.tfvars", "htpasswd", ".htpasswd", "Cookies", "Cookies.binarycookies",
    "Login Data", "logins.json", "key4.db", "cookies.sqlite", "*.keychain", "*.keychain-db", "hosts.yml",
    "token", "*.token", "access_tokens.db", "kubeconfig",
)
_NOT_SECRET = (".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults", "*.pub",
               "known_hosts", "*.example", "*.sample")
# directories under $HOME whose contents are credentials
_SECRET_HOME_DIRS = (".ssh", ".aws", ".gnupg", ".kube", ".docker", ".config/gh", ".config/gcloud",
                     ".azure", ".password-store", ".vault-token", "Library/Keychains", "Library/Cookies",
                     ".mozilla", ".config/google-chrome", ".config/chromium", "Library/Application Support/Google",
                     ".local/share/keyrings", ".terraform.d", ".config/op", ".cargo/credentials",
                     ".config/hub", ".config/doppler", ".config/rclone")
_SSH_HARMLESS = ("known_hosts", "config")
_SYSTEM_SECRETS = ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/master.passwd", "/etc/ssh",
                   "/root", "/var/db/sudo", "/etc/security/opasswd", "/proc/kcore", "/dev/mem")
# shell start-up files and other places that run code later (persistence)
_RC_NAMES = (".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zprofile", ".zshenv",
             ".zlogin", ".cshrc", ".tcshrc", ".kshrc", ".inputrc", ".xinitrc", ".xprofile", ".pam_environment",
             "config.fish", ".gitconfig", ".vimrc", ".exrc", ".npmrc", ".pythonrc", ".pythonstartup",
             ".curlrc", ".wgetrc", "authorized_keys", "authorized_keys2", "rc", "environment")
_PERSIST_DIRS = ("/etc/profile.d", "/etc/cron", "/etc/cron.d", "/etc/cron.daily", "/etc/cron.hourly",
                 "/etc/cron.weekly", "/etc/cron.monthly", "/var/spool/cron", "/etc/systemd", "/lib/systemd",
                 "/usr/lib/systemd", "/etc/init.d", "/etc/rc.local", "/etc/launchd.conf",
                 "/Library/LaunchAgents", "/Library/LaunchDaemons", "/etc/update-motd.d", "/etc/xdg/autostart",
                 "/etc/ld.so.preload", "/etc/ld.so.conf.d", "/etc/pam.d", "/etc/sudoers.d", "/etc/profile",
                 "/etc/bash.bashrc", "/etc/environment", "/etc/zshrc", "/etc/zsh")
_PERSIST_HOME = ("Library/LaunchAgents", ".config/systemd", ".config/autostart", ".local/share/systemd",
                 ".ssh/authorized_keys", ".ssh/rc", ".config/fish")
_CI_PATTERNS = (".github/workflows/*", ".github/actions/*", ".gitlab-ci.yml", ".circleci/*", "Jenkinsfile",
                ".travis.yml", "azure-pipelines.yml", ".buildkite/*", "bitbucket-pipelines.yml",
                ".pre-commit-config.yaml", ".husky/*")
_SYSTEM_ROOTS = ("/etc", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/boot", "/var", "/opt", "/sys", "/proc",
                 "/dev", "/System", "/Library", "/Applications", "/private", "/srv", "/snap", "/root")
_TEMP_ROOTS = ("/tmp", "/var/tmp", "/private/tmp", "/dev/shm")


@dataclass(frozen=True)
class PathInfo:
    raw: str
    path: str                 # absolute, normalised (symlinks resolved where they exist)
    in_project: bool
    in_temp: bool             # under a temp root, below its top level
    is_temp_root: bool        # the temp root itself or a wildcard directly in it
    in_home: bool             # under $HOME but outside the project
    is_home: bool             # $HOME itself
    is_root_like: bool        # /, a system root, or $HOME itself
    system: bool              # under a system directory
    secret: bool
    persistence: bool
    ci_config: bool
    git_internal: bool        # inside the project's .git (hooks, config)
    dynamic: bool             # the raw text still holds an unknown variable or glob
    device: bool              # /dev/* other than the harmless ones

    @property
    def rel(self) -> str:
        return self.path


_VAR = lazy_re(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}?")


class Paths:
    """Resolves and classifies paths for one project and home."""

    def __init__(self, project_root: str, cwd: str | None = None, home: str | None = None):
        self.root = os.path.realpath(project_root)
        self.cwd = os.path.realpath(cwd or project_root)
        self.home = os.path.realpath(home or os.path.expanduser("~"))
        self.tmp = os.environ.get("TMPDIR") or "/tmp"

    def expand(self, raw: str) -> tuple[str, bool]:
        """Expand ~ and the variables whose value we know; -> (text, still_dynamic)."""
        text = raw
        if text == "~" or text.startswith("~/"):
            text = self.home + text[1:]
        dynamic = False

        def sub(m: re.Match[str]) -> str:
            nonlocal dynamic
            name, default = m.group(1), m.group(2)
            known = {"HOME": self.home, "PWD": self.cwd, "TMPDIR": self.tmp, "USER": os.path.basename(self.home),
                     "CLAUDE_PROJECT_DIR": self.root}
            if name in known:
                return known[name]
            if default is not None:
                return default
            dynamic = True
            return m.group(0)

        if "$" in text:
            text = _VAR.sub(sub, text)
            if "$(" in text or "`" in text:
                dynamic = True
        return text, dynamic

    def info(self, raw: str, *, base: str | None = None) -> PathInfo:
        text, dynamic = self.expand(raw)
        glob = any(ch in text for ch in "*?[")
        head = text.split("*", 1)[0].split("?", 1)[0] if glob else text
        absolute = head if os.path.isabs(head) else os.path.join(base or self.cwd, head)
        path = os.path.realpath(absolute) if os.path.lexists(os.path.dirname(absolute) or "/") else \
            os.path.normpath(absolute)
        if glob and text.endswith(("*", "/*", ".*")) and head.endswith("/"):
            path = path.rstrip("/") + "/*"
        under = lambda root: path == root or path.startswith(root.rstrip("/") + "/")  # noqa: E731
        plain = path[:-2] if path.endswith("/*") else path
        in_project = under(self.root)
        temp_roots = {os.path.realpath(t) for t in (*_TEMP_ROOTS, self.tmp)} | set(_TEMP_ROOTS)
        in_temp = any(plain != t and under(t) and not (path.endswith("/*") and plain == t) for t in temp_roots)
        is_temp_root = any(plain == t for t in temp_roots)
        is_home = plain == self.home
        in_home = under(self.home) and not in_project
        system = any(under(r) for r in _SYSTEM_ROOTS) and not in_temp and not is_temp_root
        is_root_like = plain in ("/", self.home, self.root) or plain in _SYSTEM_ROOTS or plain == \
            os.path.dirname(self.home) or (glob and plain in ("/", self.home))
        base_name = os.path.basename(plain)
        rel_home = os.path.relpath(plain, self.home) if in_home or is_home else ""
        secret = _is_secret(base_name, plain, rel_home)
        persistence = (in_home and (base_name in _RC_NAMES and os.path.dirname(plain) in (
            self.home, os.path.join(self.home, ".ssh"), os.path.join(self.home, ".config", "fish"))
            or any(rel_home == d or rel_home.startswith(d + "/") for d in _PERSIST_HOME))) \
            or any(under(d) for d in _PERSIST_DIRS)
        rel_proj = os.path.relpath(plain, self.root) if in_project else ""
        ci = in_project and any(fnmatch(rel_proj, p) for p in _CI_PATTERNS)
        git_internal = in_project and (rel_proj == ".git" or rel_proj.startswith(".git/"))
        if git_internal and (rel_proj.startswith(".git/hooks") or rel_proj == ".git/config"):
            persistence = True
        device = plain.startswith("/dev/") and plain not in ("/dev/null", "/dev/stdout", "/dev/stderr",
                                                             "/dev/stdin", "/dev/tty", "/dev/zero",
                                                             "/dev/urandom", "/dev/random", "/dev/fd/0",
                                                             "/dev/fd/1", "/dev/fd/2")
        return PathInfo(raw, path, in_project, in_temp, is_temp_root, in_home, is_home, is_root_like, system,
                        secret, persistence, ci, git_internal, dynamic, device)


def _is_secret(name: str, path: str, rel_home: str) -> bool:
    if any(fnmatch(name, p) for p in _NOT_SECRET):
        return False
    if any(path == s or path.startswith(s + "/") for s in _SYSTEM_SECRETS):
        return True
    parts = path.split("/")
    if any(d in parts for d in (".ssh", ".aws", ".gnupg", ".azure", ".kube", ".docker", ".password-store")) and \
            name not in _SSH_HARMLESS and not name.endswith(".pub"):
        return True
    if rel_home:
        for d in _SECRET_HOME_DIRS:
            if rel_home == d or rel_home.startswith(d + "/"):
                if d == ".ssh" and name in _SSH_HARMLESS:
                    return False
                return True
        if name.endswith(("_history", ".history")) or name in (".bash_history", ".zsh_history", ".python_history",
                                                               ".psql_history", ".mysql_history", ".lesshst",
                                                               ".viminfo"):
            return True
    if name.startswith("id_") and not name.endswith(".pub") and "/.ssh" in path:
        return True
    return any(fnmatch(name, p) for p in _SECRET_NAMES if not p.startswith("id_"))


def is_secret_name(name: str) -> bool:
    """Does a bare file name (or find -name pattern) look like a credential file?"""
    name = name.strip("*")
    if not name or any(fnmatch(name, p) for p in _NOT_SECRET):
        return False
    if name in (".ssh", ".aws", ".gnupg", ".azure", ".kube", ".docker", ".password-store", "Cookies", "Keychains"):
        return True
    return any(fnmatch(name, p) for p in _SECRET_NAMES if not p.startswith("id_")) or name.startswith("id_rsa") or \
        name.startswith("id_ed25519") or name.startswith("id_ecdsa") or "token" in name.lower()
