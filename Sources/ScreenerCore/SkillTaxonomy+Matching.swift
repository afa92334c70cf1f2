import Foundation

/// A token trie over every surface form of every entry, built once per taxonomy.
///
/// Matching (`matches(in:entries:)`), in one left-to-right pass over the tokens of the text:
/// 1. **Tokens.** Words are maximal runs of letters/digits; every other non-space scalar is its own
///    token, so punctuation-bearing names (`C++`, `C#`, `.NET`, `Node.js`, `CI/CD`, `A/B testing`,
///    `TCP/IP`, `P&L`) are token sequences. A hyphen between two words counts as a space.
///    Mentions therefore start and end on word boundaries: `C` never matches inside `CEO`, `Go`
///    never inside `Google`.
/// 2. **Longest match.** At each token the trie is walked as far as the text allows; the longest form
///    that passes the rules below wins and the scan resumes after it ("Microsoft Excel" over "Excel",
///    "Spring Boot" over "Spring"). If no form passes, the scan moves one token on.
/// 3. **Glue.** A mention is rejected when `&`, `+`, `#`, `_` or `@` is glued to either side of it
///    (`R&D`, `C+` grade), when it sits inside a dotted identifier (`Vue` in `foo.Vue.x`), or when it
///    starts with punctuation glued to a preceding word. Web and e-mail addresses are skipped whole
///    (`https://…/Java-Developer`, `jane.java@example.com`).
/// 4. **Case.** Forms listed in `caseSensitive` or `ambiguous`, and every form with at most two letters,
///    match only with their exact case (`Go`, `R`, `C`; never the verb "go"). A form of three or more
///    letters that is not itself all capitals also matches its ALL-CAPS rendering (`JAVA` in a heading),
///    unless another form in the taxonomy is spelled exactly that way (`SWIFT` the payments network).
///    Other forms ignore case, except that an all-capitals form of 2–5 letters (`SAN`, `SQL`) is not
///    matched by a Title-case word (`San Francisco`).
/// 5. **Strict boundaries** for ambiguous forms and forms of at most two letters: no hyphenated
///    compound (`C-level`, `Go-live`), no apostrophe glued to the word before or a letter after
///    (`O'R`; `Go's` is fine), and a single letter between two capitalised words and followed by a
///    period is a name initial (`John C. Smith`), as is a letter between a capitalised word that is
///    not part of any skill name and another capitalised word (`Karthihayini C Systems Engineer`).
/// 6. **Context** for ambiguous forms: the next word (skipping `,` `/` `'`) must not be in
///    `notFollowedBy` (`#year`: a 4-digit year 1900–2099 or 2 digits, `#number`: any number), the
///    previous word must not be in `notPrecededBy`, and when `requiresContext` is set one of its words
///    must occur within `SkillTaxonomy.contextWindow` tokens.
/// Cost: one pass to tokenise, one hash-table probe (``UInt64Table``) per token to map it to a vocabulary id (tokens
/// are identified by a 64-bit FNV-1a hash of their lower-case scalars, so no strings are built), then
/// integer-keyed trie steps; the text is read again only to check case and context of candidate hits.
/// (Two different words share a 64-bit hash with probability about vocabulary × distinct words / 2⁶⁴,
/// around 10⁻¹⁰ for a resume against the O*NET-extended taxonomy.)
struct SkillMatcherIndex: Sendable {
    struct Form: Sendable {
        var entry: Int32
        /// Original-case tokens of the form, for the case check.
        var exact: [String]
        var upper: [String]
        var caseSensitive: Bool
        var allowUpper: Bool
        var strict: Bool
        var ambiguous: Bool
        var singleLetter: Bool
        var leadingPunct: Bool
        /// An all-capitals form of 2–5 letters that ignores case (`SAN`, `SQL`): its Title-case spelling
        /// in a text is a word or a name ("San Francisco"), so that spelling is rejected.
        var acronym: Bool
    }

    struct Rules: Sendable {
        var notFollowedBy: Set<UInt64>
        var notPrecededBy: Set<UInt64>
        var requiresContext: Set<UInt64>
        var followedByYear = false, followedByNumber = false, precededByYear = false, precededByNumber = false
    }

