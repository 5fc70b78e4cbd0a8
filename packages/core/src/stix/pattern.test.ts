import { describe, expect, it } from "vitest";
import { MAX_PATTERN_DEPTH, parseStixPattern, StixPatternError, stixPatternProblem } from "./pattern.ts";

// Valid patterns: the examples of STIX 2.1 part 9 and of the brief, with documentation addresses.
const VALID = [
  "[ipv4-addr:value = '198.51.100.1/32']",
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[ipv4-addr:value = '203.0.113.1' OR ipv4-addr:value = '203.0.113.2']",
  "([a:b = 1] AND [c:d = 2]) WITHIN 600 SECONDS",
  "[file:hashes.'SHA-256' IN ('aec0', 'ffff')]",
  "[domain-name:value = 'www.example.com']",
  "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
  "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']",
  "[file:size > 1024 AND file:name NOT LIKE '%.txt'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.000Z'",
  "[network-traffic:src_port IN (80, 443, 8080)]",
  "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' OR artifact:payload_bin = h'0a0B']",
  "[x509-certificate:is_self_signed = true] OR [ipv6-addr:value = '2001:db8::1']",
  "[file:extensions.'windows-pebinary-ext'.sections[0].entropy >= 7.5]",
  "[process:name = 'it\\'s' ] /* a comment */ AND [process:pid != -1] // the end",
  "(([a-b:c = 'x'] OR [a-b:c = 'y']) FOLLOWEDBY [a-b:d <= 0.5]) START t'2026-01-01T00:00:00Z' STOP t'2026-02-01T00:00:00Z'",
  "[network-traffic:protocols[*] NOT IN ('tcp', 'udp')]",
  "[ipv4-addr:value ISSUPERSET '203.0.113.7']",
];

// Broken patterns, and where the parser should say the problem is (1-based, as in the message).
const INVALID: [string, RegExp][] = [
  ["", /Expected an observation expression/],
  ["ipv4-addr:value = '198.51.100.1'", /Expected an observation expression.*position 1/],
  ["[ipv4-addr:value = '198.51.100.1'", /Expected '\]'.*end of the pattern/],
  ["[ipv4-addr:value = 198.51.100.1]", /Expected '\]'.*'\.100'/],
  ['[ipv4-addr:value = "198.51.100.1"]', /single quotes.*position 20/],
  ["[ipv4-addr:value == ]", /Expected a value after ==/],
  ["[ipv4-addr:value = 'x' and ipv4-addr:value = 'y']", /'and'/],
  ["[ipv4-addr:value = 'never closed]", /never closed.*position 20/],
  ["[file:hashes.SHA-256 = 'aa']", /hyphen is quoted.*position 14/],
  ["[file:hashes.'SHA-256' = 'aec0']", /not a valid SHA-256 hash.*position 26/],
  ["[file:hashes.MD5 != 'zz']", /not a valid MD5 hash/],
  ["[ipv4-addr = '203.0.113.1']", /Expected ':'/],
  ["[ipv4-addr:value IN '203.0.113.1']", /'\(' and a list/],
  ["[ipv4-addr:value LIKE 5]", /quoted string after LIKE/],
  ["[file:size > true]", /after >/],
  ["[a-b:c = 1] WITHIN 600", /SECONDS/],
  ["[a-b:c = 1] WITHIN -5 SECONDS", /positive number of seconds/],
  ["[a-b:c = 1] REPEATS 2.5 TIMES", /whole number after REPEATS/],
  ["[a-b:c = 1] START '2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'", /timestamp/],
  ["[a-b:c = 1] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'", /later than START/],
  ["[a-b:c = t'2016-13-01T00:00:00Z']", /not a real date/],
  ["[a-b:c = t'2016-06-01 00:00:00']", /RFC 3339/],
  ["[a-b:c = h'abc']", /pairs of hex digits/],
  ["[a-b:c = b'not base64!']", /base64/],
  ["[a-b:c = 'a\\d']", /may be escaped/],
  ["[a-b:c = 1] [a-b:c = 2]", /Expected AND, OR, FOLLOWEDBY/],
  ["[[a-b:c = 1]]", /observations do not nest/],
  ["[a-b:c = 1] AND", /Expected an observation expression/],
  ["[a-b:c = 1] FOLLOWEDBY ([a-b:c = 2]", /'\)'/],
  ["[a-b:c MATCHES '(']", /not a regular expression/],
  ["[a-b:c = 01]", /does not start with 0/],
  ["[a-b:c[x] = 1]", /list index/],
  ["[a-b:c = 1] OR", /Expected an observation expression/],
  ["[a-b:c NOT 1]", /after NOT/],
  ["[a-b:c = 1] # x", /Unexpected character '#'/],
];

