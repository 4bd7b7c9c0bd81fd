#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: milestone_release
short_description: Create or update the Gitea/GitHub release for a milestone tag
version_added: 0.1.0
description:
  - Runs C(mxops milestone-release) in a git checkout. The release title is the annotated tag's subject; the notes are
    its body, the commits since the previous tag matching I(pattern), and the closed issues of a milestone with the
    same name.
  - Idempotent. An existing release for the tag is updated only when title or notes differ, so C(changed) is true
    only when a release was created or updated (or a milestone closed).
  - In check mode the CLI runs with C(--dry-run) and C(changed) says whether a release would be created or updated
    (or the milestone closed). In diff mode the release title and notes are returned as before/after (before is
    empty for a new release).
author:
  - mxops contributors (@mxops)
extends_documentation_fragment:
  - mxops.matrix.mxops
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    platforms: posix
options:
  tag:
    description:
      - The milestone tag. Without it the CLI takes the tag from C(GITHUB_REF) in its environment.
    type: str
  pattern:
    description:
      - Glob the tag must match (as the workflow trigger), also used to find the previous milestone tag.
        The CLI's default (C(m*-*-complete)) when not set.
    type: str
  repo:
    description:
      - The forge repository as C(owner/name) (default from C(GITHUB_REPOSITORY) or the C(origin) remote).
    type: str
  api_url:
    description:
      - Base URL of the forge API, for example C(https://git.example.org/api/v1) for Gitea
        (default from C(GITHUB_API_URL) or C(GITHUB_SERVER_URL)).
    type: str
  close_milestone:
    description:
      - Close the milestone named like the tag after the release is made.
    type: bool
    default: false
  draft:
    description:
      - Create the release as a draft.
    type: bool
    default: false
  prerelease:
    description:
      - Mark the release as a pre-release.
    type: bool
    default: false
  forge:
    description:
      - The kind of forge; detected when not set (Gitea when C(GITEA_ACTIONS=true) or the API answers as Gitea).
    type: str
    choices: [gitea, github]
  milestone:
    description:
      - Title of the milestone whose closed issues go into the notes (and which I(close_milestone) closes);
        matched from the tag when not set.
    type: str
  checkout:
    description:
      - The git checkout to read tags and history from (C(--dir)); default I(chdir) or the module's working directory.
    type: path
  token:
    description:
      - API token with write access to releases, passed as C(GITEA_TOKEN) and C(GITHUB_TOKEN) in the CLI's
        environment (the CLI uses the one for the forge it talks to).
    type: str
'''

EXAMPLES = r'''
- name: Publish the release for a milestone tag on Gitea
  mxops.matrix.milestone_release:
    chdir: /srv/gitops
    tag: m3-turn-complete
    repo: ops/gitops
    api_url: https://git.example.org/api/v1
    token: "{{ vault_gitea_token }}"
    close_milestone: true

- name: Preview the notes without touching the forge
  mxops.matrix.milestone_release:
    chdir: /srv/gitops
    tag: m3-turn-complete
    repo: ops/gitops
    api_url: https://git.example.org/api/v1
    token: "{{ vault_gitea_token }}"
  check_mode: true
  diff: true
  register: preview
'''

RETURN = r'''
report:
  description: The CLI's whole JSON report. C(report.results) describes the release (tag, title, notes, id and URL,
    and whether it was created, updated or left unchanged).
  returned: success or when failing on findings
  type: dict
release_url:
  description: Web URL of the release (absent in check mode when it does not exist yet).
  returned: when the release exists
  type: str
release_action:
  description: What happened to the release, or in check mode what would.
  returned: success
  type: str
  sample: created
  choices: [created, updated, unchanged, would-create, would-update]
release_id:
  description: Id of the release on the forge.
  returned: when the release exists
  type: int
findings:
  description: Notes about the run (for example that the tag message came from the API because the checkout
    had no annotated tag).
  returned: success or when failing on findings
  type: list
  elements: dict
counts:
  description: Number of findings per severity.
  returned: success or when failing on findings
  type: dict
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

TASK = "milestone-release"

ARGUMENT_SPEC = mxops_argument_spec(
    tag=dict(type="str"),
    pattern=dict(type="str"),
    repo=dict(type="str"),
    api_url=dict(type="str"),
    close_milestone=dict(type="bool", default=False),
    draft=dict(type="bool", default=False),
    prerelease=dict(type="bool", default=False),
    forge=dict(type="str", choices=["gitea", "github"]),
    milestone=dict(type="str"),
    checkout=dict(type="path"),
    token=dict(type="str", no_log=True),
)

OPTION_FLAGS = [
    ("tag", "--tag"),
    ("pattern", "--pattern"),
    ("repo", "--repo"),
    ("api_url", "--api-url"),
    ("close_milestone", "--close-milestone"),
    ("draft", "--draft"),
    ("prerelease", "--prerelease"),
    ("forge", "--forge"),
    ("milestone", "--milestone"),
    ("checkout", "--dir"),
]

SECRET_ENV = [("token", "GITEA_TOKEN"), ("token", "GITHUB_TOKEN")]


# Release actions (results.release.action) that mean something changed, or in a dry run would change.
CHANGING = ("created", "updated", "would-create", "would-update")


def _text(title, body):
    """A release as diffable text: title line, blank line, notes."""
    return "%s\n\n%s\n" % (title or "", (body or "").rstrip("\n"))


def release_diff(tag, release):
    """before/after for diff mode, or None when the old text is not known.

    The CLI reports the new title/body; the old one is known to be empty for a (would-)create, identical when
    unchanged, and taken from ``release.previous`` when the CLI reports it for an update.
    """
    after = _text(release.get("title"), release.get("body"))
    action = release.get("action")
    if action in ("created", "would-create"):
        before = ""
    elif action == "unchanged":
        before = after
    elif isinstance(release.get("previous"), dict):
        before = _text(release["previous"].get("title"), release["previous"].get("body"))
    else:
        return None
    return dict(before=before, after=after, before_header="release %s" % tag, after_header="release %s" % tag)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    options = option_args(params, OPTION_FLAGS)
    if module.check_mode:
        options.append("--dry-run")
    rc, report, cmd = run_mxops(module, TASK, options=options, env=secret_env(params, SECRET_ENV))
    results = report.get("results") if isinstance(report.get("results"), dict) else {}
    release = results.get("release") if isinstance(results.get("release"), dict) else {}
    milestone = results.get("milestone") if isinstance(results.get("milestone"), dict) else {}
    if module.check_mode:
        # A dry run reports changed=false (nothing was changed); check mode wants what *would* change.
        changed = release.get("action") in CHANGING or milestone.get("action") == "would-close"
    else:
        changed = report.get("changed") is True
    extra = {}
    if release.get("url"):
        extra["release_url"] = release["url"]
    if release.get("id") is not None:
        extra["release_id"] = release["id"]
    if release.get("action"):
        extra["release_action"] = release["action"]
    diff = release_diff(results.get("tag") or params.get("tag"), release) if release else None
    finish(module, TASK, rc, report, cmd, changed=changed, diff=diff, extra=extra)


if __name__ == "__main__":
    main()
