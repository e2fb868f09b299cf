#!/usr/bin/env python3
"""A straightforward pandas gap analysis of a JSON Lines cohort, for comparing
with `lfw cohort` (see docs/performance.md). Not part of `cargo test`.

    python3 scripts/pandas_gap_analysis.py cohort.jsonl
    python3 scripts/pandas_gap_analysis.py --role g7 --as-of 2026-06-01 --json cohort.jsonl

It reads the role's requirements and the evidence policy off
`lfw export --to json <framework>`, then judges every person as
docs/profiles.md describes: per competency, the latest assessment that is not
stale (younger than `valid_months` whole months on the as-of date, and not
after it); each essential requirement met or not, and how far; the
progression check when the role comes after others. It prints how many are
ready, how many miss one, two... requirements, the most common gaps and the
mean score, and how long it took.

Deliberately small, it handles what the synthetic cohort of
examples/generate_cohort.rs needs: the `latest` policy, `level` and `all-in`
requirements, and the progression check from `role_since` only (no `history`,
no credentials). It stops on anything else rather than guess. Needs pandas
(`pip install pandas`).
"""

import argparse
import json
import subprocess
import sys
import time

import numpy as np
import pandas as pd


def whole_months(y, m, d, as_of):
    """Whole months from each (y, m, d) to `as_of`, never negative."""
    ay, am, ad = (int(x) for x in as_of.split("-"))
    months = (ay - y) * 12 + (am - m) - (ad < d).astype(int)
    return months.clip(lower=0)


def months_text(m):
    """A time as lfw writes it: `1 month`, `2 years`, `1 year 3 months`."""
    y, m = divmod(m, 12)
    parts = [f"{y} year" + ("s" if y > 1 else "")] if y else []
    if m or not y:
        parts.append(f"{m} month" + ("s" if m != 1 else ""))
    return " ".join(parts)


def split_date(s):
    """A Series of `YYYY-MM-DD` texts as three integer Series."""
    return s.str[0:4].astype(int), s.str[5:7].astype(int), s.str[8:10].astype(int)


