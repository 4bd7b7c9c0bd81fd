# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0
"""The one runner every mxops module goes through.

It finds the mxops CLI, runs ``mxops <task> ... --format json`` with an argv built only from
non-secret module parameters (secrets travel in the child's environment), parses the JSON report
(``{tool, version, task, root?, findings[], counts{error,warning,info}, changed?, results?}``) and maps
the CLI's exit codes: 0 clean, 1 findings at/over ``fail_on`` (module fails, findings returned),
2 usage/input error (``fail_json`` with the CLI's one-line message). A CLI that is missing, cannot start or
crashes fails the module with a message saying so. It never downloads anything.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import signal

FAIL_ON_CHOICES = ["error", "warning", "info", "never"]

# Options every module accepts; documented once in plugins/doc_fragments/mxops.py.
COMMON_ARGUMENT_SPEC = dict(
    mxops_path=dict(type="path"),
    fail_on=dict(type="str", default="error", choices=FAIL_ON_CHOICES),
    chdir=dict(type="path"),
)

_SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs")
_SEVERITIES = ["error", "warning", "info"]
_MAX_FINDINGS_IN_MSG = 3
_WARNING_PREFIX = "mxops: warning: "
_CLI_PREFIX = "mxops: "
_QUIET_PREFIXES = ("mxops: warning:", "mxops: debug:")
# A frame line of a Node.js stack trace ("    at main (file:///.../cli.js:10:5)").
_STACK_FRAME = re.compile(r"^\s+at \S")
# Exit codes of a shell or `env` that could not find or run the program (e.g. `#!/usr/bin/env node` without node).
_NOT_STARTED = (126, 127)

NOT_FOUND = "mxops not found: install it or set mxops_path"


def mxops_argument_spec(**task_options):
    """Common options plus the module's own (the module's win on a name clash)."""
    spec = dict((k, dict(v)) for k, v in COMMON_ARGUMENT_SPEC.items())
    spec.update(task_options)
    return spec


def find_cli(module):
    """The argv prefix that starts the CLI.

    ``mxops_path`` may name an executable or a ``.js``/``.mjs``/``.cjs`` file (run with node); without it,
    ``mxops`` on PATH. Nothing is ever fetched: without a CLI the module fails and says how to provide one.
    """
    path = module.params.get("mxops_path")
    if path:
        if os.sep not in path and not path.endswith(_SCRIPT_SUFFIXES):
            found = module.get_bin_path(path)
            if not found:
                module.fail_json(msg="mxops_path %s: not found on PATH" % path)
            return [found]
        if not os.path.isabs(path) and module.params.get("chdir"):
            path = os.path.join(module.params["chdir"], path)
        if not os.path.exists(path):
            module.fail_json(msg="mxops_path %s: no such file" % path)
        if path.endswith(_SCRIPT_SUFFIXES):
            node = module.get_bin_path("node")
            if not node:
                module.fail_json(msg="mxops_path %s is a script but node is not on PATH" % path)
            return [node, path]
        if not os.access(path, os.X_OK):
            module.fail_json(msg="mxops_path %s: not executable" % path)
        return [path]
    found = module.get_bin_path("mxops")
    if found:
        return [found]
    # Never `npx --yes mxops`: it would fetch and run whatever the registry serves under that name.
    module.fail_json(msg=NOT_FOUND)


def option_args(params, mapping):
    """CLI options from module params.

    ``mapping`` is a list of ``(param, flag)``: ``True`` booleans become the bare flag, lists repeat the flag,
    other values become ``flag=value`` (one argument, so a value starting with ``-`` is never taken for an
    option); ``None``/``False``/empty lists are left out.
    """
    args = []
    for param, flag in mapping:
        value = params.get(param)
        if value is None or value is False:
            continue
        if value is True:
            args.append(flag)
        elif isinstance(value, (list, tuple)):
            args.extend("%s=%s" % (flag, item) for item in value)
        else:
            args.append("%s=%s" % (flag, value))
    return args


def secret_env(params, mapping):
    """Environment for the CLI from secret params: ``mapping`` is a list of ``(param, ENV_NAME)``."""
    env = {}
    for param, name in mapping:
        value = params.get(param)
        if value is not None and value != "":
            env[name] = str(value)
    return env


def _last_line(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _finding_line(finding):
    where = finding.get("file") or ""
    if where and finding.get("line"):
        where += ":%s" % finding["line"]
        if finding.get("column"):
            where += ":%s" % finding["column"]
    head = "%s %s" % (finding.get("severity", "?"), finding.get("ruleId", "?"))
    return "%s%s: %s" % (head, " " + where if where else "", finding.get("message", ""))


def summary(task, report, fail_on, failed):
    """One line for ``msg``: counts, and when failing the first findings at/over ``fail_on``."""
    counts = report.get("counts") or {}
    text = "mxops %s: %d error(s), %d warning(s), %d info" % (
        task, counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0))
    if not failed:
        return text
    limit = _SEVERITIES.index(fail_on) if fail_on in _SEVERITIES else -1
    worst = [f for f in report.get("findings") or []
             if f.get("severity") in _SEVERITIES and _SEVERITIES.index(f["severity"]) <= limit]
    text += " at or above fail_on=%s" % fail_on
    if worst:
        text += "; " + "; ".join(_finding_line(f) for f in worst[:_MAX_FINDINGS_IN_MSG])
        if len(worst) > _MAX_FINDINGS_IN_MSG:
            text += "; ... %d more" % (len(worst) - _MAX_FINDINGS_IN_MSG)
    return text


def would_change(results):
    """True when a dry run's ``results`` name an action it would take.

    The CLI reports ``changed: false`` for a dry run (nothing changed) and marks what it would do with
    ``action`` values starting with ``would-`` (``would-create``, ``would-revoke``, ...), at any depth.
    """
    if isinstance(results, dict):
        action = results.get("action")
        if isinstance(action, str) and action.startswith("would-"):
            return True
        return any(would_change(v) for v in results.values())
    if isinstance(results, list):
        return any(would_change(v) for v in results)
    return False


def _parse_report(out):
    """The mxops JSON report on stdout, or None when stdout is not one."""
    try:
        report = json.loads(out)
    except ValueError:
        return None
    if not isinstance(report, dict) or report.get("tool") != "mxops" or not isinstance(report.get("findings"), list):
        return None
    return report


def _crash_line(err):
    """The error line of a Node.js stack trace on stderr (the line above the first frame), or None."""
    lines = (err or "").splitlines()
    for i, line in enumerate(lines):
        if _STACK_FRAME.match(line):
            above = [x.strip() for x in lines[:i] if x.strip()]
            return above[-1] if above else line.strip()
    return None


def _error_line(err):
    """The CLI's error line for exit 2: its last ``mxops: ...`` line that is not a warning, else the last line."""
    lines = [line.strip() for line in (err or "").splitlines() if line.strip()]
    own = [line for line in lines if line.startswith(_CLI_PREFIX) and not line.startswith(_QUIET_PREFIXES)]
    return own[-1] if own else (lines[-1] if lines else "")


