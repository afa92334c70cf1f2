import Foundation

extension SkillTaxonomy {
    /// Attribution for entries imported from O*NET's `Technology Skills.txt`.
    public static let onetAttribution = Attribution(
        id: "onet",
        title: "O*NET Database: Technology Skills",
        publisher: "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
        licence: "CC BY 4.0",
        url: "https://www.onetcenter.org/database.html",
        notice: "This taxonomy includes information from the O*NET Database by the U.S. Department of Labor, "
            + "Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET® is a "
            + "trademark of USDOL/ETA. The Screener project has modified all or some of this information; "
            + "USDOL/ETA has not approved, endorsed, or tested these modifications."
    )

    /// Attribution for entries imported from ESCO's `skills_en.csv`.
    public static let escoAttribution = Attribution(
        id: "esco",
        title: "ESCO classification (European Skills, Competences, Qualifications and Occupations): skills",
        publisher: "European Commission",
        licence: "CC BY 4.0 (European Commission reuse policy, Commission Decision 2011/833/EU)",
        url: "https://esco.ec.europa.eu",
        notice: "This taxonomy includes skills from the ESCO classification of the European Commission, reused "
            + "under the Commission's reuse policy (Decision 2011/833/EU; CC BY 4.0). The Screener project has "
            + "modified them (merged labels into existing skills); the European Commission does not endorse "
            + "these modifications."
    )

