#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: invite
short_description: Registration invites through the MAS Admin API or Authentik, mailed and audited
version_added: 0.1.0
description:
  - Runs C(mxops invite <command>). C(send) invites one person, C(batch) a CSV/YAML list; re-running for a
    recipient who already has a live invite does nothing, so the module is idempotent.
  - C(revoke), C(unrevoke) and C(extend) change an existing invite; C(list), C(status) and C(preflight) report;
    C(onboard) joins a registered user to the configured rooms.
  - Backend URLs, SMTP settings, link template and audit-log path come from the mxops config file (I(config));
    secrets come from the options below (or the CLI's inherited environment), never from the command line.
  - C(changed) is true only when the CLI reports a change - an invite created (or a stale one cleaned up),
    revoked, unrevoked or extended, a user joined to a room, or for C(status) the audit trail updated.
  - In check mode the CLI runs with C(--dry-run) (except C(list) and C(preflight), which only read) and C(changed)
    says what would change - for C(send), C(batch) and C(onboard) from the rows the dry run would act on; for
    C(revoke), C(unrevoke) and C(extend) whenever the target was found.
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
  command:
    description:
      - The invite command to run.
    type: str
    choices: [send, batch, list, status, revoke, unrevoke, extend, preflight, onboard]
    default: send
  email:
    description:
      - Recipient address (I(command=send)).
    type: str
  name:
    description:
      - Recipient display name used in the mail and pre-filled where the backend allows (I(command=send)).
    type: str
  username:
    description:
      - Desired username, pre-filled where the backend allows (Authentik C(fixed_data)) (I(command=send)).
    type: str
  backend:
    description:
      - Where the invite is created; the config file's default when not set.
    type: str
    choices: [mas, authentik]
  expires:
    description:
      - Lifetime of the invite such as C(7d) or C(12h) (I(command=send), I(command=batch), I(command=extend)).
    type: str
  uses:
    description:
      - How many registrations the invite allows (I(command=send), I(command=batch)).
    type: int
  lang:
    description:
      - Language of the mail, for example C(de) or C(en).
    type: str
  file:
    description:
      - The CSV or YAML list of recipients (I(command=batch)).
    type: path
  target:
    description:
      - The recipient's email or the invite id (I(command=revoke), I(command=unrevoke), I(command=extend);
        the last two with the MAS backend only), or the Matrix user id (I(command=onboard)).
    type: str
  list_status:
    description:
      - Only list invites in this state (I(command=list)).
    type: str
    choices: [pending, created, sent, used, expired, revoked, failed]
  resend:
    description:
      - Revoke a recipient's live invite and send a new one instead of leaving it alone.
    type: bool
    default: false
  concurrency:
    description:
      - How many rows are processed at once (I(command=batch), I(command=status)); the CLI's default when not set.
    type: int
  config:
    description:
      - The mxops config file (default C(mxops.yaml) in I(chdir)).
    type: path
  ca_file:
    description:
      - A PEM file with an extra CA (an internal CA) for MAS, Authentik, Synapse and SMTP; overrides C(ca_file) of
        the config file. TLS verification stays on.
    type: path
  mas_client_secret:
    description:
      - Client secret of the MAS admin client, passed as C(MXOPS_MAS_CLIENT_SECRET) in the CLI's environment.
    type: str
  authentik_token:
    description:
      - Authentik API token, passed as C(AUTHENTIK_TOKEN) in the CLI's environment.
    type: str
  smtp_password:
    description:
      - SMTP password, passed as C(MXOPS_SMTP_PASSWORD) in the CLI's environment.
    type: str
  synapse_admin_token:
    description:
      - Synapse admin access token for I(command=onboard), passed as C(MXOPS_SYNAPSE_ADMIN_TOKEN) in the CLI's
        environment.
    type: str
'''

EXAMPLES = r'''
- name: Invite one person through MAS
  mxops.matrix.invite:
    chdir: /srv/matrix-ops
    email: ada@example.org
    name: Ada
    lang: de
    expires: 7d
    mas_client_secret: "{{ vault_mas_admin_client_secret }}"
    smtp_password: "{{ vault_smtp_password }}"

- name: Invite a list of people (idempotent; only new recipients get a mail)
  mxops.matrix.invite:
    chdir: /srv/matrix-ops
    email: "{{ item.email }}"
    name: "{{ item.name }}"
    mas_client_secret: "{{ vault_mas_admin_client_secret }}"
    smtp_password: "{{ vault_smtp_password }}"
  loop: "{{ new_members }}"