def _signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number


def outcome(task, rc, out, err):
    """Classify a finished CLI run: ``(report, None)`` for a report to act on, else ``(None, msg)``.

    Kept apart so each kind of failure has its own message: a report with exit 0 or 1 (clean or findings), a
    usage or input error (exit 2, the CLI's one line), a CLI that could not start (exit 126/127 from the shell
    or ``env``), a crash (a signal, a Node.js stack trace, exit 1 without a report, any other exit code) and output
    that is not a mxops report at all (exit 0 without one, e.g. ``mxops_path`` naming another program).
    """
    if rc < 0:
        return None, "mxops %s crashed: killed by %s" % (task, _signal_name(-rc))
    report = _parse_report(out)
    trace = _crash_line(err)
    if report is not None and rc in (0, 1):
        return report, None
    if rc == 2 and trace is None:
        return None, _error_line(err) or "mxops %s: usage or input error (exit code 2) without a message" % task
    if rc in _NOT_STARTED and trace is None:
        return None, "mxops could not be started (exit code %d): %s" % (rc, _last_line(err) or "no message")
    if trace is not None:
        return None, "mxops %s crashed (exit code %d): %s" % (task, rc, trace)
    if rc == 0:
        return None, "mxops %s exited 0 but printed no mxops JSON report; is mxops_path the mxops CLI?" % task
    # Exit 1 is also what Node.js uses for an uncaught error: without a report it is not findings.
    detail = " (exit code 1, no report)" if rc == 1 else " (exit code %d)" % rc
    return None, "mxops %s crashed%s: %s" % (task, detail, _last_line(err) or "no message")


def run_mxops(module, task, leading=None, options=None, positionals=None, env=None, data=None):
    """Run ``mxops <task> [leading...] [options...] --format json --fail-on F [-- positionals...]``.

    Returns ``(rc, report, cmd)`` for exit 0 or 1 with a well-formed report. Calls ``fail_json`` (never
    returns) for everything else, with a message that says which kind of failure it was (see ``outcome``).
    ``env`` carries secrets; they never enter ``cmd``.
    """
    chdir = module.params.get("chdir")
    if chdir and not os.path.isdir(chdir):
        # run_command would silently run elsewhere: a check of the wrong directory must not pass as clean.
        module.fail_json(msg="chdir %s: not a directory" % chdir)
    cmd = find_cli(module) + [task] + list(leading or []) + list(options or [])
    cmd += ["--format", "json", "--fail-on", module.params["fail_on"]]
    if positionals:
        # `--` so a path or id that starts with "-" is never read as an option.
        cmd += ["--"] + [str(p) for p in positionals]
    environ = {"NO_COLOR": "1"}
    environ.update(env or {})
    try:
        rc, out, err = module.run_command(
            cmd, cwd=chdir, environ_update=environ, data=data,
            check_rc=False, expand_user_and_vars=False, ignore_invalid_cwd=False, handle_exceptions=False)
    except OSError as e:
        module.fail_json(msg="mxops could not be started: %s: %s" % (cmd[0], e.strerror or e), cmd=cmd)
    report, failure = outcome(task, rc, out, err)
    if failure is not None:
        module.fail_json(msg=failure, rc=rc, cmd=cmd, stderr=err)
    # The CLI's own warnings (already redacted by it) become Ansible warnings.
    for line in (err or "").splitlines():
        if line.startswith(_WARNING_PREFIX) and line[len(_WARNING_PREFIX):].strip():
            module.warn(line[len(_WARNING_PREFIX):].strip())
    return rc, report, cmd


def finish(module, task, rc, report, cmd, changed=False, diff=None, extra=None):
    """Exit the module from a report: failed when the CLI exited 1 (findings at/over ``fail_on``)."""
    failed = rc == 1
    result = dict(
        changed=bool(changed),
        rc=rc,
        cmd=cmd,
        findings=report.get("findings", []),
        counts=report.get("counts", {}),
        version=report.get("version"),
        msg=summary(task, report, module.params["fail_on"], failed),
    )
    if "root" in report:
        result["root"] = report["root"]
    # The whole report under `report`: a top-level `results` key would be taken for loop results by Ansible.
    result["report"] = report
    if diff is not None and module._diff:
        result["diff"] = diff
    result.update(extra or {})
    if failed:
        module.fail_json(**result)
    module.exit_json(**result)
