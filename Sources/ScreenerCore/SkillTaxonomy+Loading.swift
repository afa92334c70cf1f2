import Foundation

extension ScreenerError.Code {
    /// A taxonomy file that cannot be read or decoded, or an import file without its expected columns.
    public static let invalidTaxonomy: ScreenerError.Code = "invalid_taxonomy"
}

extension SkillTaxonomy {
    /// The JSON document: `{ version, source, licence, attribution: [...], entries: [...] }`.
    struct Document: Codable {
        var version: String
        var source: String?
        var licence: String?
        var attribution: [Attribution]?
        var entries: [Entry]
    }

    /// The taxonomy shipped with Screener (`Resources/skills-taxonomy.json`), loaded and indexed once.
    /// A missing or broken resource is a packaging bug and stops the process with the error code.
    public static func bundled() -> SkillTaxonomy {
        switch bundledResult {
        case .success(let taxonomy): return taxonomy
        case .failure(let error): preconditionFailure("bundled skills taxonomy: \(error)")
        }
    }

    private static let bundledResult: Result<SkillTaxonomy, ScreenerError> = {
        do throws(ScreenerError) { return .success(try loadBundled()) } catch { return .failure(error) }
    }()

    /// Loads the bundled data file, throwing instead of stopping when it is missing or broken.
    public static func loadBundled() throws(ScreenerError) -> SkillTaxonomy {
        guard let url = Bundle.module.url(forResource: "skills-taxonomy", withExtension: "json", subdirectory: "Resources") else {
            throw ScreenerError(.invalidTaxonomy, "bundled skills-taxonomy.json is missing")
        }
        return try load(from: url)
    }

