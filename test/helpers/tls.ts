// Test CA and leaf certificates made with the openssl CLI, for HTTPS servers on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "./tmp.js";
import { opensslCli } from "./tools.js";

export interface TestPki {
  caCert: string;
  cert: string;
  key: string;
}

/** A fresh CA and a leaf certificate valid for `names` (DNS) and 127.0.0.1. */
export function makeTestPki(names: string[]): TestPki {
  const dir = tempDir("pki");
  const openssl = opensslCli();
  const run = (args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: "pipe" });
  run([
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=mxops test CA",
  ]);
  run([
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    "leaf.key",
    "-out",
    "leaf.csr",
    "-subj",
    `/CN=${names[0] ?? "localhost"}`,
  ]);
  const san = [...names.map((n) => `DNS:${n}`), "IP:127.0.0.1"].join(",");
  writeFileSync(
    path.join(dir, "ext.cnf"),
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  run([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "leaf.crt",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  ]);
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  return { caCert: read("ca.crt"), cert: read("leaf.crt"), key: read("leaf.key") };
}
