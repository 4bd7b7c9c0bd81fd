#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: verify_config
short_description: Lint a Matrix GitOps repository offline and optionally probe the live stack
version_added: 0.1.0
description:
  - Runs C(mxops verify-config) and returns its findings.
  - Offline rules cover YAML, Kubernetes, Flux, the ESS C(matrix-stack) chart values, MAS, Synapse and Element Web
    configuration. With I(live=true) it also probes the running stack (well-known files, client and federation
    APIs, MAS discovery), optionally through I(resolve) overrides and an internal CA.
  - Read-only; never reports C(changed). Runs unchanged in check mode.
author:
  - mxops contributors (@mxops)
extends_documentation_fragment:
  - mxops.matrix.mxops
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  paths:
    description:
      - What to lint, relative to I(chdir). A single directory is the repository root (Flux paths resolve from it);
        several paths restrict the scan of I(chdir). The CLI lints C(.) when empty.
    type: list
    elements: path
    default: []
  changed:
    description:
      - A git revision range (for example C(origin/main...HEAD)); only files changed in it are linted.
    type: str
  age_key_file:
    description:
      - An age identity file to decrypt SOPS-encrypted values Secrets in memory (like C(SOPS_AGE_KEY_FILE)).
    type: path
  age_key:
    description:
      - An age identity (C(AGE-SECRET-KEY-1...)), passed to the CLI as C(SOPS_AGE_KEY) in its environment.
    type: str
  live:
    description:
      - Also probe the live stack over HTTPS.
    type: bool
    default: false
  server_name:
    description:
      - The Matrix server name to probe when I(live=true) (default taken from the repository).
    type: str
  resolve:
    description:
      - Resolve overrides for the live probes in curl's C(host:port:address) form.
    type: list
    elements: str
    default: []
  ca_file:
    description:
      - A PEM file with extra CA certificates (an internal CA) for the live probes; verification stays on.
    type: path
  timeout:
    description:
      - Per-request timeout of a live probe in milliseconds (the CLI's default when not set).
    type: int
  authentik_token:
    description:
      - Authentik API token for the live Authentik checks, passed as C(AUTHENTIK_TOKEN) in the CLI's environment.
    type: str
  chart_version:
    description:
      - C(matrix-stack) chart version to validate plain values files against (default the newest known schema).
    type: str
  max_file_size:
    description:
      - Skip (and report) files larger than this, for example C(512k) or C(8M) (the CLI's default when not set).
    type: str
  values:
    description:
      - Plain C(matrix-stack) values files as passed to C(helm install -f), merged in order, relative to the root.
    type: list
    elements: path
    default: []
'''

EXAMPLES = r'''
- name: Lint what the last push changed
  mxops.matrix.verify_config:
    chdir: /srv/gitops
    changed: "{{ before_sha }}..{{ after_sha }}"

- name: Lint the whole repo and probe the live stack through the ingress
  mxops.matrix.verify_config:
    chdir: /srv/gitops
    live: true
    server_name: example.org
    resolve:
      - matrix.example.org:443:10.0.0.10
    ca_file: /etc/ssl/internal-ca.pem
    fail_on: warning
'''

RETURN = r'''
findings:
  description: The findings of the run, most relevant first (file, line, column, rule id). Never holds secret values.
  returned: success or when failing on findings
  type: list
  elements: dict
  sample:
    - ruleId: ess/unknown-key
      severity: error
      message: matrixAuthenticationService.ingres is not a key of the matrix-stack chart values
      file: apps/matrix/helmrelease.yaml
      line: 21
      column: 7
      keyPath: spec.values.matrixAuthenticationService.ingres
report:
  description: The CLI's whole JSON report (C(tool), C(version), C(task), C(root), C(findings), C(counts), and for
    changing tasks C(changed) and C(results)), as documented in the mxops README.
  returned: success or when failing on findings
  type: dict
counts:
  description: Number of findings per severity.
  returned: success or when failing on findings
  type: dict
  sample: {error: 1, warning: 0, info: 0}
root:
  description: The scanned root as the CLI reports it.
  returned: when the CLI reports it
  type: str
version:
  description: Version of the mxops CLI that ran.
  returned: success or when failing on findings
  type: str
rc:
  description: Exit code of the CLI (0 clean, 1 findings at or above I(fail_on), 2 usage or input error).
  returned: when the CLI ran
  type: int
cmd:
  description: The command that ran (it never contains secrets).
  returned: when the CLI ran
  type: list
  elements: str
msg:
  description: Counts, and when failing the first findings at or above I(fail_on); or the CLI's error line.
  returned: always
  type: str
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.mxops.matrix.plugins.module_utils.mxops import (
    finish,
    mxops_argument_spec,
    option_args,
    run_mxops,
    secret_env,
)

TASK = "verify-config"

ARGUMENT_SPEC = mxops_argument_spec(
    paths=dict(type="list", elements="path", default=[]),
    changed=dict(type="str"),
    age_key_file=dict(type="path"),
    age_key=dict(type="str", no_log=True),
    live=dict(type="bool", default=False),
    server_name=dict(type="str"),
    resolve=dict(type="list", elements="str", default=[]),
    ca_file=dict(type="path"),
    timeout=dict(type="int"),
    authentik_token=dict(type="str", no_log=True),
    chart_version=dict(type="str"),
    values=dict(type="list", elements="path", default=[]),
    max_file_size=dict(type="str"),
)

OPTION_FLAGS = [
    ("changed", "--changed"),
    ("age_key_file", "--age-key-file"),
    ("live", "--live"),
    ("server_name", "--server-name"),
    ("resolve", "--resolve"),
    ("ca_file", "--ca-file"),
    ("timeout", "--timeout"),
    ("chart_version", "--chart-version"),
    ("values", "--values"),
    ("max_file_size", "--max-file-size"),
]

SECRET_ENV = [("age_key", "SOPS_AGE_KEY"), ("authentik_token", "AUTHENTIK_TOKEN")]


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    rc, report, cmd = run_mxops(
        module, TASK,
        options=option_args(params, OPTION_FLAGS),
        positionals=params["paths"],
        env=secret_env(params, SECRET_ENV),
    )
    finish(module, TASK, rc, report, cmd, changed=False)


if __name__ == "__main__":
    main()
