import Foundation

/// Word lists that tell job titles, employers and locations apart in work-history headers.
/// Written for Screener.
enum JobTitleLexicon {
    static let titleWords: Set<String> = [
        "engineer", "developer", "manager", "analyst", "consultant", "intern", "assistant", "director", "lead", "specialist", "officer",
        "administrator", "accountant", "designer", "architect", "coordinator", "supervisor", "associate", "executive", "representative",
        "technician", "teacher", "nurse", "clerk", "advisor", "adviser", "scientist", "programmer", "tester", "head", "president", "vp",
        "owner", "founder", "cofounder", "co-founder", "trainee", "apprentice", "instructor", "professor", "lecturer", "tutor", "chef", "cook",
        "driver", "operator", "mechanic", "electrician", "plumber", "carpenter", "welder", "pilot", "attorney", "lawyer", "paralegal", "counsel",
        "auditor", "bookkeeper", "controller", "cashier", "teller", "agent", "broker", "recruiter", "generalist", "partner", "principal",
        "secretary", "receptionist", "editor", "writer", "author", "journalist", "photographer", "artist", "therapist", "physician", "doctor",
        "pharmacist", "dentist", "surgeon", "paramedic", "caregiver", "aide", "volunteer", "researcher", "fellow", "student", "coach", "trainer",
        "planner", "buyer", "merchandiser", "strategist", "marketer", "salesperson", "sales", "cfo", "ceo", "cto", "coo", "cio", "chief", "dba",
        "devops", "sre", "superintendent", "foreman", "inspector", "estimator", "surveyor", "draftsman", "drafter", "handler", "worker",
        "laborer", "server", "bartender", "host", "hostess", "housekeeper", "attendant", "steward", "stewardess", "guard", "investigator",
        "underwriter", "actuary", "economist", "statistician", "librarian", "counselor", "counsellor", "psychologist", "social", "dietitian",
        "nutritionist", "veterinarian", "technologist", "hygienist", "sonographer", "radiographer", "phlebotomist", "lpn", "rn", "cna", "emt",
        "faculty", "dean", "principal", "headmaster", "administrator", "programmer/analyst", "scrum", "master", "product", "owner",
        "ambassador", "liaison", "facilitator", "organizer", "organiser", "storekeeper", "dispatcher", "scheduler", "processor", "expediter",
        "custodian", "janitor", "landscaper", "farmer", "agronomist", "rancher", "mason", "painter", "installer", "machinist", "assembler",
        "fabricator", "welder", "lineman", "crew", "staff", "officer", "commander", "sergeant", "captain", "lieutenant", "soldier", "airman",
        "marine", "sailor", "projektleiter", "leiter", "entwickler", "berater", "ingenieur", "softwareentwickler", "ingénieur",
        "développeur", "developpeur", "chef", "responsable", "directeur", "ingeniero", "desarrollador", "gerente", "jefe", "analista",
        "consultor", "consultora", "graduate", "senior", "junior", "sr", "jr", "trainee", "internship", "freelance", "freelancer", "contractor",
    ]
    /// Titles words that alone are too weak ("senior", "staff") only count with another word.
    static let weakTitleWords: Set<String> = ["senior", "junior", "sr", "jr", "staff", "graduate", "social", "product", "master", "crew", "host", "server", "sales", "partner", "principal", "associate", "head", "lead", "chief", "student"]

    static let companySuffixes: Set<String> = [
        "inc", "inc.", "llc", "ltd", "ltd.", "limited", "corp", "corp.", "corporation", "company", "co", "co.", "gmbh", "ag", "plc", "pvt", "pvt.",
        "private", "technologies", "technology", "solutions", "systems", "services", "bank", "university", "hospital", "group", "labs",
        "consulting", "partners", "associates", "sa", "s.a.", "bv", "b.v.", "nv", "srl", "spa", "pty", "llp", "lp", "software", "industries",
        "enterprises", "holdings", "international", "global", "infotech", "infosys", "tcs", "wipro", "accenture", "ibm", "oracle", "microsoft",
        "google", "amazon", "deloitte", "capgemini", "cognizant", "college", "school", "institute", "agency", "department", "ministry", "council",
        "foundation", "clinic", "center", "centre", "restaurant", "hotel", "store", "stores", "media", "studio", "studios", "network", "networks",
        "communications", "pharmaceuticals", "motors", "airlines", "airways", "insurance", "financial", "capital", "ventures", "county", "city",
    ]

