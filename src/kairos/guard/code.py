"""Risk signals in program text: code run inline (``python -c``, ``node -e``,
a heredoc fed to an interpreter) or written into a file (Write / Edit).

It looks for the primitives that make code dangerous -- sending data out,
spawning shells, deleting files, touching credentials, watching the user,
damaging the system, persisting -- not for any particular payload. Shell
strings handed to ``os.system``/``subprocess``/``execSync`` are returned so the
shell analysis can judge them. It never runs or imports the code.
"""

from __future__ import annotations

import re

from kairos.guard._lazy import lazy_re
from kairos.guard.findings import ASK, DENY, LOCAL, REQUEST, Finding

__all__ = ["analyze_code", "shell_strings"]

_NET_SEND = lazy_re(
    r"requests\.(post|put|patch|delete)\b|\.(post|put|patch)\(\s*['\"]https?://|urlopen\([^)]*data=|"
    r"http\.client|socket\.socket|\.connect\(\(|smtplib|ftplib|paramiko|telnetlib|"
    r"axios\.(post|put|delete)|method:\s*['\"](POST|PUT|DELETE)|XMLHttpRequest|net\.(connect|createConnection)|"
    r"new\s+WebSocket|Net::HTTP\.post|LWP::UserAgent|IO::Socket|sendmail|dns\.resolver|open_connection|"
    r"start_server|create_connection|socketserver|websockets?\.|scapy", re.I)
_NET_FETCH = lazy_re(r"requests\.(get|head|Session)|urlopen\(|urllib\.request|\bfetch\(|https?\.get\(|"
                        r"httpx\.|aiohttp|Net::HTTP|open-uri|LWP::Simple|wget\b|curl\b")
_EXEC = lazy_re(r"\bsubprocess\b|multiprocessing|os\.(system|popen|exec\w*|spawn\w*)\(|pty\.spawn|child_process|execSync|"
                   r"spawnSync|\bexec(File)?\(|\beval\(|Runtime\.getRuntime|\bsystem\(|\bqx\{|%x\{|"
                   r"__import__\(|\bcompile\(.*exec|IO\.popen|Kernel\.(system|exec)|`[^`\n]+`")
_DELETE = lazy_re(r"shutil\.rmtree|os\.(remove|unlink|rmdir|removedirs)\(|\.unlink\(|rm_rf|FileUtils\.rm|"
                     r"fs\.(rm|rmSync|unlink|unlinkSync|rmdir|rmdirSync)\(|rimraf|\bunlink\(|File\.delete|"
                     r"shutil\.move\(\s*['\"]/")
_SECRET = lazy_re(r"\.ssh/|id_rsa|id_ed25519|\.aws/credentials|\.netrc|\.git-credentials|\.kube/config|"
                     r"dict\(os\.environ\)|os\.environ\.(items|copy)\(|os\.environ\)|process\.env\)|"
                     r"JSON\.stringify\(process\.env|\bENV\.to_h|getpass\.getpass|\bkeyring\b|cookiejar|"
                     r"browser_cookie|Login Data|/etc/shadow|/etc/passwd|\bwallet\b|\.gnupg|printenv", re.I)
_WATCH = lazy_re(r"pynput|\bkeyboard\.|pyperclip|ImageGrab|pyautogui|\bmss\b|cv2\.VideoCapture|sounddevice|"
                    r"pyaudio|psutil\.(net_connections|process_iter|net_if_addrs|virtual_memory|disk_partitions)|"
                    r"platform\.(system|version|uname|node)|getpass\.getuser|socket\.gethostname|uuid\.getnode|"
                    r"net_if_addrs|\bwmi\b|GetAsyncKeyState|clipboard", re.I)
_SYSTEM = lazy_re(r"os\.fork\(|/dev/sd[a-z]|/dev/nvme|/dev/disk|\bmkfs|\bdd\s+if=|\.terminate\(\)|os\.kill\(|"
                     r"SIGKILL|Fernet|\bAES\b|\.encrypt\(|ctypes|winreg|HKEY_|chmod\s+-?R?\s*777|os\.setuid|"
                     r"ipconfig|ifconfig\s+\w+\s+down|iptables|netsh|shutdown|reboot|while\s+True:\s*\n\s*os\.fork|"
                     r"xmrig|stratum\+tcp|\bminer\b|cryptonight|setrlimit|ptrace|/proc/\d+/mem|LD_PRELOAD|"
                     r"range\(\s*\d{3,}\s*\)[\s\S]{0,300}\.start\(\)|while\s+True:[\s\S]{0,200}(append|fork|Process)",
                     re.I)
