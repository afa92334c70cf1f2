#!/usr/bin/env python3
"""Build Sources/ScreenerCore/Resources/skills-taxonomy.json from the hand-written lists.

Written by the Screener project. Input, all in this folder:
  skills/*.txt  one skill per line:  Name [{custom-id}] | alias; alias | related name or id; ...
                directives:  @category <slug>   @group <label>   (a line starting with # is a comment)
  rules.json    per-id matching rules: caseSensitive, ambiguous, notFollowedBy, notPrecededBy,
                requiresContext, sharedAliases, related (extra related names/ids)

Related skills = explicit ones from the third column / rules.json, plus up to two neighbours on each
side inside the same @group (groups are hand-ordered so neighbours are genuinely related).
Case policy written into the data: a surface form with at most two letters, or a single word whose
lower-case spelling is an ordinary English word (COMMON_WORDS), matches only with its exact case.
The script fails on duplicate ids, unknown related names and aliases shared by two skills unless both
list the alias in `sharedAliases`.

Usage: python3 scripts/taxonomy/generate_taxonomy.py [--check]
"""
import json, os, re, sys, glob

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "Sources", "ScreenerCore", "Resources", "skills-taxonomy.json")
VERSION = "2026.11.1"

# Ordinary English words that are also skill names; a form equal to one of these (ignoring case)
# matches only with the exact case written in the list files.
COMMON_WORDS = set("""
go spring excel swift rust ruby chef puppet ant express flask react dart julia crystal elm ember
backbone mocha chai jest cypress jasmine karma spark hive pig storm beam salt vault consul nomad packer
helm envoy maven make cake rake bundler access word outlook teams office project publisher bridge
sketch illustrator premiere animate audition affinity subversion mercurial confluence asana slack zoom
notion basecamp monday shell bash fish logo lisp scheme racket elixir groovy pascal ada tableau looker
oracle sage quicken workday greenhouse lever bamboo gusto elastic vagrant jenkins travis circle drone
harness phoenix rails pyramid bottle tornado falcon meteor angular svelte solid lit stimulus alpine
recoil apollo relay can act pet sap cad sat cat lean safe less closing polish patience integrity
accountability ownership curiosity punctuality gaming hosting assembly research analysis strategy
instruction fitness recreation nutrition unity unreal blender maya nuke fusion resolve avid logic
prefect luigi gin vapor hummingbird torch ray arrow iceberg pulsar kong loki bicep amplify athena
espresso cucumber enzyme locust hugo gatsby remix astro juniper aruba tally gong epic
""".split())

def slug(name):
    s = name.lower()
    for a, b in [("c++", "cpp"), ("c#", "csharp"), ("f#", "fsharp"), (".net", "dotnet"), ("+", "-plus"),
                 ("#", "-sharp"), ("&", "-and-"), ("/", "-"), ("'", "")]:
        s = s.replace(a, b)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s

def norm(form):
    return re.sub(r"\s+", " ", form.strip()).lower()

def letters(form):
    return sum(1 for c in form if c.isalpha())