    /// Lower-case token hash → vocabulary id, for every token of every form.
    private(set) var vocabulary = UInt64Table()
    /// Trie edges: `(node << 32) | (token id << 1) | separated-by-space` → child node.
    private(set) var edges = UInt64Table()
    /// Forms ending at each node (node 0 is the root).
    private(set) var terminals: [[Int32]] = [[]]
    private(set) var forms: [Form] = []
    /// Context rules per entry index (nil when the entry has no ambiguous form).
    private(set) var rules: [Rules?] = []

    /// `&` `+` `#` `_` `@`
    @inline(__always) static func isGlue(_ p: UInt32) -> Bool { p == 0x26 || p == 0x2B || p == 0x23 || p == 0x5F || p == 0x40 }
    /// `,` `/` and apostrophes are skipped when looking for the neighbouring word.
    @inline(__always) static func isContextSkip(_ p: UInt32) -> Bool { p == 0x2C || p == 0x2F || isApostrophe(p) }
    @inline(__always) static func isApostrophe(_ p: UInt32) -> Bool { p == 0x27 || p == 0x2019 }
    static let period: UInt32 = 0x2E
    static let sHash = SkillTokenizer.hash("s")

    @inline(__always)
    static func edgeKey(_ node: Int32, _ token: Int32, _ space: Bool) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 32) | (UInt64(UInt32(bitPattern: token)) << 1) | (space ? 1 : 0)
    }

    init(entries: [SkillTaxonomy.Entry]) {
        var exactSpellings: [String: Set<String>] = [:]  // normalised key → exact spellings of all forms
        var pending: [(tokens: [SkillToken], key: String, form: Form)] = []
        rules = Array(repeating: nil, count: entries.count)
        for (ei, e) in entries.enumerated() {
            let cs = Set(e.caseSensitive ?? [])
            let amb = Set(e.ambiguous ?? [])
            if !amb.isEmpty {
                func split(_ words: [String]?) -> (Set<UInt64>, year: Bool, number: Bool) {
                    let w = (words ?? []).map { $0.lowercased() }
                    return (Set(w.map(SkillTokenizer.hash)), w.contains("#year"), w.contains("#number"))
                }
                let after = split(e.notFollowedBy)
                let before = split(e.notPrecededBy)
                rules[ei] = Rules(
                    notFollowedBy: after.0, notPrecededBy: before.0,
                    requiresContext: Set((e.requiresContext ?? []).map { SkillTokenizer.hash($0.lowercased()) }),
                    followedByYear: after.year, followedByNumber: after.number,
                    precededByYear: before.year, precededByNumber: before.number
                )
            }
            var seen: Set<String> = []
            for form in e.forms {
                let tokens = SkillTokenizer.tokenize(form)
                guard !tokens.isEmpty else { continue }
                let exact = tokens.map { SkillTokenizer.original($0, in: form) }
                let joined = exact.joined(separator: "\u{1}")
                guard seen.insert(joined).inserted else { continue }
                let letters = form.unicodeScalars.filter { $0.properties.isAlphabetic }.count
                let isAmbiguous = amb.contains(form)
                let upper = exact.map { $0.uppercased() }
                let f = Form(
                    entry: Int32(ei), exact: exact, upper: upper,
                    caseSensitive: cs.contains(form) || isAmbiguous || letters <= 2,
                    allowUpper: letters >= 3 && upper != exact, strict: isAmbiguous || letters <= 2,
                    ambiguous: isAmbiguous, singleLetter: letters == 1 && tokens.count == 1,
                    leadingPunct: !tokens[0].isWord,
                    acronym: !(cs.contains(form) || isAmbiguous) && (2...5).contains(letters)
                        && form.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic || $0.properties.isUppercase }
                )
                let key = SkillTokenizer.normalizedKey(form)
                exactSpellings[key, default: []].insert(joined)
                pending.append((tokens, key, f))
            }
        }
        for var p in pending {
            if p.form.allowUpper, exactSpellings[p.key]?.contains(p.form.upper.joined(separator: "\u{1}")) == true {
                p.form.allowUpper = false
            }
            var node: Int32 = 0
            for (k, t) in p.tokens.enumerated() {
                let id: Int32
                if let v = vocabulary[t.hash] {
                    id = v
                } else {
                    id = Int32(vocabulary.count)
                    vocabulary[t.hash] = id
                }
                let ek = Self.edgeKey(node, id, k > 0 && t.spaceBefore)
                if let child = edges[ek] {
                    node = child
                } else {
                    terminals.append([])
                    let child = Int32(terminals.count - 1)
                    edges[ek] = child
                    node = child
                }
            }
            forms.append(p.form)
            terminals[Int(node)].append(Int32(forms.count - 1))
        }
    }

    func matches(in text: String, entries: [SkillTaxonomy.Entry]) -> [SkillTaxonomy.Match] {
        let tokens = SkillTokenizer.tokenize(text)
        let n = tokens.count
        var ids = [Int32](repeating: -1, count: n)
        for k in 0..<n { if let v = vocabulary[tokens[k].hash] { ids[k] = v } }
        Self.blankURLsAndEmails(tokens, &ids)
        var out: [SkillTaxonomy.Match] = []
        var candidates: [(end: Int, node: Int32)] = []
        var accepted: [Int32] = []
        var i = 0
        while i < n {
            guard ids[i] >= 0 else { i += 1; continue }
            candidates.removeAll(keepingCapacity: true)
            var node: Int32 = 0
            var j = i
            while j < n, ids[j] >= 0, let child = edges[Self.edgeKey(node, ids[j], j > i && tokens[j].spaceBefore)] {
                node = child
                j += 1
                if !terminals[Int(node)].isEmpty { candidates.append((j, node)) }
            }
            var advanced = false
            for c in candidates.reversed() {
                accepted.removeAll(keepingCapacity: true)
                for t in terminals[Int(c.node)] {
                    let f = forms[Int(t)]
                    if !accepted.contains(f.entry), accepts(f, tokens: tokens, ids: ids, text: text, from: i, to: c.end) {
                        accepted.append(f.entry)
                    }
                }
                guard !accepted.isEmpty else { continue }
                let range = TextRange(start: tokens[i].start, end: tokens[c.end - 1].end)
                let matched = String(text.unicodeScalars[tokens[i].startIndex..<tokens[c.end - 1].endIndex])
                for ei in accepted {
                    let e = entries[Int(ei)]
                    out.append(SkillTaxonomy.Match(id: e.id, name: e.name, category: e.category, range: range, matchedText: matched))
                }
                i = c.end
                advanced = true
                break
            }
            if !advanced { i += 1 }
        }
        return out
    }

    /// Tokens of web addresses and e-mail addresses never start or continue a mention: a run of glued
    /// tokens (no whitespace inside) that contains `://`, starts with `www.`, or contains `@` between
    /// words is blanked (`https://indeed.com/r/Java-Developer`, `jane.java@example.com`).
    static func blankURLsAndEmails(_ tokens: [SkillToken], _ ids: inout [Int32]) {
        let n = tokens.count
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, !tokens[end].spaceBefore || tokens[end].hyphenBefore { end += 1 }
            if end - start >= 3 {
                var isAddress = false
                for k in start..<end {
                    let p = tokens[k].punct
                    if p == 0x3A, k + 2 < end, tokens[k + 1].punct == 0x2F, tokens[k + 2].punct == 0x2F { isAddress = true; break }
                    if p == 0x40, k > start, k + 1 < end, tokens[k - 1].isWord, tokens[k + 1].isWord { isAddress = true; break }
                    if k == start, tokens[k].hash == wwwHash, k + 1 < end, tokens[k + 1].punct == period { isAddress = true; break }
                }
                if isAddress { for k in start..<end { ids[k] = -1 } }
            }
            start = end
        }
    }

    static let wwwHash = SkillTokenizer.hash("www")

    @inline(__always)
    private static func equal(_ t: SkillToken, _ text: String, _ s: String) -> Bool {
        text.unicodeScalars[t.startIndex..<t.endIndex].elementsEqual(s.unicodeScalars)
    }

    private func accepts(_ f: Form, tokens: [SkillToken], ids: [Int32], text: String, from i: Int, to j: Int) -> Bool {
        // Case.
        if f.caseSensitive {
            var same = true
            for k in 0..<f.exact.count where !Self.equal(tokens[i + k], text, f.exact[k]) { same = false; break }
            if !same {
                guard f.allowUpper else { return false }
                for k in 0..<f.upper.count where !Self.equal(tokens[i + k], text, f.upper[k]) { return false }
            }
        }
        if f.acronym {
            for k in i..<j where tokens[k].isWord && tokens[k].firstIsUppercase
                && text.unicodeScalars[tokens[k].startIndex..<tokens[k].endIndex].contains(where: { $0.properties.isLowercase }) {
                return false
            }
        }
        let first = tokens[i]
        let prev: SkillToken? = i > 0 ? tokens[i - 1] : nil
        let next: SkillToken? = j < tokens.count ? tokens[j] : nil
        // Glue on either side.
        if let p = prev, !first.spaceBefore {
            if Self.isGlue(p.punct) { return false }
            if f.leadingPunct, p.isWord { return false }
            if p.punct == Self.period, i >= 2, !p.spaceBefore, tokens[i - 2].isWord { return false }
        }
        if let nx = next, !nx.spaceBefore {
            if Self.isGlue(nx.punct) { return false }
            if nx.punct == Self.period, j + 1 < tokens.count, tokens[j + 1].isWord, !tokens[j + 1].spaceBefore { return false }
        }
        if f.strict {
            if first.hyphenBefore || (next?.hyphenBefore ?? false) { return false }
            if let p = prev, !first.spaceBefore, Self.isApostrophe(p.punct) { return false }
            if let nx = next, !nx.spaceBefore, Self.isApostrophe(nx.punct),
               j + 1 < tokens.count, tokens[j + 1].isWord, !tokens[j + 1].spaceBefore, tokens[j + 1].hash != Self.sHash {
                return false
            }
            if f.singleLetter, let nx = next, nx.punct == Self.period, !nx.spaceBefore,
               let p = prev, p.isWord, p.firstIsUppercase,
               j + 1 < tokens.count, tokens[j + 1].isWord, tokens[j + 1].firstIsUppercase {
                return false
            }
            // "Karthihayini C Systems": a letter between a capitalised non-skill word and a capitalised word.
            if f.singleLetter, let p = prev, let nx = next, p.isWord, p.firstIsUppercase, ids[i - 1] < 0,
               first.spaceBefore, nx.isWord, nx.spaceBefore, nx.firstIsUppercase {
                return false
            }
        }
        // Context rules.
        if f.ambiguous, let r = rules[Int(f.entry)] {
            var k = j
            while k < tokens.count, Self.isContextSkip(tokens[k].punct) { k += 1 }
            if k < tokens.count, Self.listed(tokens[k], text, r.notFollowedBy, year: r.followedByYear, number: r.followedByNumber) {
                return false
            }
            k = i - 1
            while k >= 0, Self.isContextSkip(tokens[k].punct) { k -= 1 }
            if k >= 0, Self.listed(tokens[k], text, r.notPrecededBy, year: r.precededByYear, number: r.precededByNumber) {
                return false
            }
            if !r.requiresContext.isEmpty {
                let lo = max(0, i - SkillTaxonomy.contextWindow)
                let hi = min(tokens.count, j + SkillTaxonomy.contextWindow)
                var found = false
                for k in lo..<hi where (k < i || k >= j) && r.requiresContext.contains(tokens[k].hash) {
                    found = true
                    break
                }
                if !found { return false }
            }
        }
        return true
    }

    /// Whether a neighbouring token is in a rule's word list; `#number` = any all-digit token,
    /// `#year` = 2 digits, or 4 digits starting with 19 or 20.
    private static func listed(_ t: SkillToken, _ text: String, _ words: Set<UInt64>, year: Bool, number: Bool) -> Bool {
        if words.contains(t.hash) { return true }
        guard t.digits > 0 else { return false }
        if number { return true }
        guard year else { return false }
        if t.digits == 2 { return true }
        guard t.digits == 4 else { return false }
        let prefix = text.unicodeScalars[t.startIndex...].prefix(2).map(\.value)
        return prefix == [0x31, 0x39] || prefix == [0x32, 0x30]
    }
}