_PERSIST = lazy_re(r"crontab|/etc/cron|\.bashrc|\.zshrc|\.profile|authorized_keys|LaunchAgents|"
                      r"systemd|/etc/rc\.local|\\Startup\\|CurrentVersion\\\\Run|\.git/hooks", re.I)
_TLS_OFF = lazy_re(r"verify\s*=\s*False|_create_unverified_context|CERT_NONE|NODE_TLS_REJECT_UNAUTHORIZED|"
                      r"rejectUnauthorized\s*:\s*false|InsecureSkipVerify|--insecure", re.I)
_SHELL_STR = lazy_re(
    r"(?:system|popen|call|run|Popen|check_output|check_call|getoutput|getstatusoutput|execSync|exec|spawnSync|"
    r"spawn)\(\s*(?:\[[^\]]*\]|[fbr]?(['\"])(.*?)\1)", re.S)
_HOST = lazy_re(r"(?:https?|ftp|wss?)://([A-Za-z0-9.-]+)")
_ABS_PATH_LIT = lazy_re(r"['\"](/(?!tmp/)[^'\"\s]*|~/[^'\"\s]*)['\"]")


def shell_strings(code: str) -> list[str]:
    """Literal shell commands handed to exec-style calls in ``code``."""
    return [m.group(2) for m in _SHELL_STR.finditer(code) if m.group(2)]


def analyze_code(code: str, *, running: bool) -> list[Finding]:
    """Findings for ``code``. ``running``: it executes now (``-c``, heredoc) rather than being written."""
    out: list[Finding] = []
    hosts = tuple(sorted(set(_HOST.findall(code))))
    net_send = bool(_NET_SEND.search(code))
    net_fetch = bool(_NET_FETCH.search(code))
    exec_ = bool(_EXEC.search(code))
    secret = bool(_SECRET.search(code))
    watch = bool(_WATCH.search(code))
    system = bool(_SYSTEM.search(code))
    persist = bool(_PERSIST.search(code))
    delete = bool(_DELETE.search(code))
    what = "runs" if running else "writes code that"
    if secret and (net_send or net_fetch):
        out.append(Finding("code.exfil", DENY, f"{what} reads credentials or the environment and talks to the "
                           "network", hosts=hosts, network=True))
    elif watch and (net_send or net_fetch):
        out.append(Finding("code.surveil-send", DENY, f"{what} collects system or user data and sends it out",
                           hosts=hosts, network=True))
    elif net_send:
        out.append(Finding("code.net-send", ASK if running else REQUEST, f"{what} sends data over the network",
                           intents=("send", "post", "upload", "webhook", "notify", "report", "submit", "email",
                                    "publish", "socket", "connect"), hosts=hosts, network=True))
    elif net_fetch:
        out.append(Finding("code.net-fetch", REQUEST if running else LOCAL, f"{what} fetches from the network",
                           intents=("fetch", "download", "request", "http", "api", "get"), hosts=hosts,
                           network=True))
    if secret and not (net_send or net_fetch):
        out.append(Finding("code.secret", ASK, f"{what} touches credentials or dumps the environment"))
    if watch and not (net_send or net_fetch):
        out.append(Finding("code.surveil", ASK, f"{what} enumerates the system, processes or user input"))
    if system:
        out.append(Finding("code.system", DENY if running else ASK, f"{what} can damage the system (fork, "
                           "raw disks, killing processes, encryption, registry, mining)"))
    if persist:
        out.append(Finding("code.persistence", ASK, f"{what} touches start-up files, cron or hooks"))
    if _TLS_OFF.search(code):
        out.append(Finding("code.tls-off", ASK, f"{what} disables TLS certificate checks"))
    if delete:
        abs_lits = [p for p in _ABS_PATH_LIT.findall(code) if not p.startswith(("/tmp", "/var/tmp"))]
        if abs_lits:
            out.append(Finding("code.delete-outside", DENY if running else ASK,
                               f"{what} deletes or moves files outside the project ({abs_lits[0]})"))
        else:
            out.append(Finding("code.delete", REQUEST, f"{what} deletes files",
                               intents=("delete", "remove", "clean", "clear", "purge", "wipe", "prune")))
    if exec_:
        out.append(Finding("code.exec", REQUEST if running else LOCAL, f"{what} spawns other programs",
                           intents=("run", "execute", "spawn", "subprocess", "shell", "command", "script")))
    return out
