import Foundation

/// The skills taxonomy: canonical skills with aliases, categories and related skills, and a matcher
/// that finds mentions in free text.
///
/// The bundled data (`Resources/skills-taxonomy.json`) is written by the Screener project and generated
/// from the hand-written lists in `scripts/taxonomy/`. Users may extend it with the public O*NET and ESCO
/// downloads (`importONET(technologySkillsTSV:)`, `importESCO(skillsCSV:)`, `merged(with:attribution:)`);
/// imported entries name their `source`, and the taxonomy keeps one `Attribution` per source.
///
/// Matching rules live in the data, per entry (see `Entry`); `matches(in:)` documents how they apply.
public struct SkillTaxonomy: Sendable {
    public struct Entry: Codable, Sendable, Equatable, Hashable {
        /// Stable id, e.g. `swift`, `postgresql`, `gaap`.
        public var id: String
        /// Canonical display name, e.g. `PostgreSQL`.
        public var name: String
        /// e.g. `programming-language`, `database`, `accounting`, `healthcare`.
        public var category: String
        /// Other spellings and abbreviations (`Postgres`, `psql`).
        public var aliases: [String]
        /// Ids of related skills (partial credit in scoring).
        public var related: [String]
        /// Surface forms (the name or aliases) that match only with this exact letter case
        /// (an ALL-CAPS rendering is also accepted for forms of three or more letters, see `matches(in:)`).
        /// Forms with at most two letters are always case-sensitive.
        public var caseSensitive: [String]?
        /// Surface forms that are also ordinary words, letters or names ("Go", "R", "Spring", "Excel").
        /// They are case-sensitive, use strict word boundaries, and are subject to the context rules below.
        public var ambiguous: [String]?
        /// Lower-case words that veto an ambiguous form when they come right after it ("Spring semester",
        /// "Excel at"). `#year` stands for a year (`2019`, `'19`), `#number` for any number.
        public var notFollowedBy: [String]?
        /// Lower-case words that veto an ambiguous form when they come right before it ("vitamin C").
        public var notPrecededBy: [String]?
        /// If set, an ambiguous form matches only when one of these lower-case words occurs within
        /// `SkillTaxonomy.contextWindow` tokens of it ("Chef" needs "Puppet", "Ansible", "DevOps"…).
        public var requiresContext: [String]?
        /// Forms this entry deliberately shares with another entry (e.g. `L&D`); a mention yields one
        /// match per entry whose case rules accept it.
        public var sharedAliases: [String]?
        /// `Attribution.id` of the dataset this entry was imported from; nil for Screener's own entries.
        public var source: String?

        public init(id: String, name: String, category: String, aliases: [String] = [], related: [String] = []) {
            self.id = id
            self.name = name
            self.category = category
            self.aliases = aliases
            self.related = related
        }

        public init(
            id: String, name: String, category: String, aliases: [String] = [], related: [String] = [],
            caseSensitive: [String]? = nil, ambiguous: [String]? = nil, notFollowedBy: [String]? = nil,
            notPrecededBy: [String]? = nil, requiresContext: [String]? = nil, sharedAliases: [String]? = nil,
            source: String? = nil
        ) {
            self.init(id: id, name: name, category: category, aliases: aliases, related: related)
            self.caseSensitive = caseSensitive
            self.ambiguous = ambiguous
            self.notFollowedBy = notFollowedBy
            self.notPrecededBy = notPrecededBy
            self.requiresContext = requiresContext
            self.sharedAliases = sharedAliases
            self.source = source
        }

        /// The canonical name followed by the aliases.
        public var forms: [String] { [name] + aliases }
    }

    /// Where imported entries came from, and under which licence.
    public struct Attribution: Codable, Sendable, Equatable, Hashable {
        /// Short key that imported entries put in `Entry.source`, e.g. `onet`, `esco`.
        public var id: String
        public var title: String
        public var publisher: String
        public var licence: String
        public var url: String
        /// The attribution statement the publisher asks re-users to show.
        public var notice: String
        /// Imported entries added as new skills, and imported entries merged into existing skills
        /// (their spellings became aliases there).
        public var addedEntries: Int
        public var mergedEntries: Int

