#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: sops_check
short_description: Check that every file that must be SOPS-encrypted is, and verify MACs with an age key
version_added: 0.1.0
description:
  - Runs C(mxops sops-check) on a GitOps repository and returns its findings.
  - A file must be encrypted when it matches a C(creation_rules) C(path_regex) of the nearest C(.sops.yaml),
    is a Kubernetes C(Secret) with C(data)/C(stringData), or already carries SOPS metadata. Plaintext values,
    broken metadata, rule or recipient drift and unencrypted Secrets are reported with file, line and key path.
  - With an age identity, values are decrypted in memory and the MAC is verified as sops does.
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
      - Files or directories to check, relative to I(chdir). A single directory becomes the scanned root (findings and
        Flux C(spec.path) are relative to it). The CLI checks C(.) when empty.
    type: list
    elements: path
    default: []
  changed:
    description:
      - A git revision range (for example C(origin/main...HEAD)); only files changed in it that still exist are checked.
    type: str
  config:
    description:
      - The C(.sops.yaml) to use instead of the one sops would find (nearest ancestor).
    type: path
  age_key_file:
    description:
      - An age identity file (like C(SOPS_AGE_KEY_FILE)); enables decryption and MAC verification.
    type: path
  age_key:
    description:
      - An age identity (C(AGE-SECRET-KEY-1...)), passed to the CLI as C(SOPS_AGE_KEY) in its environment.
    type: str
  age_key_passphrase:
    description:
      - Passphrase of a passphrase-protected I(age_key_file), passed as C(MXOPS_AGE_KEY_PASSPHRASE) in the CLI's
        environment.
    type: str
  max_file_size:
    description:
      - Skip (and report) files larger than this, for example C(512k) or C(8M) (the CLI's default when not set).
    type: str
'''

EXAMPLES = r'''
- name: Gate the GitOps checkout like the push workflow does
  mxops.matrix.sops_check:
    chdir: /srv/gitops
    changed: origin/main...HEAD

- name: Verify every MAC with the cluster's age key, report without failing
  mxops.matrix.sops_check:
    chdir: /srv/gitops
    paths: [apps, clusters]
    age_key: "{{ vault_sops_age_key }}"
    fail_on: never
  register: sops

- name: Show plaintext values
  ansible.builtin.debug:
    msg: "{{ sops.findings | selectattr('ruleId', 'equalto', 'sops/plaintext-value') | list }}"
'''

RETURN = r'''
findings:
  description: The findings of the run, most relevant first (file, line, column, rule id). Never holds secret values.
  returned: success or when failing on findings
  type: list
  elements: dict
  sample:
    - ruleId: sops/plaintext-value
      severity: error
      message: value at stringData.password is not encrypted
      file: apps/synapse/secret.yaml
      line: 9
      column: 13
      keyPath: stringData.password
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

TASK = "sops-check"

ARGUMENT_SPEC = mxops_argument_spec(
    paths=dict(type="list", elements="path", default=[]),
    changed=dict(type="str"),
    config=dict(type="path"),
    age_key_file=dict(type="path"),
    age_key=dict(type="str", no_log=True),
    age_key_passphrase=dict(type="str", no_log=True),
    max_file_size=dict(type="str"),
)

OPTION_FLAGS = [
    ("changed", "--changed"),
    ("config", "--config"),
    ("age_key_file", "--age-key-file"),
    ("max_file_size", "--max-file-size"),
]

SECRET_ENV = [("age_key", "SOPS_AGE_KEY"), ("age_key_passphrase", "MXOPS_AGE_KEY_PASSPHRASE")]


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
