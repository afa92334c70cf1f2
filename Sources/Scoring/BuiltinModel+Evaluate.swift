import Foundation
import ScreenerCore

extension BuiltinModel {
    /// How a skill requirement is met: `how` 0 = missing, 1 = listed, 2 = text mention,
    /// 3 = related skill; `slot` indexes the profile's skill arrays (−1 when none).
    @inline(__always)
    func skillCredit(_ s: PreparedCriteria.PreparedSkill, _ p: PreparedProfile) -> (credit: Double, slot: Int, how: Int) {
        for k in s.keys { let i = p.skillSlot(k); if i >= 0 { return (1, i, 1) } }
        if !s.tokens.isEmpty {
            var all = true
            for t in s.tokens where !p.mentions(t) { all = false; break }
            if all { return (textMentionCredit, -1, 2) }
        }
        for k in s.relatedKeys { let i = p.skillSlot(k); if i >= 0 { return (relatedCredit, i, 3) } }
        return (0, -1, 0)
    }

    /// Years credit × recency of a met skill (see `BuiltinModel`).
    @inline(__always)
    func depth(_ s: PreparedCriteria.PreparedSkill, slot: Int, _ p: PreparedProfile) -> Double {
        var years = 0.5, recency = 0.8
        if slot >= 0 {
            let m = p.skillMonths[slot], since = p.skillSince[slot]
            if m >= 0 { years = min(1, Double(m) / 12 / max(0.25, s.minYears ?? 3)) }
            if since >= 0 { recency = since <= 12 ? 1 : max(0.3, exp(-Double(since - 12) / 48)) }
        }
        return years * recency
    }

    @inline(__always)
    func experienceScore(years y: Double, minimum m: Double) -> Double {
        if m <= 0 { return 1 }
        return y < m ? 0.8 * y / m : 0.8 + 0.2 * (1 - exp(-(y - m) / max(1, m)))
    }

    @inline(__always)
    func educationScore(_ req: JobCriteria.EducationRequirement, _ p: PreparedProfile) -> Double {
        let need = req.minimum.rank, have = p.educationRank
        var s = have >= need ? 1.0 : (have == need - 1 || have < 0 ? 0.5 : 0)
        if !req.fields.isEmpty, !p.educationAreas.isEmpty {
            let fields = req.fields.map { $0.lowercased() }
            if !p.educationAreas.contains(where: { a in fields.contains { a.contains($0) } }) { s *= 0.8 }
        }
        return s
    }

    @inline(__always)
    func certificationFound(_ cert: (name: String, tokens: [UInt64]), _ p: PreparedProfile) -> Bool {
        for c in p.certificates where c.contains(cert.name) || cert.name.contains(c) { return true }
        if cert.tokens.isEmpty { return false }
        for t in cert.tokens where !p.mentions(t) { return false }
        return true
    }

    @inline(__always)
    func languageScore(key: UInt64, level: Int, _ p: PreparedProfile) -> Double {
        if p.languageKeys.isEmpty { return 0.5 }
        guard let i = p.languageKeys.firstIndex(of: key) else { return 0 }
        let have = p.languageLevels[i]
        return have >= level || have == 0 ? 1 : 0.7 * Double(have) / Double(level)
    }

    /// BM25 by merging the sorted term lists, as a share ρ of the saturation value.
    @inline(__always)
    func lexicalShare(_ p: PreparedProfile, _ c: PreparedCriteria) -> Double {
        let K = Float(k1) * (1 - Float(b) + Float(b) * p.length / max(1, c.averageLength))
        var acc: Float = 0
        c.queryHashes.withUnsafeBufferPointer { qh in
            c.queryWeights.withUnsafeBufferPointer { qw in
                p.termHashes.withUnsafeBufferPointer { ph in
                    p.termFreqs.withUnsafeBufferPointer { pf in
                        var i = 0, j = 0
                        let nq = qh.count, np = ph.count
                        while i < nq && j < np {
                            let a = qh[i], bb = ph[j]
                            if a == bb {
                                let tf = pf[j]
                                acc += qw[i] * tf / (tf + K)
                                i += 1; j += 1
                            } else if a < bb { i += 1 } else { j += 1 }
                        }
                    }
                }
            }
        }
        return Double(acc / c.maxLexical)
    }

