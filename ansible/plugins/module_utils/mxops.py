# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# Apache License 2.0 (see LICENSE in the mxops repository)
"""The one runner every mxops module goes through.

It finds the mxops CLI, runs ``mxops <task> ... --format json`` with an argv built only from
non-secret module parameters (secrets travel in the child's environment), parses the JSON report
(``{tool, version, task, root?, findings[], counts{error,warning,info}, changed?, results?}``) and maps
the CLI's exit codes: 0 clean, 1 findings at/over ``fail_on`` (module fails, findings returned),
2 usage/input error (``fail_json`` with the CLI's one-line message).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

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


def mxops_argument_spec(**task_options):
    """Common options plus the module's own (the module's win on a name clash)."""
    spec = dict((k, dict(v)) for k, v in COMMON_ARGUMENT_SPEC.items())
    spec.update(task_options)
    return spec


def find_cli(module):
    """The argv prefix that starts the CLI.

    ``mxops_path`` may name an executable or a ``.js``/``.mjs``/``.cjs`` file (run with node); without it,
    ``mxops`` on PATH, else ``npx --yes mxops``. Fails the module when none can be found.
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
    npx = module.get_bin_path("npx")
    if npx:
        return [npx, "--yes", "mxops"]
    module.fail_json(msg="mxops not found: install it (npm i -g mxops) or set mxops_path")


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


def run_mxops(module, task, leading=None, options=None, positionals=None, env=None, data=None):
    """Run ``mxops <task> [leading...] [options...] --format json --fail-on F [-- positionals...]``.

    Returns ``(rc, report, cmd)`` for exit 0 or 1 with a well-formed report. Calls ``fail_json`` (never
    returns) for exit 2 (with the CLI's one-line message), any other exit code, or output that is not a
    mxops JSON report. ``env`` carries secrets; they never enter ``cmd``.
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
    rc, out, err = module.run_command(
        cmd, cwd=chdir, environ_update=environ, data=data,
        check_rc=False, expand_user_and_vars=False, ignore_invalid_cwd=False)
    if rc not in (0, 1):
        line = _last_line(err) or "mxops exited with code %d and no message" % rc
        module.fail_json(msg=line, rc=rc, cmd=cmd, stderr=err)
    # The CLI's own warnings (already redacted by it) become Ansible warnings.
    for line in (err or "").splitlines():
        if line.startswith(_WARNING_PREFIX) and line[len(_WARNING_PREFIX):].strip():
            module.warn(line[len(_WARNING_PREFIX):].strip())
    try:
        report = json.loads(out)
    except ValueError:
        module.fail_json(msg="mxops %s exited %d without a JSON report: %s" % (task, rc, _last_line(err) or _last_line(out)),
                         rc=rc, cmd=cmd, stderr=err)
    if not isinstance(report, dict) or report.get("tool") != "mxops" or not isinstance(report.get("findings"), list):
        module.fail_json(msg="mxops %s printed JSON that is not a mxops report" % task, rc=rc, cmd=cmd)
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
