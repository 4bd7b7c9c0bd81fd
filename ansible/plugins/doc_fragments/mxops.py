# -*- coding: utf-8 -*-
# Copyright: mxops contributors
# SPDX-License-Identifier: Apache-2.0

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Options shared by every mxops module (argument spec in module_utils/mxops.py COMMON_ARGUMENT_SPEC).
    DOCUMENTATION = r'''
options:
  mxops_path:
    description:
      - The mxops CLI to run. Either a command name looked up on C(PATH), a path to an executable, or a path
        to a C(.js)/C(.mjs)/C(.cjs) file (for example C(dist/cli.js) of a checkout), which is run with C(node).
      - A relative path is taken relative to I(chdir) when that is set.
      - When not set, C(mxops) must be on C(PATH); otherwise the task fails with C(mxops not found). The module never
        downloads or installs mxops.
    type: path
  fail_on:
    description:
      - The least severe finding that makes the task fail (passed to the CLI as C(--fail-on)).
      - The findings are returned whether or not the task fails; C(never) only reports them.
    type: str
    choices: [error, warning, info, never]
    default: error
  chdir:
    description:
      - Directory to run mxops in. Relative paths in other options are relative to it.
      - Defaults to the working directory of the module process.
    type: path
notes:
  - Secrets given as module options are passed to the CLI in its environment, never on its command line, and
    are marked C(no_log). Prefer them to the task's C(environment) keyword, whose values Ansible shows at C(-vvv).
  - Needs Node.js 20 or later on the managed host.
  - A CLI that cannot be found, cannot start or crashes (a signal, a Node.js stack trace, an exit without a JSON report)
    fails the task with a message saying which; findings fail it (at or above I(fail_on)) with the findings returned.
requirements:
  - node >= 20 and the mxops CLI on the managed host (C(mxops) on C(PATH), or given as I(mxops_path))
'''
