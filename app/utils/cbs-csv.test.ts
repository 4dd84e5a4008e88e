import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countOf, MAX_CBS_CSV_LINES, parseCbsCsv, yearOf } from "./cbs-csv";

const HEADER = `"Regio's";"Regiocode (gemeente)";"Perioden";"Bevolking op 1 januari (aantal)"`;

describe("reading a CBS StatLine CSV of inhabitants", () => {
  it("reads the sample export: BOM, title line, quoted fields, CRLF, Dutch thousands, a closing source line", () => {
    const text = readFileSync(new URL("../../test/fixtures/cbs-bevolking-2024.csv", import.meta.url), "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("\r\n");
    const { rows, errors } = parseCbsCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(11);
    expect(rows[0]).toEqual({
      line: 3,
      code: "GM0503",
      name: "GM0503",
      regionName: "Delft",
      year: 2024,
      count: 105_296,
    });
    expect(rows.find((r) => r.code === "GM0518")).toMatchObject({ line: 4, count: 566_221 });
  });

  it("reads the open-data form: comma-separated, padded codes, periods like 2024JJ00, plain figures", () => {
    const text = [
      "ID,RegioS,Perioden,BevolkingOp1Januari_1",
      "1,GM0503    ,2023JJ00,104575",
      "2,gm0637    ,2024JJ00,127643",
    ].join("\n");
    expect(parseCbsCsv(text)).toEqual({
      rows: [
        { line: 2, code: "GM0503", name: "GM0503", year: 2023, count: 104_575 },
        { line: 3, code: "GM0637", name: "gm0637", year: 2024, count: 127_643 },
      ],
      errors: [],
    });
  });

  it("takes a name where the file has no codes", () => {
    const text = `"Regio's";"Perioden";"Bevolking op 1 januari (aantal)"\n"'s-Gravenhage";"2024*";"566.221"`;
    expect(parseCbsCsv(text).rows).toEqual([
      { line: 2, code: null, name: "'s-Gravenhage", year: 2024, count: 566_221 },
    ]);
  });

  it("names every bad line with its number and what is wrong, and keeps the good ones", () => {
    const text = [
      HEADER,
      `"Delft";"GM0503";"2024";"105.296"`,
      `"Rijswijk";"";"2024";"59.180"`,
      `"Westland";"GM1783";"";"115.963"`,
      `"Wassenaar";"GM0629";"2024";"27,224"`,
      `"Zoetermeer";"GM0637";"2024";"."`,
      `"Delft";"GM0503";"2024";"105.300"`,
      `"Voorschoten";"GM0626";"2024"`,
      `"Midden-Delfland";"GM1842";"2024";"20.183`,
      `"Pijnacker-Nootdorp";"GM1926";"1850";"58.062"`,
      `"Leidschendam-Voorburg";"GM1916";"2024";"0"`,
      `"Den Haag";"GM0518";"2024";"10.5"`,
    ].join("\r\n");
    const { rows, errors } = parseCbsCsv(text, 2026);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(errors).toEqual([
      { line: 3, problem: "region_missing" },
      { line: 4, problem: "year_missing" },
      { line: 5, problem: "count_invalid", value: "27,224" },
      { line: 6, problem: "count_invalid", value: "." },
      { line: 7, problem: "duplicate", value: "2" },
      { line: 8, problem: "missing_fields" },
      { line: 9, problem: "unclosed_quote" },
      { line: 10, problem: "year_invalid", value: "1850" },
      { line: 11, problem: "count_out_of_range", value: "0" },
      { line: 12, problem: "count_invalid", value: "10.5" },
    ]);
  });

  it("refuses a file without the columns it needs, or with too many lines", () => {
    expect(parseCbsCsv(`"Regio's";"Perioden";"Inwoners"\n"Delft";"2024";"1"`).errors).toEqual([
      { line: 1, problem: "no_header" },
    ]);
    expect(parseCbsCsv("").errors).toEqual([{ line: 1, problem: "no_header" }]);
    const long = [HEADER, ...Array.from({ length: MAX_CBS_CSV_LINES }, () => `"Delft";"GM0503";"2024";"1"`)];
    expect(parseCbsCsv(long.join("\n")).errors).toEqual([{ line: MAX_CBS_CSV_LINES + 1, problem: "too_many_lines" }]);
  });

  it("reads figures and years as CBS writes them, and nothing else", () => {
    expect(["103581", "103.581", "1.103.581", "103 581", "103\u00a0581"].map(countOf)).toEqual([
      103_581, 103_581, 1_103_581, 103_581, 103_581,
    ]);
    expect(["103,581", "10.35", "-5", "", "1.0000", "12a"].map(countOf)).toEqual([null, null, null, null, null, null]);
    expect(["2024", "2024JJ00", "2024*", " 2024 "].map((y) => yearOf(y, 2026))).toEqual([2024, 2024, 2024, 2024]);
    expect(["2028", "24", "2024MM01", "1989"].map((y) => yearOf(y, 2026))).toEqual([null, null, null, null]);
  });
});
