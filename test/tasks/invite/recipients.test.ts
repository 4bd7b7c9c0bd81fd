import { describe, expect, it } from "vitest";
import { parseInviteList } from "../../../src/tasks/invite/recipients.js";

describe("invite lists", () => {
  it("reads CSV with a BOM, comments, `;` separators, quoted fields and per-row errors with lines", () => {
    const rows = parseInviteList(
      "l.csv",
      '\ufeff# team\nEmail;Name;Lang\n\nada@example.org;"Lovelace; Ada ""AL""";en\nnot-an-address;X;de\nbob@example.org;Bob;fr\n',
    );
    expect(rows).toEqual([
      { line: 4, recipient: { email: "ada@example.org", name: 'Lovelace; Ada "AL"', lang: "en" } },
      { line: 5, error: 'not an email address: "not-an-address"' },
      { line: 6, error: "lang must be one of de, en" },
    ]);
  });

  it("refuses CSV without an email column, or with an unclosed quote, naming the file and line", () => {
    expect(() => parseInviteList("l.csv", "name\nAda\n")).toThrow(/^l\.csv: CSV header needs an `email` column/);
    expect(() => parseInviteList("l.csv", 'email,name\na@b.org,"Ada\n')).toThrow(
      /^l\.csv: not valid CSV \(line \d+\): CSV_QUOTE_NOT_CLOSED/,
    );
  });

  it("reads YAML lists of addresses or mappings, and refuses alias bombs", () => {
    expect(
      parseInviteList("l.yaml", "invites:\n  - ada@example.org\n  - {email: bob@example.org, name: Bob}\n"),
    ).toEqual([
      { line: 2, recipient: { email: "ada@example.org" } },
      { line: 3, recipient: { email: "bob@example.org", name: "Bob" } },
    ]);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`,
      ),
    ].join("\n");
    expect(() => parseInviteList("l.yaml", bomb)).toThrow(/^l\.yaml: /);
  });
});