def round1(x):
    """Rounds to one decimal, halves away from zero, as Rust's f64::round."""
    t = np.asarray(x, dtype=float) * 10.0
    r = np.floor(t)
    return (r + (t - r >= 0.5)) / 10.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cohort", help="a JSON Lines file of profiles")
    ap.add_argument("--framework", default="cscf-2012")
    ap.add_argument("--role", default="g7")
    ap.add_argument("--as-of", default="2026-06-01")
    ap.add_argument("--lfw", default="target/release/lfw", help="the lfw binary (for `lfw export`)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON, keyed as `lfw cohort --format json`")
    args = ap.parse_args()
    as_of = args.as_of

    fw = json.loads(subprocess.run([args.lfw, "export", "--to", "json", args.framework], check=True, capture_output=True, text=True).stdout)
    started, cpu_started = time.perf_counter(), time.process_time()

    if fw["evidence"]["combine"] != "latest":
        sys.exit(f"only the `latest` evidence policy is handled, not {fw['evidence']['combine']}")
    valid = fw["evidence"]["valid_months"]
    role = next(r for r in fw["roles"] if r["id"] == args.role)
    # The position of each level on each competency's scale, lowest 1.
    scales = {s["id"]: s["levels"] for s in fw["scales"]}
    comps = [c for d in fw["domains"] for c in d["competencies"]] + fw["ungrouped_competencies"]
    rank = {c["id"]: {name: i + 1 for i, name in enumerate(scales[c["scale"]])} for c in comps}

    # Read: one row per person, then one row per assessment.
    people = pd.read_json(args.cohort, lines=True, dtype=False)
    for field in ("credentials", "history"):
        if field in people and people[field].map(lambda v: isinstance(v, list) and len(v) > 0).any():
            sys.exit(f"profiles with `{field}` are not handled")
    exploded = people[["id", "assessments"]].explode("assessments").dropna(subset=["assessments"])
    a = pd.DataFrame(exploded["assessments"].tolist())
    a["id"] = exploded["id"].to_numpy()
    loaded = time.perf_counter()

    # The evidence that counts: not stale, then the latest per competency (on
    # a tie of dates, the one listed last).
    y, m, d = split_date(a["date"])
    a = a[(whole_months(y, m, d, as_of) < valid) & (a["date"] <= as_of)]
    a = a.sort_values("date", kind="stable").drop_duplicates(["id", "competency"], keep="last")
    a["rank"] = [rank[c][str(lv)] for c, lv in zip(a["competency"], a["level"])]
    held = a.pivot(index="id", columns="competency", values="rank").reindex(index=people["id"])

    # Each essential requirement: met, and how far (0 to 1), per person.
    checks = []  # (label, met, fraction, applies)
    after = role["after"]
    if after:
        label = "after " + " or ".join(
            a_["role"] if a_["min_months"] is None else f"{a_['role']} for {months_text(a_['min_months'])}" for a_ in after
        )
        y, m, d = split_date(people["role_since"])
        months = whole_months(y, m, d, as_of).to_numpy()
        fraction = np.zeros(len(people))
        met = np.zeros(len(people), dtype=bool)
        for a_ in after:
            here = (people["role"] == a_["role"]).to_numpy()
            need = a_["min_months"] or 0
            f = np.ones(len(people)) if need == 0 else np.minimum(months / need, 1.0)
            better = here & (f > fraction) | here & ~met
            fraction = np.where(better, f, fraction)
            met = np.where(better, months >= need, met)
        checks.append((label, met, fraction, (people["role"] != role["id"]).to_numpy()))

    def level(c, need):
        h = held[c].to_numpy() if c in held else np.full(len(people), np.nan)
        return np.nan_to_num(h, nan=0) >= need, np.nan_to_num(np.minimum(h / need, 1.0), nan=0.0)

    for req in role["requirements"]:
        if req["necessity"] != "essential":
            continue
        if req["kind"] == "level":
            c = req["competency"]
            met, fraction = level(c, rank[c][req["level"]])
            label = f"{c} at {req['level']}"
        elif req["kind"] == "all-in":
            met, fraction = np.ones(len(people), dtype=bool), np.zeros(len(people))
            for c in req["competencies"]:
                m_, f_ = level(c, rank[c][req["level"]])
                met, fraction = met & m_, fraction + f_
            if req["competencies"]:
                fraction = fraction / len(req["competencies"])
            else:
                fraction = np.ones(len(people))
            label = f"all in {req['domain']} at {req['level']}"
        else:
            sys.exit(f"requirements of kind `{req['kind']}` are not handled")
        checks.append((label, met, fraction, np.ones(len(people), dtype=bool)))

    labels = [c[0] for c in checks]
    unmet = pd.DataFrame({c[0]: ~c[1] & c[3] for c in checks}, index=people["id"])
    missing = unmet.sum(axis=1)
    counted = sum(c[3].astype(int) for c in checks) if checks else np.zeros(len(people))
    total = np.zeros(len(people))
    for c in checks:
        total = total + np.where(c[3], c[2], 0.0)
    score = np.where(counted == 0, 100.0, round1(100.0 * total / np.maximum(counted, 1)))

    ready = int((missing == 0).sum())
    gaps = sorted(((lbl, int(unmet[lbl].sum())) for lbl in labels if unmet[lbl].any()), key=lambda g: (-g[1], g[0]))
    only = unmet[missing == 1].idxmax(axis=1).value_counts() if (missing == 1).any() else pd.Series(dtype=int)
    unblocks = sorted(((lbl, int(n)) for lbl, n in only.items()), key=lambda g: (-g[1], g[0]))
    summary = {
        "framework": fw["id"],
        "role": role["id"],
        "as_of": as_of,
        "people": len(people),
        "ready": ready,
        "not_ready": len(people) - ready,
        "missing_count": {str(k): int(v) for k, v in sorted(missing[missing > 0].value_counts().items())},
        "common_gaps": [{"requirement": lbl, "people": n} for lbl, n in gaps],
        "unblocks": [{"requirement": lbl, "people": n} for lbl, n in unblocks],
        "mean_score": float(round1(score.mean())) if len(people) else 0.0,
    }
    done, cpu = time.perf_counter(), time.process_time() - cpu_started

    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        n = summary["people"]
        print(f"cohort of {n} for {role['id']} in {fw['id']}, as of {as_of}")
        print(f"  ready now: {ready} ({100.0 * ready / max(n, 1):.1f}%)")
        for k, v in summary["missing_count"].items():
            print(f"  missing {k}: {v}")
        print("  common gaps:")
        for g in summary["common_gaps"]:
            print(f"    {g['people']:>9}  {g['requirement']}")
        print(f"  mean score: {summary['mean_score']}")
    print(
        f"pandas {pd.__version__}: {done - started:.2f} s wall ({loaded - started:.2f} s reading, "
        f"{done - loaded:.2f} s judging), {cpu:.2f} s CPU",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
