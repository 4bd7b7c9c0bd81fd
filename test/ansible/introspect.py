"""Print each module's ARGUMENT_SPEC, OPTION_FLAGS and SECRET_ENV as JSON, imported through Ansible's
collection loader, so tests can compare them with ansible-doc and with the CLI's task specs.

usage: python3 introspect.py <collections dir> <namespace.name> <module>...
"""
import importlib
import json
import sys

from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

_AnsibleCollectionFinder(paths=[sys.argv[1]])._install()
fqcn = sys.argv[2]
out = {}
for name in sys.argv[3:]:
    mod = importlib.import_module("ansible_collections.%s.plugins.modules.%s" % (fqcn, name))
    out[name] = dict(
        task=mod.TASK,
        argument_spec=mod.ARGUMENT_SPEC,
        option_flags=getattr(mod, "OPTION_FLAGS", []),
        secret_env=getattr(mod, "SECRET_ENV", []),
    )
print(json.dumps(out))
