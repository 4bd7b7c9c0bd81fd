"""Stand-in for the get-pip.py script ansible-test downloads to put pip into the empty venvs it creates.

ansible-test fetches that script from ci-files.testing.ansible.com, a host outside the package index that test
machines may not reach. It first looks in its cache (~/.ansible/test/cache/get_pip_<version>.py), where
test/ansible/sanity.test.ts puts this file. Like the real script it is run as __main__ with pip install
arguments (the pinned pip and options). The real script carries a pip of its own; this one takes the pip wheel
the standard library bundles for ensurepip, runs pip from it (as ensurepip itself does) and installs what was
asked for from the package index. Where that wheel is missing (Debian moves it), it runs ensurepip first.
"""
import glob
import os
import subprocess
import sys

import ensurepip


def main():
    # --no-setuptools and --no-wheel are the real script's own switches, not pip's: like it, install only pip.
    args = ["install", "--upgrade"] + [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
    wheels = sorted(glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl")))
    if wheels:
        sys.path.insert(0, wheels[-1])
        from pip._internal.cli.main import main as pip_main  # pylint: disable=import-outside-toplevel

        sys.exit(pip_main(args))
    # In a child: ensurepip points PIP_CONFIG_FILE at /dev/null in its own process, which would hide the
    # machine's pip configuration (index, certificates) from the install below.
    if subprocess.call([sys.executable, "-m", "ensurepip", "--upgrade"]) != 0:
        sys.exit(1)
    pip = [sys.executable, "-m", "pip"]
    # ensurepip of Python < 3.12 also installs setuptools; leave the venv as bare as the real script would.
    subprocess.call(pip + ["uninstall", "--yes", "--quiet", "setuptools"])
    sys.exit(subprocess.call(pip + args))


if __name__ == "__main__":
    main()