    /// Entries from O*NET's `Technology Skills.txt` (tab-separated; columns found by header name:
    /// `Example` and `Commodity Title` are required, others such as `O*NET-SOC Code`, `Title`,
    /// `Commodity Code`, `Hot Technology`, `In Demand` are ignored).
    ///
    /// One entry per distinct example (case-insensitive; the file lists each product once per
    /// occupation), in order of first appearance: name = the example, category = slug of its commodity
    /// title (`Spreadsheet software` → `spreadsheet-software`), id = slug of the name (made unique).
    /// A one-word name with a capital letter is case-sensitive (`Slack`, `Zoom`). Pass the result to
    /// `merged(with:attribution:)` to merge by name/alias into an existing taxonomy.
    public static func importONET(technologySkillsTSV: String) throws(ScreenerError) -> (entries: [Entry], attribution: Attribution) {
        let rows = DelimitedText.tabSeparated(technologySkillsTSV)
        guard let header = rows.first?.map({ DelimitedText.trimmed($0) }),
              let example = header.firstIndex(of: "Example"),
              let commodity = header.firstIndex(of: "Commodity Title")
        else {
            throw ScreenerError(.invalidTaxonomy, "O*NET file lacks the 'Example' or 'Commodity Title' column")
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        var ids: Set<String> = []
        var categories: [String: String] = [:]
        for row in rows.dropFirst() where row.count > max(example, commodity) {
            let name = row[example]
            let key = SkillTokenizer.normalizedKey(name)
            guard !key.isEmpty, seen.insert(key).inserted else { continue }
            let category = categories[row[commodity]] ?? slug(row[commodity])
            categories[row[commodity]] = category
            var e = Entry(id: uniqueID(slug(name), &ids), name: name, category: category.isEmpty ? "technology" : category)
            e.caseSensitive = importedCaseSensitive([name])
            entries.append(e)
        }
        return (entries, onetAttribution)
    }

    /// Entries from ESCO's `skills_en.csv` (CSV with a header; `preferredLabel` is required, and
    /// `altLabels` (newline-separated), `skillType`, `conceptUri` and `status` are used when present).
    ///
    /// Rows whose `status` is set and is not `released` are skipped. Name = preferred label; a trailing
    /// qualifier in parentheses ("Java (computer programming)") is also offered as the bare alias "Java",
    /// so the entry merges with an existing skill. Category = `esco-` + slug of the skill type
    /// (`esco-skill-competence`, `esco-knowledge`). Aliases of at most two letters are dropped.
    public static func importESCO(skillsCSV: String) throws(ScreenerError) -> (entries: [Entry], attribution: Attribution) {
        let rows = DelimitedText.csv(skillsCSV)
        guard let header = rows.first?.map({ DelimitedText.trimmed($0) }),
              let label = header.firstIndex(of: "preferredLabel")
        else {
            throw ScreenerError(.invalidTaxonomy, "ESCO file lacks the 'preferredLabel' column")
        }
        let alt = header.firstIndex(of: "altLabels")
        let type = header.firstIndex(of: "skillType")
        let uri = header.firstIndex(of: "conceptUri")
        let status = header.firstIndex(of: "status")
        func cell(_ row: [String], _ i: Int?) -> String {
            guard let i, i < row.count else { return "" }
            return DelimitedText.trimmed(row[i])
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        var ids: Set<String> = []
        for row in rows.dropFirst() {
            let name = cell(row, label)
            let st = cell(row, status)
            guard !name.isEmpty, st.isEmpty || st == "released" else { continue }
            guard seen.insert(SkillTokenizer.normalizedKey(name)).inserted else { continue }
            var aliases: [String] = []
            var keys: Set<String> = [SkillTokenizer.normalizedKey(name)]
            func offer(_ a: String) {
                let a = DelimitedText.trimmed(a)
                guard a.unicodeScalars.filter({ $0.properties.isAlphabetic }).count > 2 else { return }
                if keys.insert(SkillTokenizer.normalizedKey(a)).inserted { aliases.append(a) }
            }
            if let open = name.lastIndex(of: "("), name.hasSuffix(")"), open > name.startIndex {
                offer(String(name[..<open]))
            }
            for a in cell(row, alt).split(whereSeparator: \.isNewline) { offer(String(a)) }
            let t = slug(cell(row, type))
            var base = slug(name)
            if ids.contains(base), let tail = cell(row, uri).split(separator: "/").last {
                base += "-" + tail.prefix(8)
            }
            var e = Entry(id: uniqueID(base, &ids), name: name, category: "esco-" + (t.isEmpty ? "skill" : t), aliases: aliases)
            e.caseSensitive = importedCaseSensitive([name] + aliases)
            entries.append(e)
        }
        return (entries, escoAttribution)
    }

    /// Imports O*NET technology skills and merges them into this taxonomy (the CLI's
    /// `screener taxonomy import --onet FILE`).
    public func importingONET(technologySkillsTSV: String) throws(ScreenerError) -> SkillTaxonomy {
        let (entries, attribution) = try Self.importONET(technologySkillsTSV: technologySkillsTSV)
        return merged(with: entries, attribution: attribution)
    }

    /// Imports ESCO skills and merges them into this taxonomy (`screener taxonomy import --esco FILE`).
    public func importingESCO(skillsCSV: String) throws(ScreenerError) -> SkillTaxonomy {
        let (entries, attribution) = try Self.importESCO(skillsCSV: skillsCSV)
        return merged(with: entries, attribution: attribution)
    }

    /// A stable id from a name: lower case, `c++` → `cpp`, `c#` → `csharp`, `.net` → `dotnet`, `+` →
    /// `-plus`, `#` → `-sharp`, `&` → `-and-`, other non-alphanumerics → `-` (collapsed, trimmed).
    /// The same rule as `scripts/taxonomy/generate_taxonomy.py`.
    public static func slug(_ name: String) -> String {
        let source = Array(name.lowercased().unicodeScalars)
        var out = String.UnicodeScalarView()
        var dash = false
        func emit(_ u: Unicode.Scalar) {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                out.append(u)
                dash = false
            } else if !dash, !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        var i = 0
        outer: while i < source.count {
            for (from, to) in slugReplacements where i + from.count <= source.count {
                var same = true
                for k in 0..<from.count where source[i + k] != from[k] { same = false; break }
                if same {
                    to.forEach(emit)
                    i += from.count
                    continue outer
                }
            }
            emit(source[i])
            i += 1
        }
        var result = String(out)
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    private static let slugReplacements: [([Unicode.Scalar], [Unicode.Scalar])] = [
        ("c++", "cpp"), ("c#", "csharp"), ("f#", "fsharp"), (".net", "dotnet"), ("+", "-plus"), ("#", "-sharp"),
        ("&", "-and-"), ("/", "-"), ("'", ""),
    ].map { (Array($0.0.unicodeScalars), Array($0.1.unicodeScalars)) }

    private static func uniqueID(_ base: String, _ ids: inout Set<String>) -> String {
        let base = base.isEmpty ? "skill" : base
        var id = base
        var n = 2
        while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
        ids.insert(id)
        return id
    }

    /// Imported one-word forms that carry a capital letter are product names: match them case-sensitively.
    private static func importedCaseSensitive(_ forms: [String]) -> [String]? {
        let cs = forms.filter { f in
            let tokens = SkillTokenizer.tokenize(f)
            return tokens.count == 1 && f.unicodeScalars.contains { $0.properties.isUppercase }
        }
        return cs.isEmpty ? nil : cs
    }
}