describe("STIX 2.1 patterns", () => {
  it.each(VALID)("accepts %s", (pattern) => {
    expect(stixPatternProblem(pattern)).toBeNull();
  });

  it.each(INVALID)("refuses %j", (pattern, message) => {
    const problem = stixPatternProblem(pattern);
    expect(problem).toBeInstanceOf(StixPatternError);
    expect(problem?.message).toMatch(message);
  });

  it("says where the problem is", () => {
    const problem = stixPatternProblem("[ipv4-addr:value = '203.0.113.1' XOR ipv4-addr:value = '1']");
    expect(problem?.position).toBe(33);
    expect(problem?.message).toBe(
      "Expected ']' to close the observation expression, or AND / OR, found 'XOR' (at position 34)",
    );
  });

  it("builds a tree with the operators' precedence and the qualifiers", () => {
    expect(parseStixPattern("([a-b:c = 1] AND [d-e:f = 'x']) WITHIN 600 SECONDS")).toEqual({
      kind: "group",
      qualifiers: [{ kind: "within", seconds: 600 }],
      expression: {
        kind: "and",
        operands: [
          {
            kind: "observation",
            qualifiers: [],
            comparison: {
              kind: "test",
              objectType: "a-b",
              path: ["c"],
              negated: false,
              operator: "=",
              value: { kind: "int", value: "1" },
            },
          },
          {
            kind: "observation",
            qualifiers: [],
            comparison: {
              kind: "test",
              objectType: "d-e",
              path: ["f"],
              negated: false,
              operator: "=",
              value: { kind: "string", value: "x" },
            },
          },
        ],
      },
    });
    const tree = parseStixPattern("[a-b:c = 1 OR a-b:c = 2 AND a-b:d[*].'e-f' = 3]");
    expect(tree).toMatchObject({
      comparison: {
        kind: "or",
        operands: [{ kind: "test" }, { kind: "and", operands: [{}, { path: ["d", "*", "e-f"] }] }],
      },
    });
    expect(
      parseStixPattern("[a-b:c = 1] OR [a-b:c = 2] FOLLOWEDBY [a-b:c = 3] AND [a-b:c = 4]"),
    ).toMatchObject({
      kind: "followedby",
      operands: [{ kind: "or" }, { kind: "and" }],
    });
  });

  it("refuses parentheses nested beyond the depth limit with a clear problem, not a stack overflow", () => {
    const deep = (n: number, inner: string) => `${"(".repeat(n)}${inner}${")".repeat(n)}`;
    for (const pattern of [deep(5_000, "[a-b:c = 1]"), `[${deep(5_000, "a-b:c = 1")}]`]) {
      const problem = stixPatternProblem(pattern);
      expect(problem).toBeInstanceOf(StixPatternError);
      expect(problem?.message).toMatch(`more than ${MAX_PATTERN_DEPTH} deep`);
    }
    expect(stixPatternProblem(deep(MAX_PATTERN_DEPTH, "[a-b:c = 1]"))).toBeNull();
    expect(stixPatternProblem(`[${deep(MAX_PATTERN_DEPTH, "a-b:c = 1")}]`)).toBeNull();
    expect(stixPatternProblem(deep(MAX_PATTERN_DEPTH + 1, "[a-b:c = 1]"))).toBeInstanceOf(StixPatternError);
  });
});
