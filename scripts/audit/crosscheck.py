#!/usr/bin/env python3
"""Independent cross-check values for the BiasAudit Swift tests.

Computes, with SciPy and Python's exact `fractions`, the numbers that
`Tests/BiasAuditTests/CrossCheckExpected.swift` commits, so the Swift tests need no Python or
network at run time:

- significance of 2x2 tables: chi-square without continuity correction and its p-value
  (`scipy.stats.chi2_contingency(correction=False)`), the pooled Z (sign of p1 - p2 times the square
  root of that chi-square, which is the same statistic for a 2x2 table), Fisher's exact two-sided
  p-value (`scipy.stats.fisher_exact`), Wilson 95% intervals (`scipy.stats.binomtest(...).proportion_ci`);
- a seeded synthetic audit CSV (sex, race, selected, score, job, date) and, from it, every LL144 table
  (selection and scoring rates, exact impact ratios, four-fifths flags) computed with `fractions` and
  `statistics.median`, written independently of the Swift code.

Usage: python3 scripts/audit/crosscheck.py            # rewrite the Swift file
       python3 scripts/audit/crosscheck.py --check    # exit 1 if the committed file differs
       python3 scripts/audit/crosscheck.py --validate-json REPORT.json  # check against the schema
       python3 scripts/audit/crosscheck.py --write-csv OUT.csv  # the synthetic audit CSV on its own
       python3 scripts/audit/crosscheck.py --fairlearn  # Fairlearn MetricFrame agrees with the fractions tables
                                                        # (needs `pip install fairlearn`; not needed by the tests)
"""
import json
import random
import statistics
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "BiasAuditTests" / "CrossCheckExpected.swift"
SCHEMA = ROOT / "schemas" / "audit-report.schema.json"

SEXES = ["Male", "Female"]
RACES = [
    "Hispanic or Latino", "White", "Black or African American",
    "Native Hawaiian or Other Pacific Islander", "Asian", "American Indian or Alaska Native",
    "Two or More Races",
]

# (s1, n1, s2, n2): category s1 of n1 against reference s2 of n2.
CASES = [
    (12, 40, 48, 80),      # EEOC Uniform Guidelines Q&A adverse-impact example
    (555, 1181, 667, 1390),  # DCWP selection example, sex table
    (170, 390, 412, 797),  # DCWP selection example, Black vs White
    (7, 17, 215, 412),     # DCWP intersection, small cell
    (3, 10, 9, 10),
    (0, 15, 5, 15),
    (1, 4, 7, 8),
    (2, 3, 5, 6),
    (30, 100, 30, 100),
    (0, 5, 1, 5),
    (45000, 100000, 50000, 100000),
]

WILSON = [(0, 10), (1, 10), (5, 10), (10, 10), (48, 80), (667, 1390), (1, 1)]


