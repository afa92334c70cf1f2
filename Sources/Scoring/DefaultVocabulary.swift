/// Generic words of resumes and job ads that carry little evidence of fit. Used only to lower their
/// default IDF (`BM25Corpus.default`). Written for this project; no outside source.
public enum DefaultVocabulary {
    public static let common: [String] = [
        "experience", "work", "working", "worked", "team", "teams", "skill", "skills", "ability", "able",
        "responsible", "responsibilities", "responsibility", "duties", "job", "role", "position", "candidate",
        "company", "companies", "year", "years", "month", "months", "new", "good", "strong", "excellent",
        "great", "knowledge", "understanding", "using", "use", "used", "various", "ensure", "ensuring",
        "provide", "provided", "providing", "support", "supported", "help", "helped", "make", "made",
        "develop", "developed", "developing", "development", "manage", "managed", "management", "managing",
        "time", "high", "level", "levels", "based", "within", "day", "daily", "key", "multiple", "related",
        "requirement", "requirements", "required", "preferred", "plus", "environment", "opportunity",
        "opportunities", "looking", "join", "us", "we", "you", "our", "including", "include", "other",
        "one", "two", "three", "first", "best", "present", "current", "currently", "summary", "profile",
        "objective", "professional", "responsible", "successfully", "successful", "perform", "performed",
        "performing", "task", "tasks", "project", "projects", "process", "processes", "service", "services",
        "communication", "detail", "details", "effective", "effectively", "efficient", "new", "need",
        "needs", "well", "highly", "etc", "per", "activities", "activity", "area", "areas", "field",
        "information", "member", "members", "part", "member", "state", "city", "name", "education",
        "degree", "university", "college", "school", "certification", "certifications", "language",
        "languages", "english", "reference", "references", "available", "request", "upon", "personal",
    ]
}