    /// Computes every sub-score (formulas on `BuiltinModel`): the allocation-free fast path.
    func evaluate(_ p: PreparedProfile, _ c: PreparedCriteria) -> ComponentScores {
        var out = ComponentScores()
        let f = c.flat
        let n = f.weight.count
        if n > 0 {
            var depthNum = 0.0, depthDen = 0.0
            var reqNum = 0.0, reqDen = 0.0, prefNum = 0.0, prefDen = 0.0
            let relatedCredit = self.relatedCredit, textCredit = self.textMentionCredit
            f.keys.withUnsafeBufferPointer { keys in
            f.tokens.withUnsafeBufferPointer { toks in
            f.related.withUnsafeBufferPointer { rel in
                for i in 0..<n {
                    var credit = 0.0, slot = -1
                    for k in f.keyStart[i]..<f.keyStart[i + 1] {
                        let x = p.skillSlot(keys[k]); if x >= 0 { slot = x; credit = 1; break }
                    }
                    if credit == 0, f.tokenStart[i] < f.tokenStart[i + 1] {
                        var all = true
                        for k in f.tokenStart[i]..<f.tokenStart[i + 1] where !p.mentions(toks[k]) { all = false; break }
                        if all { credit = textCredit }
                    }
                    if credit == 0 {
                        for k in f.relatedStart[i]..<f.relatedStart[i + 1] {
                            let x = p.skillSlot(rel[k]); if x >= 0 { slot = x; credit = relatedCredit; break }
                        }
                    }
                    let w = f.weight[i]
                    var d = 0.0
                    if credit > 0 {
                        var years = 0.5, recency = 0.8
                        if slot >= 0 {
                            let m = p.skillMonths[slot], since = p.skillSince[slot]
                            if m >= 0 { years = min(1, Double(m) / 12 / max(0.25, f.minYears[i])) }
                            if since >= 0 { recency = since <= 12 ? 1 : max(0.3, exp(-Double(since - 12) / 48)) }
                        }
                        d = credit * years * recency
                    }
                    if i < f.requiredCount {
                        reqNum += w * credit; reqDen += w
                        depthNum += w * d; depthDen += w
                    } else {
                        prefNum += w * credit; prefDen += w
                        depthNum += 0.5 * w * d; depthDen += 0.5 * w
                    }
                }
            }}}
            if f.requiredCount > 0 { out.requiredSkills = reqDen > 0 ? reqNum / reqDen : 0 }
            if n > f.requiredCount { out.preferredSkills = prefDen > 0 ? prefNum / prefDen : 0 }
            if depthDen > 0 { out.skillDepth = depthNum / depthDen }
        }
        if let minY = c.criteria.minExperienceYears {
            out.experience = p.experienceKnown ? experienceScore(years: Double(p.experienceMonths) / 12, minimum: max(0, minY)) : 0.5
        }
        if let req = c.criteria.education { out.education = educationScore(req, p) }
        if !c.certifications.isEmpty {
            var found = 0.0
            for cert in c.certifications where certificationFound(cert, p) { found += 1 }
            out.certifications = found / Double(c.certifications.count)
        }
        if !c.languages.isEmpty {
            var sum = 0.0
            for l in c.languages { sum += languageScore(key: l.key, level: l.level, p) }
            out.languages = sum / Double(c.languages.count)
        }
        if c.maxLexical > 0 { out.lexical = 1 - exp(-lexicalShare(p, c) / lexicalScale) }
        out.computeTotal(c.weights)
        return out
    }

    /// The explanation of `evaluate`: one result per criterion, with evidence quotes from the
    /// redacted text.
    func explain(_ p: PreparedProfile, _ c: PreparedCriteria, _ cs: ComponentScores) -> [Score.CriterionResult] {
        var out: [Score.CriterionResult] = []
        let scalars = Array(p.profile.text.unicodeScalars)
        for (list, kind) in [(c.required, "requiredSkill"), (c.preferred, "preferredSkill")] {
            for s in list {
                let r = skillCredit(s, p)
                out.append(skillResult(s, kind: kind, credit: r.credit, how: r.how, slot: r.slot, p: p, scalars: scalars))
            }
        }
        if let minY = c.criteria.minExperienceYears {
            let y = Double(p.experienceMonths) / 12, m = max(0, minY)
            out.append(.init(kind: "experience", name: "\(fmt(m)) years of experience",
                             status: y >= m ? .matched : (y > 0 || !p.experienceKnown ? .partial : .missing), credit: cs.experience,
                             detail: p.experienceKnown ? "\(fmt(y)) years in work history" : "no work history parsed; counted as unknown"))
        }
        if let req = c.criteria.education {
            let s = cs.education, have = p.educationRank
            let haveName = have >= 0 ? ParsedResume.EducationLevel.allCases[have].rawValue : "unknown"
            out.append(.init(kind: "education", name: "\(req.minimum.rawValue) or above",
                             status: s >= 1 ? .matched : (s > 0 ? .partial : .missing), credit: s, detail: "highest: \(haveName)"))
        }
        for cert in c.certifications {
            let ok = certificationFound(cert, p)
            out.append(.init(kind: "certification", name: cert.name, status: ok ? .matched : .missing,
                             credit: ok ? 1 : 0, evidence: ok ? firstEvidence(TextTokenizer.tokens(cert.name).map(\.hash), p, scalars) : []))
        }
        for l in c.languages {
            let s = languageScore(key: l.key, level: l.level, p)
            out.append(.init(kind: "language", name: l.name, status: s >= 1 ? .matched : (s > 0 ? .partial : .missing),
                             credit: s, detail: p.languageKeys.isEmpty ? "no languages listed" : nil))
        }
        if c.maxLexical > 0 { out.append(lexicalResult(c, p, rho: lexicalShare(p, c), s: cs.lexical, scalars: scalars)) }
        return out
    }