        public init(
            id: String, title: String, publisher: String, licence: String, url: String, notice: String,
            addedEntries: Int = 0, mergedEntries: Int = 0
        ) {
            self.id = id
            self.title = title
            self.publisher = publisher
            self.licence = licence
            self.url = url
            self.notice = notice
            self.addedEntries = addedEntries
            self.mergedEntries = mergedEntries
        }
    }

    /// One mention of a skill in a text.
    public struct Match: Sendable, Equatable {
        public var id: String
        public var name: String
        public var category: String
        /// Unicode-scalar offsets into the searched text.
        public var range: TextRange
        public var matchedText: String
        public init(id: String, name: String, category: String, range: TextRange, matchedText: String) {
            self.id = id
            self.name = name
            self.category = category
            self.range = range
            self.matchedText = matchedText
        }
    }

    /// Tokens on each side of an ambiguous mention searched for its `requiresContext` words.
    public static let contextWindow = 50

    public let version: String
    /// Who wrote the data (the bundled file says: the Screener project).
    public let source: String?
    public let licence: String?
    /// One record per imported dataset.
    public let attribution: [Attribution]
    public let entries: [Entry]
    private let byID: [String: Int]
    /// Normalised form key → indices of the entries owning it.
    private let byKey: [String: [Int]]
    let index: SkillMatcherIndex

    public init(version: String, entries: [Entry]) {
        self.init(version: version, source: nil, licence: nil, attribution: [], entries: entries)
    }

    public init(version: String, source: String?, licence: String?, attribution: [Attribution], entries: [Entry]) {
        self.version = version
        self.source = source
        self.licence = licence
        self.attribution = attribution
        self.entries = entries
        var byID: [String: Int] = [:]
        var byKey: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            if byID[e.id] == nil { byID[e.id] = i }
            for form in e.forms {
                let key = SkillTokenizer.normalizedKey(form)
                guard !key.isEmpty else { continue }
                if !(byKey[key]?.contains(i) ?? false) { byKey[key, default: []].append(i) }
            }
        }
        self.byID = byID
        self.byKey = byKey
        self.index = SkillMatcherIndex(entries: entries)
    }

    public func entry(id: String) -> Entry? { byID[id].map { entries[$0] } }

    /// Looks a skill up by canonical name or alias, ignoring letter case, whitespace and hyphen-vs-space.
    /// When several skills share the form, the one whose spelling matches exactly wins ("SWIFT" → the
    /// payments network, "Swift" → the language); otherwise the first in the file.
    public func lookup(_ name: String) -> Entry? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let owners = byKey[SkillTokenizer.normalizedKey(trimmed)], !owners.isEmpty else { return nil }
        if owners.count > 1, let exact = owners.first(where: { entries[$0].forms.contains(trimmed) }) {
            return entries[exact]
        }
        return entries[owners[0]]
    }

    public func related(to id: String) -> [Entry] { (entry(id: id)?.related ?? []).compactMap { entry(id: $0) } }

    /// Every mention of a taxonomy skill in `text`, in order of appearance. See `SkillMatcherIndex` for
    /// the word-boundary, case and context rules.
    public func matches(in text: String) -> [Match] {
        index.matches(in: text, entries: entries)
    }

    /// Problems that make the data inconsistent: duplicate ids, related ids that do not exist, forms
    /// shared by two entries without both marking them in `sharedAliases`, rule forms that are not a
    /// name or alias. Empty when the taxonomy is sound.
    public func validationProblems() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for e in entries where !seen.insert(e.id).inserted { problems.append("duplicate id \(e.id)") }
        for e in entries {
            for r in e.related where byID[r] == nil { problems.append("\(e.id): unknown related id \(r)") }
            let keys = Set(e.forms.map(SkillTokenizer.normalizedKey))
            let ruleForms = (e.caseSensitive ?? []) + (e.ambiguous ?? []) + (e.sharedAliases ?? [])
            for f in ruleForms where !keys.contains(SkillTokenizer.normalizedKey(f)) {
                problems.append("\(e.id): rule form '\(f)' is not a name or alias")
            }
        }
        for (key, owners) in byKey where owners.count > 1 {
            for o in owners {
                let shared = Set((entries[o].sharedAliases ?? []).map(SkillTokenizer.normalizedKey))
                if !shared.contains(key) {
                    problems.append("\(entries[o].id): form '\(key)' shared with another entry but not marked")
                }
            }
        }
        return problems.sorted()
    }
}