    /// The lower-cased runs of letters, "-", "/" and "." in `s`, each trimmed of "." at its ends
    /// (a run of dots alone becomes "").
    static func words(_ s: String) -> [String] {
        if let ascii = asciiWords(s) { return ascii }
        return s.lowercased().split(whereSeparator: { !isLetterFast($0) && $0 != "-" && $0 != "/" && $0 != "." }).map { String($0).trimmingCharacters(fast: FastTrimSet(charactersIn: ".")) }
    }

    /// ``words(_:)`` on the bytes of an all-ASCII `s` (nil otherwise): there each byte is a
    /// `Character` (CR LF, one `Character`, separates as its two bytes do), the letters are
    /// A–Z and a–z, and lower-casing maps byte to byte.
    static func asciiWords(_ s: String) -> [String]? {
        var s = s
        return s.withUTF8 { t -> [String]? in
            var out: [String] = []
            var i = 0
            let n = t.count
            while i < n {
                let b = t[i]
                guard b < 0x80 else { return nil }
                let isPart = (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2D || b == 0x2F || b == 0x2E
                guard isPart else { i += 1; continue }
                var j = i
                while j < n, t[j] < 0x80, (t[j] | 0x20 >= 0x61 && t[j] | 0x20 <= 0x7A) || t[j] == 0x2D || t[j] == 0x2F || t[j] == 0x2E { j += 1 }
                if j < n && t[j] >= 0x80 { return nil }
                var a = i, e = j
                while a < e && t[a] == 0x2E { a += 1 }
                while e > a && t[e - 1] == 0x2E { e -= 1 }
                out.append(String(unsafeUninitializedCapacity: e - a) { buf in
                    for k in a..<e { let c = t[k]; buf[k - a] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                    return e - a
                })
                i = j
            }
            return out
        }
    }

    /// Title score: number of title words, with weak words counting only next to a strong one.
    static func titleScore(_ s: String) -> Int {
        let w = words(s)
        let strong = w.filter { titleWords.contains($0) && !weakTitleWords.contains($0) }.count
        let weak = w.filter { weakTitleWords.contains($0) }.count
        return strong > 0 ? strong + weak : 0
    }

    static func companyScore(_ s: String) -> Int {
        words(s).filter { companySuffixes.contains($0) }.count + (s.contains("Company Name") ? 2 : 0)
    }

    static let regionNames: [String] = [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho",
        "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
        "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
        "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
        "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "State", "USA", "United States", "UK",
        "United Kingdom", "England", "Scotland", "Wales", "Ireland", "India", "Canada", "Australia", "Germany", "France", "Spain", "Italy",
        "Netherlands", "Singapore", "UAE", "Ontario", "Quebec", "British Columbia", "Alberta", "Karnataka", "Maharashtra", "Tamil Nadu",
        "Kerala", "Telangana", "Andhra Pradesh", "Uttar Pradesh", "Gujarat", "Haryana", "Delhi", "West Bengal", "Odisha", "Punjab", "Rajasthan",
    ]
    static let locationRegex = try! NSRegularExpression(pattern: #"^[A-Z][A-Za-z.'\- ]{1,30}\s*,\s*(?:[A-Z]{2}|"# + regionNames.joined(separator: "|") + #")(?:\s*,\s*(?:[A-Z]{2,3}|"# + regionNames.joined(separator: "|") + #"))?\.?$|^(?:Remote|Hybrid|On-?site)$"#)

    /// False only when ``locationRegex`` cannot match: each of its branches starts with a capital
    /// A–Z, and the first needs a comma while the second is "Remote", "Hybrid" or "On(-)site".
    static func mayBeLocationShape(_ t: String) -> Bool {
        guard let first = t.utf8.first, first >= 0x41 && first <= 0x5A else { return false }
        return t.utf8.contains(0x2C) || t.hasPrefix("Remote") || t.hasPrefix("Hybrid") || t.hasPrefix("On")
    }

    static func isLocation(_ s: String) -> Bool {
        let t = s.trimmingCharacters(fast: FastTrimSet(charactersIn: " -–,|"))
        guard !t.isEmpty, t.count <= 50 else { return false }
        if mayBeLocationShape(t), locationRegex.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil {
            // "Acme, Inc" is not a location.
            return (companyScore(t) == 0 && titleScore(t) == 0) || t.hasPrefix("City")
        }
        let lower = t.lowercased()
        if ContactExtractor.indiaCues.contains(lower) { return true }
        if ["usa", "united states", "uk", "united kingdom", "india", "canada", "germany", "france", "remote"].contains(lower) { return true }
        return false
    }
}
