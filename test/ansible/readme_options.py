"""Render the README's Ansible option tables from `ansible-doc --json` output (stdin), so the README can be
regenerated when module options change; test/ansible/contract.test.ts checks the README against ansible-doc.

usage: ansible-doc -t module --json <fqcn>.sops_check ... | python3 readme_options.py <fqcn> [README.md]
With a README path, the tables replace what is between the ansible-options start/end markers in it.
"""
import json
import re
import sys

COMMON = ["mxops_path", "fail_on", "chdir"]
MODULES = ["sops_check", "verify_config", "invite", "milestone_release"]
HEADER = "| option | type | default | choices | description |\n|---|---|---|---|---|"


def type_of(o):
    t = o.get("type", "str")
    return "list of %s" % o.get("elements", "str") if t == "list" else t


def default_of(o):
    v = o.get("default")
    if v is None:
        return "—"
    if isinstance(v, str):
        return "`%s`" % v
    return "`%s`" % json.dumps(v)


def choices_of(o):
    return ", ".join("`%s`" % c for c in o.get("choices") or [])


def markup(text):
    # Ansible's C(x)/I(x) to markdown code.
    return re.sub(r"[CI]\(([^)]*)\)", r"`\1`", text)


def row(name, o):
    desc = o["description"][0] if isinstance(o["description"], list) else o["description"]
    return "| `%s` | %s | %s | %s | %s |" % (name, type_of(o), default_of(o), choices_of(o), markup(desc))


def main():
    fqcn = sys.argv[1]
    docs = json.load(sys.stdin)
    first = docs["%s.%s" % (fqcn, MODULES[0])]["doc"]["options"]
    out = ["Common options (every module):", "", HEADER] + [row(n, first[n]) for n in COMMON]
    for m in MODULES:
        doc = docs["%s.%s" % (fqcn, m)]["doc"]
        out += ["", "#### `%s.%s`" % (fqcn, m), "", markup(doc["short_description"]) + ".", "", HEADER]
        out += [row(n, o) for n, o in sorted(doc["options"].items()) if n not in COMMON]
    text = "\n".join(out)
    if len(sys.argv) < 3:
        print(text)
        return
    with open(sys.argv[2]) as f:
        readme = f.read()
    start, end = "<!-- ansible-options:start -->\n", "<!-- ansible-options:end -->"
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    with open(sys.argv[2], "w") as f:
        f.write(head + start + text + "\n" + end + tail)


if __name__ == "__main__":
    main()