    /// Reads a taxonomy file written by `write(to:)` or by `scripts/taxonomy/generate_taxonomy.py`.
    public static func load(from url: URL) throws(ScreenerError) -> SkillTaxonomy {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScreenerError(.invalidTaxonomy, "cannot read the taxonomy file", cause: error)
        }
        return try decode(data)
    }

    /// Decodes the JSON document.
    public static func decode(_ data: Data) throws(ScreenerError) -> SkillTaxonomy {
        do {
            let doc = try JSONDecoder().decode(Document.self, from: data)
            return SkillTaxonomy(
                version: doc.version, source: doc.source, licence: doc.licence,
                attribution: doc.attribution ?? [], entries: doc.entries
            )
        } catch {
            throw ScreenerError(.invalidTaxonomy, "the taxonomy file is not a valid taxonomy document", cause: error)
        }
    }

    /// The JSON document (pretty-printed, keys sorted) that `load(from:)` reads back.
    public func encoded() throws(ScreenerError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(Document(
                version: version, source: source, licence: licence, attribution: attribution, entries: entries
            ))
        } catch {
            throw ScreenerError(.invalidTaxonomy, "cannot encode the taxonomy", cause: error)
        }
    }

    /// Saves the taxonomy (for `screener taxonomy import … --output FILE`).
    public func write(to url: URL) throws(ScreenerError) {
        let data = try encoded()
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ScreenerError(.invalidTaxonomy, "cannot write the taxonomy file", cause: error)
        }
    }

    /// This taxonomy extended with another one: entries with a new id are appended, entries whose id
    /// exists here gain the other's aliases and related ids (name and category stay). Attributions are
    /// united by id. Version: `"<self>+<other>"`.
    public func merged(with other: SkillTaxonomy) -> SkillTaxonomy {
        var list = entries
        var pos: [String: Int] = [:]
        for (i, e) in list.enumerated() where pos[e.id] == nil { pos[e.id] = i }
        for e in other.entries {
            if let i = pos[e.id] {
                let keys = Set(list[i].forms.map(SkillTokenizer.normalizedKey))
                list[i].aliases += e.forms.filter { !keys.contains(SkillTokenizer.normalizedKey($0)) }
                list[i].related += e.related.filter { !list[i].related.contains($0) && $0 != e.id }
            } else {
                pos[e.id] = list.count
                list.append(e)
            }
        }
        var attributions = attribution
        for a in other.attribution where !attributions.contains(where: { $0.id == a.id }) { attributions.append(a) }
        return SkillTaxonomy(
            version: "\(version)+\(other.version)", source: source, licence: licence,
            attribution: attributions, entries: list
        )
    }

    /// This taxonomy extended with imported entries (from `importONET` / `importESCO`).
    ///
    /// An imported entry whose name or alias is already a form here — directly, or after dropping
    /// leading vendor words ("Microsoft Excel" → "Excel", "Atlassian JIRA" → "JIRA") — is merged: its
    /// spellings become aliases of the existing skill. Otherwise it is added, with a unique id
    /// (`<id>-<source>` on collision) and `source = attribution.id`. The attribution is recorded with
    /// the counts of added and merged entries; importing the same source again replaces its record.
    public func merged(with imported: [Entry], attribution source: Attribution) -> SkillTaxonomy {
        var list = entries
        var ids: [String: Int] = [:]
        var keys: [String: Int] = [:]
        for (i, e) in list.enumerated() {
            if ids[e.id] == nil { ids[e.id] = i }
            for f in e.forms { let k = SkillTokenizer.normalizedKey(f); if keys[k] == nil { keys[k] = i } }
        }
        var added = 0
        var mergedCount = 0
        for var e in imported {
            let target = Self.existingIndex(for: e, keys: keys)
            if let t = target {
                for f in e.forms {
                    let k = SkillTokenizer.normalizedKey(f)
                    if keys[k] == nil {
                        list[t].aliases.append(f)
                        keys[k] = t
                    }
                }
                mergedCount += 1
                continue
            }
            e.source = source.id
            if ids[e.id] != nil {
                var candidate = "\(e.id)-\(source.id)"
                var n = 2
                while ids[candidate] != nil { candidate = "\(e.id)-\(source.id)-\(n)"; n += 1 }
                e.id = candidate
            }
            // Drop forms another entry already owns, so imported data never creates unmarked ambiguity.
            e.aliases = e.aliases.filter { keys[SkillTokenizer.normalizedKey($0)] == nil }
            e.related = e.related.filter { ids[$0] != nil }
            let i = list.count
            list.append(e)
            ids[e.id] = i
            for f in e.forms { let k = SkillTokenizer.normalizedKey(f); if keys[k] == nil { keys[k] = i } }
            added += 1
        }
        var record = source
        record.addedEntries = added
        record.mergedEntries = mergedCount
        var attributions = attribution.filter { $0.id != source.id }
        attributions.append(record)
        return SkillTaxonomy(version: version, source: self.source, licence: licence, attribution: attributions, entries: list)
    }

    /// The existing entry an imported one denotes: by any of its forms, then by the form with leading
    /// capitalised (vendor) words dropped one at a time, as long as the rest still carries a capital
    /// letter and at least three letters ("Microsoft Excel" → "Excel"; "fleece grading" is left alone).
    private static func existingIndex(for e: Entry, keys: [String: Int]) -> Int? {
        for f in e.forms {
            if let i = keys[SkillTokenizer.normalizedKey(f)] { return i }
        }
        func capitalised(_ w: String) -> Bool { w.unicodeScalars.first?.properties.isUppercase ?? false }
        for f in e.forms {
            var words = f.split(whereSeparator: { $0 == " " }).map(String.init)
            while words.count > 1, capitalised(words[0]) {
                words.removeFirst()
                guard words.contains(where: { $0.unicodeScalars.contains { $0.properties.isUppercase } }) else { break }
                let rest = words.joined(separator: " ")
                guard rest.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 3 else { break }
                if let i = keys[SkillTokenizer.normalizedKey(rest)] { return i }
            }
        }
        return nil
    }
}