def significance_rows():
    from scipy.stats import chi2_contingency, fisher_exact
    rows = []
    for s1, n1, s2, n2 in CASES:
        table = [[s1, n1 - s1], [s2, n2 - s2]]
        chi2, p, _, _ = chi2_contingency(table, correction=False)
        sign = 1.0 if Fraction(s1, n1) > Fraction(s2, n2) else (-1.0 if Fraction(s1, n1) < Fraction(s2, n2) else 0.0)
        z = sign * float(chi2) ** 0.5
        fisher = fisher_exact(table, alternative="two-sided").pvalue
        parity = Fraction(n1) * Fraction(s2, n2) - s1
        four = Fraction(4, 5) * Fraction(n1) * Fraction(s2, n2) - s1
        ceil = lambda f: -((-f.numerator) // f.denominator)
        rows.append((s1, n1, s2, n2, z, float(p), float(chi2), float(fisher), max(0, ceil(parity)), max(0, ceil(four))))
    return rows


def wilson_rows():
    from scipy.stats import binomtest
    out = []
    for k, n in WILSON:
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        out.append((k, n, float(ci.low), float(ci.high)))
    return out


def synthetic_records():
    """A seeded dataset with a built-in disparity, unknowns, ties in scores, 2 jobs and 6 months."""
    rng = random.Random(20260101)
    records = []
    for i in range(400):
        sex = rng.choice(SEXES + SEXES + SEXES + [""])
        race = rng.choices(RACES + [""], weights=[18, 40, 16, 2, 14, 1, 5, 4])[0]
        base = {"Male": 0.50, "Female": 0.38, "": 0.45}[sex]
        base -= {"Black or African American": 0.12, "Hispanic or Latino": 0.05}.get(race, 0.0)
        selected = rng.random() < base
        score = round(rng.random() * 4 + (1 if selected else 0)) / 2  # coarse: many ties
        job = rng.choice(["J-100", "J-200"])
        month = rng.randint(1, 6)
        day = rng.randint(1, 28)
        records.append({
            "id": f"c{i:04d}", "sex": sex, "race": race, "selected": "1" if selected else "0",
            "score": "" if i % 37 == 0 else f"{score}", "job": job, "date": f"2025-{month:02d}-{day:02d}",
        })
    return records


def tables(records, positive):
    def table(key_of):
        counts = {}
        unknown = 0
        for r in records:
            k = key_of(r)
            if k is None:
                unknown += 1
                continue
            n, s = counts.get(k, (0, 0))
            counts[k] = (n + 1, s + (1 if positive(r) else 0))
        rates = {k: Fraction(s, n) for k, (n, s) in counts.items() if n > 0}
        best = max(rates.values()) if rates else Fraction(0)
        rows = {}
        for k, (n, s) in counts.items():
            ratio = rates[k] / best if best > 0 else None
            rows[k] = (n, s, rates[k], ratio, ratio is not None and ratio < Fraction(4, 5))
        return unknown, rows
    sex = table(lambda r: r["sex"] or None)
    race = table(lambda r: r["race"] or None)
    cross = table(lambda r: f'{r["race"]} {r["sex"]}' if r["sex"] and r["race"] else None)
    return {"sex": sex, "race_ethnicity": race, "intersection": cross}


def fairlearn_check():
    """Fairlearn's MetricFrame (selection_rate by group) against the `fractions` tables."""
    import pandas as pd
    from fairlearn.metrics import MetricFrame, selection_rate
    recs = synthetic_records()
    scored = [r for r in recs if r["score"] != ""]
    median = statistics.median(float(r["score"]) for r in scored)
    problems = 0
    checked = 0
    for outcome, rows, positive in (("selection", recs, lambda r: r["selected"] == "1"),
                                    ("scoring", scored, lambda r: float(r["score"]) > median)):
        ours = tables(rows, positive)
        df = pd.DataFrame(rows)
        y = pd.Series([1 if positive(r) else 0 for r in rows])
        features = {
            "sex": df["sex"], "race_ethnicity": df["race"],
            "intersection": df["race"] + " " + df["sex"],
        }
        for name, feature in features.items():
            known = (df["sex"] != "") & (df["race"] != "") if name == "intersection" else feature != ""
            mf = MetricFrame(metrics=selection_rate, y_true=y[known], y_pred=y[known], sensitive_features=feature[known])
            by_group = mf.by_group
            best = by_group.max()
            for group, rate in by_group.items():
                n, s, frate, fratio, _ = ours[name][1][group]
                checked += 1
                if abs(rate - float(frate)) > 1e-12 or (best > 0 and abs(rate / best - float(fratio)) > 1e-12):
                    problems += 1
                    print(f"MISMATCH {outcome}/{name}/{group}: fairlearn {rate} vs {float(frate)}")
    print(f"fairlearn MetricFrame: {checked} group rates and ratios checked, {problems} mismatches")
    return 0 if problems == 0 else 1


def frac(f):
    return "nil" if f is None else f"Rational({f.numerator}, {f.denominator})"


def render():
    sig = significance_rows()
    wil = wilson_rows()
    recs = synthetic_records()
    csv_lines = ["id,sex,race,selected,score,job,date,ignored_note"]
    for r in recs:
        csv_lines.append(",".join([r["id"], r["sex"], r["race"], r["selected"], r["score"], r["job"], r["date"], "x"]))
    scored = [r for r in recs if r["score"] != ""]
    median = statistics.median(float(r["score"]) for r in scored)
    sel = tables(recs, lambda r: r["selected"] == "1")
    sco = tables(scored, lambda r: float(r["score"]) > median)

    out = ["// GENERATED by scripts/audit/crosscheck.py (SciPy " + __import__("scipy").__version__ + "); do not edit by hand.",
           "// Independent values: SciPy for significance and Wilson intervals, Python `fractions` for rates and ratios.",
           "@testable import BiasAudit", "", "enum CrossCheckExpected {",
           "    struct Sig { var s1, n1, s2, n2: Int; var z, zP, chi2, fisherP: Double; var shortfallParity, shortfallFourFifths: Int }",
           "    static let significance: [Sig] = ["]
    for s1, n1, s2, n2, z, p, chi2, fisher, sp, sf in sig:
        out.append(f"        Sig(s1: {s1}, n1: {n1}, s2: {s2}, n2: {n2}, z: {z!r}, zP: {p!r}, chi2: {chi2!r}, fisherP: {fisher!r}, shortfallParity: {sp}, shortfallFourFifths: {sf}),")
    out.append("    ]")
    out.append("    struct Wilson { var k, n: Int; var lower, upper: Double }")
    out.append("    static let wilson: [Wilson] = [")
    for k, n, lo, hi in wil:
        out.append(f"        Wilson(k: {k}, n: {n}, lower: {lo!r}, upper: {hi!r}),")
    out.append("    ]")
    out.append("    struct Row { var table: String; var outcome: String; var category: String; var n, selected: Int; var rate: Rational; var ratio: Rational?; var flag: Bool }")
    out.append("    static let unknownCounts: [String: Int] = [")
    for name, (unknown, _) in sel.items():
        out.append(f'        "selection/{name}": {unknown},')
    for name, (unknown, _) in sco.items():
        out.append(f'        "scoring/{name}": {unknown},')
    out.append("    ]")
    out.append(f"    static let median: Double = {median!r}")
    out.append(f"    static let scoredCount = {len(scored)}")
    out.append("    static let rows: [Row] = [")
    for outcome, tabs in (("selection", sel), ("scoring", sco)):
        for name, (_, rows) in tabs.items():
            for cat in sorted(rows):
                n, s, rate, ratio, flag = rows[cat]
                out.append(f'        Row(table: "{name}", outcome: "{outcome}", category: "{cat}", n: {n}, selected: {s}, rate: {frac(rate)}, ratio: {frac(ratio)}, flag: {str(flag).lower()}),')
    out.append("    ]")
    out.append('    static let syntheticCSV = """')
    out.extend("    " + line for line in csv_lines)
    out.append('    """')
    out.append("}")
    return "\n".join(out) + "\n"


def validate(path):
    import jsonschema
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads(Path(path).read_text())
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: e.path)
    for e in errors:
        print(f"{list(e.path)}: {e.message}")
    print(f"{path}: {'valid' if not errors else f'{len(errors)} errors'}")
    return 0 if not errors else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--fairlearn":
        sys.exit(fairlearn_check())
    if len(sys.argv) > 2 and sys.argv[1] == "--write-csv":
        recs = synthetic_records()
        lines = ["id,sex,race,selected,score,job,date"] + [",".join(r[k] for k in ("id", "sex", "race", "selected", "score", "job", "date")) for r in recs]
        Path(sys.argv[2]).write_text("\n".join(lines) + "\n")
        sys.exit(0)
    if len(sys.argv) > 2 and sys.argv[1] == "--validate-json":
        sys.exit(max(validate(p) for p in sys.argv[2:]))
    text = render()
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text() == text
        print("up to date" if same else "differs")
        sys.exit(0 if same else 1)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")