def main():
    rules = json.load(open(os.path.join(HERE, "rules.json")))
    entries, groups, pending_related = [], [], []
    ids = {}
    for path in sorted(glob.glob(os.path.join(HERE, "skills", "*.txt"))):
        category, group = None, None
        for lineno, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.strip()
            if line.startswith("#") or not line:
                continue
            where = f"{os.path.basename(path)}:{lineno}"
            if line.startswith("@category"):
                category = line.split(None, 1)[1].strip(); group = None; continue
            if line.startswith("@group"):
                group = []; groups.append(group); continue
            if category is None:
                sys.exit(f"{where}: no @category")
            if group is None:
                group = []; groups.append(group)
            cols = [c.strip() for c in line.split("|")]
            name = cols[0]
            m = re.match(r"^(.*?)\s*\{([a-z0-9-]+)\}$", name)
            eid = None
            if m:
                name, eid = m.group(1), m.group(2)
            eid = eid or slug(name)
            if not eid:
                sys.exit(f"{where}: empty id for {name!r}")
            if eid in ids:
                sys.exit(f"{where}: duplicate id {eid} (first at {ids[eid]})")
            ids[eid] = where
            aliases = [a.strip() for a in cols[1].split(";") if a.strip()] if len(cols) > 1 else []
            rel = [r.strip() for c in cols[2:] for r in c.split(";") if r.strip()]
            e = {"id": eid, "name": name, "category": category, "aliases": aliases, "related": []}
            entries.append(e); group.append(e)
            pending_related.append((e, rel, where))
    by_id = {e["id"]: e for e in entries}
    for rid in rules:
        if rid not in by_id:
            sys.exit(f"rules.json: unknown id {rid}")
    # An alias that is another skill's canonical name was meant as a relation ("Clojure | Java"):
    # turn it into a related link instead of a shared alias.
    names, by_name_exact = {}, {}
    for e in entries:
        by_name_exact[e["id"]] = e["name"]
        names.setdefault(norm(e["name"]), []).append(e["id"])
    for e, rel, where in pending_related:
        keep = []
        shared = {norm(x) for x in rules.get(e["id"], {}).get("sharedAliases", [])}
        for a in e["aliases"]:
            other = [i for i in names.get(norm(a), []) if i != e["id"] and by_name_exact.get(i) == a]
            if other and norm(a) not in shared:
                rel.append(other[0])
                if "--verbose" in sys.argv:
                    print(f"  {e['id']}: alias {a!r} is the name of {other[0]}; kept as a relation")
            else:
                keep.append(a)
        e["aliases"] = keep
    # forms index
    owners = {}
    errors = []
    for e in entries:
        seen = set()
        for f in [e["name"]] + e["aliases"]:
            k = norm(f)
            if k in seen:
                continue  # a case variant of a form already listed (kept for case-sensitive matching)
            seen.add(k)
            owners.setdefault(k, []).append(e["id"])
    for k, os_ in owners.items():
        if len(os_) > 1:
            for o in os_:
                shared = {norm(s) for s in rules.get(o, {}).get("sharedAliases", [])}
                if k not in shared:
                    errors.append(f"form {k!r} shared by {os_} but not marked sharedAliases in {o}")
    if errors:
        sys.exit("\n".join(sorted(set(errors))))
    def resolve(ref, where):
        if ref in by_id: return ref
        exact = [i for i, n in by_name_exact.items() if n == ref]
        if len(exact) == 1: return exact[0]
        o = owners.get(norm(ref))
        if o and len(o) == 1: return o[0]
        errors.append(f"{where}: unknown related {ref!r}")
    for e, rel, where in pending_related:
        extra = rules.get(e["id"], {}).get("related", [])
        for r in rel + extra:
            rid = resolve(r, where)
            if rid and rid != e["id"] and rid not in e["related"]:
                e["related"].append(rid)
    if errors:
        sys.exit("\n".join(errors))
    for g in groups:
        for i, e in enumerate(g):
            for j in range(max(0, i - 2), min(len(g), i + 3)):
                if j != i and g[j]["id"] not in e["related"]:
                    e["related"].append(g[j]["id"])
    # symmetric explicit relations
    for e in entries:
        for r in e["related"]:
            if e["id"] not in by_id[r]["related"]:
                by_id[r]["related"].append(e["id"])
    auto = []
    for e in entries:
        r = rules.get(e["id"], {})
        cs = list(r.get("caseSensitive", []))
        for f in [e["name"]] + e["aliases"]:
            single = re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", f) is not None
            if f not in cs and (letters(f) <= 2 or (single and f.lower() in COMMON_WORDS)):
                cs.append(f); auto.append(f)
        amb = r.get("ambiguous", [])
        for f in amb + cs + r.get("sharedAliases", []):
            if norm(f) not in {norm(x) for x in [e["name"]] + e["aliases"]}:
                sys.exit(f"{e['id']}: rule form {f!r} is not a name or alias")
        for key in ["caseSensitive", "ambiguous", "notFollowedBy", "notPrecededBy", "requiresContext", "sharedAliases"]:
            val = cs if key == "caseSensitive" else r.get(key)
            if val:
                e[key] = val
    cats = {}
    for e in entries:
        cats[e["category"]] = cats.get(e["category"], 0) + 1
    doc = {
        "version": VERSION,
        "source": "Written and maintained by the Screener project (scripts/taxonomy/). Every skill, alias and relation was listed by hand by the project's engineers; no third-party list was copied.",
        "licence": "Same licence as the Screener source code. Entries added later by `screener taxonomy import` carry their own attribution below.",
        "attribution": [],
        "entries": entries,
    }
    if "--check" in sys.argv:
        print(f"ok: {len(entries)} entries, {len(cats)} categories"); return
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("{\n")
        for k in ["version", "source", "licence", "attribution"]:
            fh.write(f"  {json.dumps(k)}: {json.dumps(doc[k], ensure_ascii=False)},\n")
        fh.write('  "entries": [\n')
        fh.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries))
        fh.write("\n  ]\n}\n")
    print(f"wrote {len(entries)} entries in {len(cats)} categories; {len(auto)} forms auto case-sensitive")
    for c in sorted(cats): print(f"  {c}: {cats[c]}")

if __name__ == "__main__":
    main()