    private func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    private func skillResult(_ s: PreparedCriteria.PreparedSkill, kind: String, credit: Double, how: Int, slot: Int, p: PreparedProfile, scalars: [Unicode.Scalar]) -> Score.CriterionResult {
        var detail: String? = nil
        var evidence: [Score.Evidence] = []
        if slot >= 0 {
            let sk = p.profile.skills[Int(p.skillIndex[slot])]
            var parts: [String] = []
            if how >= 3 { parts.append("related: \(sk.name)") }
            if let m = sk.monthsUsed { parts.append("\(fmt(Double(m) / 12)) years used") }
            if let ms = sk.monthsSinceLastUsed { parts.append(ms == 0 ? "in use" : "last used \(ms) months ago") }
            if let minY = s.minYears { parts.append("asked \(fmt(minY)) years") }
            detail = parts.isEmpty ? nil : parts.joined(separator: ", ")
            evidence = sk.evidence.prefix(2).map { ev in quote(scalars, ev.range, section: ev.section) }
        } else if how == 2 {
            detail = "mentioned in text, not listed as a skill"
            evidence = firstEvidence(TextTokenizer.tokens(s.name).map(\.hash), p, scalars)
        }
        let status: Score.Status = credit >= 1 ? .matched : (credit > 0 ? .partial : .missing)
        return .init(kind: kind, name: s.name, status: status, credit: credit, detail: detail, evidence: evidence)
    }

    private func lexicalResult(_ c: PreparedCriteria, _ p: PreparedProfile, rho: Double, s: Double, scalars: [Unicode.Scalar]) -> Score.CriterionResult {
        // Top matched query terms by contribution, with their first mention.
        var contrib: [(Int, Float)] = []
        for (i, h) in c.queryHashes.enumerated() {
            let tf = p.tf(h)
            if tf > 0 { contrib.append((i, c.queryWeights[i] * tf / (tf + 1))) }
        }
        contrib.sort { $0.1 != $1.1 ? $0.1 > $1.1 : c.queryTerms[$0.0] < c.queryTerms[$1.0] }
        let top = contrib.prefix(8).map { c.queryTerms[$0.0] }
        let evidence = contrib.prefix(3).flatMap { firstEvidence([c.queryHashes[$0.0]], p, scalars) }
        let status: Score.Status = s >= 0.66 ? .matched : (s > 0.2 ? .partial : .missing)
        return .init(kind: "keywords", name: "job text relevance (BM25)", status: status, credit: s,
                     detail: "\(String(format: "%.0f%%", rho * 100)) of saturation; terms: \(top.joined(separator: ", "))",
                     evidence: evidence)
    }

    /// First place where the first token occurs in the redacted text, as a line-level quote.
    private func firstEvidence(_ hashes: [UInt64], _ p: PreparedProfile, _ scalars: [Unicode.Scalar]) -> [Score.Evidence] {
        guard let h = hashes.first, let start = p.firstOffset(h) else { return [] }
        return [quote(scalars, TextRange(start: start, end: start + 1), section: nil)]
    }

    /// The line around `r` (at most 80 scalars either side), with its offsets into the redacted text.
    func quote(_ sc: [Unicode.Scalar], _ r: TextRange, section: String?) -> Score.Evidence {
        var s = min(max(0, r.start), sc.count), e = min(max(s, r.end), sc.count)
        while s > 0, sc[s - 1] != "\n", r.start - s < 80 { s -= 1 }
        while e < sc.count, sc[e] != "\n", e - r.end < 80 { e += 1 }
        while s < e, sc[s] == " " || sc[s] == "\t" { s += 1 }
        while e > s, sc[e - 1] == " " || sc[e - 1] == "\t" || sc[e - 1] == "\r" { e -= 1 }
        return Score.Evidence(quote: String(String.UnicodeScalarView(sc[s..<e])), range: TextRange(start: s, end: e), section: section)
    }
}
