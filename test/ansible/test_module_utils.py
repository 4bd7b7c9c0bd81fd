"""Unit tests of the runner's pure helpers (ansible/plugins/module_utils/mxops.py), run by module_utils.test.ts.

usage: python3 test/ansible/test_module_utils.py
"""
import importlib.util
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "..", "..", "ansible", "plugins", "module_utils", "mxops.py")
spec = importlib.util.spec_from_file_location("mxops_runner", PATH)
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)


def finding(sev, rule, msg, **kw):
    d = dict(severity=sev, ruleId=rule, message=msg)
    d.update(kw)
    return d


class OptionArgs(unittest.TestCase):
    def test_values_flags_lists_and_absent(self):
        params = dict(a="x", b=True, c=False, d=None, e=["1", "2"], f=[], g=0, h=3)
        mapping = [("a", "--a"), ("b", "--b"), ("c", "--c"), ("d", "--d"), ("e", "--e"), ("f", "--f"), ("g", "--g"), ("h", "--h")]
        self.assertEqual(runner.option_args(params, mapping), ["--a=x", "--b", "--e=1", "--e=2", "--g=0", "--h=3"])

    def test_values_starting_with_a_dash_stay_values(self):
        self.assertEqual(runner.option_args(dict(n="-Ada", r="a=b"), [("n", "--name"), ("r", "--range")]), ["--name=-Ada", "--range=a=b"])

    def test_secret_env_skips_unset_and_empty(self):
        env = runner.secret_env(dict(k="s3cret", e="", n=None), [("k", "K"), ("e", "E"), ("n", "N"), ("k", "K2")])
        self.assertEqual(env, {"K": "s3cret", "K2": "s3cret"})


class Summary(unittest.TestCase):
    report = dict(
        counts=dict(error=5, warning=1, info=2),
        findings=[finding("error", "a/x", "m%d" % i, file="f.yaml", line=i, column=2) for i in range(1, 6)]
        + [finding("warning", "a/w", "warn"), finding("info", "a/i", "note")],
    )

    def test_passing_is_counts_only(self):
        self.assertEqual(runner.summary("t", self.report, "error", False), "mxops t: 5 error(s), 1 warning(s), 2 info")

    def test_failing_names_three_and_counts_the_rest(self):
        text = runner.summary("t", self.report, "error", True)
        self.assertIn("at or above fail_on=error; error a/x f.yaml:1:2: m1; error a/x f.yaml:2:2: m2; error a/x f.yaml:3:2: m3; ... 2 more", text)

    def test_fail_on_warning_includes_warnings_but_not_info(self):
        report = dict(counts=dict(error=0, warning=1, info=1), findings=[finding("info", "a/i", "note"), finding("warning", "a/w", "warn")])
        text = runner.summary("t", report, "warning", True)
        self.assertTrue(text.endswith("; warning a/w: warn"), text)


REPORT = '{"tool": "mxops", "version": "1.0.0", "task": "sops-check", "findings": [], "counts": {}}'
NODE_TRACE = """file:///opt/mxops/dist/cli.js:12
    const x = undefined.y;
                        ^

TypeError: Cannot read properties of undefined (reading 'y')
    at main (file:///opt/mxops/dist/cli.js:12:25)
    at file:///opt/mxops/dist/cli.js:20:1

Node.js v20.19.0
"""


class Outcome(unittest.TestCase):
    def failure(self, rc, out="", err=""):
        report, msg = runner.outcome("sops-check", rc, out, err)
        self.assertIsNone(report)
        return msg

    def test_a_report_with_exit_0_or_1_is_acted_on(self):
        for rc in (0, 1):
            report, msg = runner.outcome("sops-check", rc, REPORT, "mxops: warning: w\n")
            self.assertIsNone(msg)
            self.assertEqual(report["tool"], "mxops")

    def test_usage_error_is_the_clis_own_line_not_a_warning_or_debug_line(self):
        err = "mxops: warning: w\nmxops: error: --tag: missing\nmxops: debug: took 3 ms\n"
        self.assertEqual(self.failure(2, err=err), "mxops: error: --tag: missing")
        self.assertEqual(self.failure(2), "mxops sops-check: usage or input error (exit code 2) without a message")

    def test_a_node_stack_trace_is_a_crash_naming_the_error(self):
        for rc in (1, 2, 7):
            self.assertEqual(
                self.failure(rc, err=NODE_TRACE),
                "mxops sops-check crashed (exit code %d): TypeError: Cannot read properties of undefined (reading 'y')" % rc)

    def test_exit_1_without_a_report_is_a_crash_not_findings(self):
        msg = self.failure(1, out="", err="Segmentation fault\n")
        self.assertEqual(msg, "mxops sops-check crashed (exit code 1, no report): Segmentation fault")
        self.assertNotIn("without a JSON report", msg)
        self.assertEqual(self.failure(1, out="not json"), "mxops sops-check crashed (exit code 1, no report): no message")

    def test_a_signal_is_a_crash(self):
        self.assertEqual(self.failure(-9), "mxops sops-check crashed: killed by SIGKILL")

    def test_other_exit_codes(self):
        self.assertEqual(self.failure(3, err="boom\n"), "mxops sops-check crashed (exit code 3): boom")
        self.assertEqual(self.failure(127, err="/usr/bin/env: 'node': No such file or directory\n"),
                         "mxops could not be started (exit code 127): /usr/bin/env: 'node': No such file or directory")
        # A report with an exit code the CLI never pairs with one is still a crash.
        self.assertEqual(self.failure(3, out=REPORT), "mxops sops-check crashed (exit code 3): no message")

    def test_exit_0_without_a_report_is_not_the_mxops_cli(self):
        for out in ("hello", "[1, 2]", '{"tool": "other", "findings": []}'):
            self.assertEqual(self.failure(0, out=out),
                             "mxops sops-check exited 0 but printed no mxops JSON report; is mxops_path the mxops CLI?")


class WouldChange(unittest.TestCase):
    def test_nested_would_actions(self):
        self.assertTrue(runner.would_change(dict(rows=[dict(action="skipped"), dict(action="would-send")])))
        self.assertTrue(runner.would_change(dict(release=dict(action="would-update"))))
        self.assertTrue(runner.would_change(dict(rooms=[dict(room="#a", action="would-join")])))

    def test_nothing_to_do(self):
        self.assertFalse(runner.would_change(dict(rows=[dict(action="skipped")], dryRun=True)))
        self.assertFalse(runner.would_change(None))
        self.assertFalse(runner.would_change(dict(message="would-send is only text here")))


if __name__ == "__main__":
    unittest.main()
