/// The default lint rules. Word lists written for this project. The gender-coded lists follow the
/// categories of Gaucher, D., Friesen, J. & Kay, A. C. (2011), "Evidence that gendered wording in job
/// advertisements exists and sustains gender inequality", Journal of Personality and Social
/// Psychology 101(1), 109–128; they are our own selection of word stems in the spirit of that
/// paper's appendix (not a copy), leaving out stems so common in job ads that they would flag almost
/// every ad (lead, analy, support, understand, respons, commit, depend). Licence: the project's own.
extension CriteriaLinter {
    public static let defaultRules: [Rule] = age + genderExplicit + genderCoded + nativeSpeaker + physical + nationality + religion + marital

    static let ageWhy = "Age wording screens out older (or younger) applicants, a protected group (ADEA in the US, Equality Act 2010 in the UK); describe the skills needed instead."
    static let age: [Rule] = [
        Rule(category: "age", pattern: #"\b(?:young|youthful)\b"#, explanation: ageWhy, severity: .error),
        Rule(category: "age", pattern: #"\b(?:recent|new|fresh)\s+(?:college\s+|university\s+)?grad(?:uate)?s?\b"#, explanation: ageWhy, severity: .error),
        Rule(category: "age", pattern: #"\bdigital\s+natives?\b"#, explanation: ageWhy, severity: .error),
        Rule(category: "age", pattern: #"\b(?:no\s+more\s+than|not\s+more\s+than|at\s+most|maximum\s+(?:of\s+)?|max\.?\s+|up\s+to)\s*\d+\s*\+?\s*years?\s+(?:of\s+)?(?:\w+\s+)?experience\b"#, explanation: ageWhy + " A cap on years of experience is a proxy for age.", severity: .error),
        Rule(category: "age", pattern: #"\b(?:aged?\s+(?:between\s+)?\d{2}\s*(?:-|to|and)\s*\d{2}|under\s+(?:the\s+age\s+of\s+)?\d{2}(?:\s+years)?\s+(?:of\s+age|old)|\d{2}\s*(?:-|to)\s*\d{2}\s+years\s+old)\b"#, explanation: ageWhy, severity: .error),
        Rule(category: "age", pattern: #"\b(?:energetic|high[-\s]energy)\b"#, explanation: "Often read as age-coded; say what the work requires.", severity: .warning),
    ]

    static let genderExplicit: [Rule] = [
        Rule(category: "gender_explicit", pattern: #"\b(?:male|female|men|women|man|woman|boys?|girls?|ladies|gentlemen)\s+(?:only|candidates?|applicants?|preferred)\b"#,
             explanation: "States a sex preference, which is unlawful in most jurisdictions.", severity: .error),
        Rule(category: "gender_explicit", pattern: #"\b(?:salesman|salesmen|chairman|foreman|craftsman|handyman|repairman|waitress|hostess|stewardess|guys)\b"#,
             explanation: "Gendered job word; use a neutral one (salesperson, chair, supervisor, server, team).", severity: .warning),
    ]

    static let mascWhy = "Masculine-coded word (Gaucher, Friesen & Kay 2011): such wording makes ads less appealing to women; consider a neutral phrasing."
    static let femWhy = "Feminine-coded word (Gaucher, Friesen & Kay 2011): balance the ad's wording; consider a neutral phrasing."
    static let genderCoded: [Rule] = [
        Rule(category: "gender_coded_masculine",
             pattern: #"\b(?:aggressive(?:ly)?|ambitious|assertive|athletic|autonomous|boastful|competitive|courageous|decisive|determined|dominant|dominate|dominating|fearless|forceful|headstrong|hierarchical|hostile|impulsive|independent|ninja|rock\s?star|outspoken|reckless|self[-\s]reliant|self[-\s]sufficient|self[-\s]confident|stubborn|superior|strong[-\s]willed|unflinching)\b"#,
             explanation: mascWhy, severity: .warning),
        Rule(category: "gender_coded_feminine",
             pattern: #"\b(?:affectionate|cheerful|compassionate|considerate|cooperative|emotional|empathetic|gentle|interpersonal|kind-hearted|loyal|modest|nurturing|nurture|pleasant|polite|quiet|sensitive|submissive|sympathetic|tender|warm|yielding)\b"#,
             explanation: femWhy, severity: .warning),
    ]

    static let nativeSpeaker: [Rule] = [
        Rule(category: "native_speaker", pattern: #"\bnative(?:[-\s]level)?\s+(?:\w+\s+)?speakers?\b|\bmother\s+tongue\b|\bnative\s+(?:english|german|french|spanish|italian|dutch|portuguese|japanese|chinese|mandarin|arabic)\b"#,
             explanation: nativeExplanation, severity: .error),
    ]

    static let physical: [Rule] = [
        Rule(category: "physical",
             pattern: #"\b(?:lift(?:ing)?\s+(?:up\s+to\s+)?\d+\s*(?:lbs?|pounds|kg|kilos?)|stand(?:ing)?\s+for\s+(?:long|extended|\d+)\s+(?:periods|hours)|physically\s+fit|good\s+physical\s+(?:condition|shape|health)|able[-\s]bodied|clean[-\s]shaven|height\s+(?:of|requirement|at\s+least)|minimum\s+height|perfect\s+(?:vision|eyesight|hearing)|must\s+be\s+able\s+to\s+(?:walk|stand|climb|kneel|carry))\b"#,
             explanation: "Physical requirement: keep it only if it is essential to this job (and say so), otherwise it excludes people with disabilities (ADA; reasonable accommodation).",
             severity: .warning),
    ]

    static let nationality: [Rule] = [
        Rule(category: "nationality",
             pattern: #"\b(?:(?:[a-z]+\s+)?(?:citizens?|nationals?)\s+only|must\s+be\s+(?:an?\s+)?(?:[a-z.]+\s+)?(?:citizen|national)|citizenship\s+(?:is\s+)?required|nationality|native[-\s]born|local\s+candidates\s+only)\b"#,
             explanation: "Nationality or citizenship requirement: national origin is protected; ask about work authorisation as an ATS knockout instead, unless the law requires citizenship for this role.",
             severity: .error),
    ]

    static let religion: [Rule] = [
        Rule(category: "religion",
             pattern: #"\b(?:christian|muslim|islamic|hindu|jewish|catholic|protestant|buddhist|sikh|church[-\s]going|god[-\s]fearing|religious|religion|faith[-\s]based)\b"#,
             explanation: "Religious wording: religion is protected; remove it unless the employer is a religious organisation with a lawful exemption.",
             severity: .error),
    ]

    static let marital: [Rule] = [
        Rule(category: "marital_status",
             pattern: #"\b(?:(?:married|unmarried|single)\s+(?:candidates?|applicants?|men|women|persons?|people)|marital\s+status|no\s+(?:children|kids|family\s+(?:commitments|obligations|ties))|without\s+(?:children|family\s+(?:commitments|obligations)))\b"#,
             explanation: "Marital or family status is protected in many jurisdictions and stands in for sex; remove it.",
             severity: .error),
    ]
}
