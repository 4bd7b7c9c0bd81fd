"""Stdout callback for the test suite: the result of every task per host as one JSON document.

ansible-core ships no machine-readable stdout callback (the json one lives in the ansible.posix collection,
which the pinned test venv does not have), so test/ansible/harness.ts loads this one through
ANSIBLE_CALLBACK_PLUGINS. It prints, when the playbook ends,
``{"custom_stats": {}, "plays": [{"play": {"name"}, "tasks": [{"task": {"name"}, "hosts": {host: result}}]}]}``
where a result is what the module returned (no_log values already masked by Ansible, internal keys dropped),
with ``failed``/``skipped``/``unreachable`` set as Ansible saw them and ``warnings`` as plain messages.
"""

from __future__ import annotations

import json

from ansible.plugins.callback import CallbackBase
from ansible.vars.clean import module_response_deepcopy, strip_internal_keys

DOCUMENTATION = r"""
name: mxops_results
type: stdout
short_description: every task result per host as one JSON document (mxops test suite)
description:
  - Prints one JSON document with each task's result per host when the playbook ends.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "mxops_results"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plays = []

    def v2_playbook_on_play_start(self, play):
        self._plays.append({"play": {"name": play.get_name()}, "tasks": []})

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._plays[-1]["tasks"].append({"task": {"name": task.get_name()}, "hosts": {}})

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def _record(self, result, **flags):
        data = strip_internal_keys(module_response_deepcopy(dict(result.result)))
        for key in ("warnings", "deprecations", "exception"):
            data.pop(key, None)
        warnings = [w.event.msg for w in result.warnings]
        if warnings:
            data["warnings"] = warnings
        data.update(flags)
        self._plays[-1]["tasks"][-1]["hosts"][result.host.get_name()] = data

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, failed=True)

    def v2_runner_on_skipped(self, result):
        self._record(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        # str() for values the JSON encoder does not know (Ansible's tagged or lazy containers are dicts and lists).
        self._display.display(json.dumps({"custom_stats": {}, "plays": self._plays}, indent=2, default=str))