- name: Can we invite right now?
  mxops.matrix.invite:
    command: preflight
    chdir: /srv/matrix-ops
    mas_client_secret: "{{ vault_mas_admin_client_secret }}"
    smtp_password: "{{ vault_smtp_password }}"

- name: Revoke an invite
  mxops.matrix.invite:
    command: revoke
    target: ada@example.org
    chdir: /srv/matrix-ops
    mas_client_secret: "{{ vault_mas_admin_client_secret }}"
'''

RETURN = r'''
report:
  description: The CLI's whole JSON report. C(report.results) says what the command did or found (per-recipient
    rows for C(send)/C(batch), the invites for C(list)/C(status), one row per check for C(preflight)); it never
    holds token text or secrets. C(report.changed) is what C(changed) is taken from.
  returned: success or when failing on findings
  type: dict
findings:
  description: Problems found (failed rows, failed preflight checks), as the CLI reports them.
  returned: success or when failing on findings
  type: list
  elements: dict
counts:
  description: Number of findings per severity.
  returned: success or when failing on findings
  type: dict
  sample: {error: 0, warning: 0, info: 1}
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
    would_change,
)

TASK = "invite"

ARGUMENT_SPEC = mxops_argument_spec(
    command=dict(type="str", default="send",
                 choices=["send", "batch", "list", "status", "revoke", "unrevoke", "extend", "preflight", "onboard"]),
    email=dict(type="str"),
    name=dict(type="str"),
    username=dict(type="str"),
    backend=dict(type="str", choices=["mas", "authentik"]),
    expires=dict(type="str"),
    uses=dict(type="int"),
    lang=dict(type="str"),
    file=dict(type="path"),
    target=dict(type="str"),
    list_status=dict(type="str", choices=["pending", "created", "sent", "used", "expired", "revoked", "failed"]),
    resend=dict(type="bool", default=False),
    concurrency=dict(type="int"),
    config=dict(type="path"),
    ca_file=dict(type="path"),
    mas_client_secret=dict(type="str", no_log=True),
    authentik_token=dict(type="str", no_log=True),
    smtp_password=dict(type="str", no_log=True),
    synapse_admin_token=dict(type="str", no_log=True),
)

REQUIRED_IF = [
    ("command", "send", ["email"]),
    ("command", "batch", ["file"]),
    ("command", "revoke", ["target"]),
    ("command", "unrevoke", ["target"]),
    ("command", "extend", ["target", "expires"]),
    ("command", "onboard", ["target"]),
]

OPTION_FLAGS = [
    ("email", "--email"),
    ("name", "--name"),
    ("username", "--username"),
    ("backend", "--backend"),
    ("expires", "--expires"),
    ("uses", "--uses"),
    ("lang", "--lang"),
    ("list_status", "--status"),
    ("resend", "--resend"),
    ("concurrency", "--concurrency"),
    ("config", "--config"),
    ("ca_file", "--ca-file"),
]

SECRET_ENV = [
    ("mas_client_secret", "MXOPS_MAS_CLIENT_SECRET"),
    ("authentik_token", "AUTHENTIK_TOKEN"),
    ("smtp_password", "MXOPS_SMTP_PASSWORD"),
    ("synapse_admin_token", "MXOPS_SYNAPSE_ADMIN_TOKEN"),
]

# Commands that only read; everything else runs with --dry-run in check mode.
READ_ONLY = ("list", "preflight")
# A dry run of these names its target and says what it would do, without marking it: predict a change.
TARGETED = ("revoke", "unrevoke", "extend")


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, required_if=REQUIRED_IF, supports_check_mode=True)
    params = module.params
    command = params["command"]
    options = option_args(params, OPTION_FLAGS)
    if module.check_mode and command not in READ_ONLY:
        options.append("--dry-run")
    positionals = []
    if command == "batch":
        positionals = [params["file"]]
    elif params["target"] is not None and command in ("revoke", "unrevoke", "extend", "onboard"):
        positionals = [params["target"]]
    rc, report, cmd = run_mxops(
        module, TASK,
        leading=[command],
        options=options,
        positionals=positionals,
        env=secret_env(params, SECRET_ENV),
    )
    if command in READ_ONLY:
        changed = False
    elif module.check_mode:
        # The CLI's dry run reports changed=false; rows/rooms it would touch carry a would-* action.
        changed = command in TARGETED or report.get("changed") is True or would_change(report.get("results"))
    else:
        changed = report.get("changed") is True
    finish(module, TASK, rc, report, cmd, changed=changed)


if __name__ == "__main__":
    main()
