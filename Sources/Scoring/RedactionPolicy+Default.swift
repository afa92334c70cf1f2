/// The default redaction policy as a JSON document. Written for Screener (no outside source or
/// licence). Kinds:
///
/// - `name`, `email`, `phone`, `address`, `postcode`, `profile_link`: also taken literally from the
///   parsed `basics` (name in forward, reversed and first-last order; emails; phones; location
///   address and postcode; profile URLs), then by the patterns below.
/// - `photo`: images never reach `ParsedResume.text`; the rule removes photo captions/labels.
/// - `date_of_birth`, `age`, `gender`, `pronoun`, `title` (honorifics), `marital_status` (and family
///   status), `nationality` (citizenship, visa and work-permit wording: work authorisation is an ATS
///   knockout, not a model input), `religion`.
/// - `year`: every four-digit year 1900–2099, which covers graduation years and other dates that
///   reveal age. Experience durations stay, as months in the structured profile.
extension RedactionPolicy {
    public static let defaultJSON = #"""
    {
      "version": "screener-redaction-2",
      "priority": ["email", "profile_link", "name", "phone", "date_of_birth", "age", "address", "postcode",
                   "photo", "gender", "marital_status", "nationality", "religion", "title", "pronoun", "year"],
      "tokens": {
        "name": "[NAME]", "email": "[EMAIL]", "phone": "[PHONE]", "address": "[ADDRESS]",
        "postcode": "[POSTCODE]", "profile_link": "[LINK]", "photo": "[PHOTO]", "date_of_birth": "[DOB]",
        "age": "[AGE]", "gender": "[GENDER]", "pronoun": "[PRONOUN]", "title": "[TITLE]",
        "marital_status": "[FAMILY]", "nationality": "[NATIONALITY]", "religion": "[RELIGION]", "year": "[YEAR]"
      },
      "rules": [
        {"kind": "email", "caseInsensitive": true, "note": "email addresses",
         "pattern": "[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\\.[A-Z0-9-]+)*\\.[A-Z]{2,}"},
        {"kind": "profile_link", "caseInsensitive": true, "note": "web links (personal profiles, portfolios)",
         "pattern": "\\b(?:https?://|www\\.)[^\\s<>()\"]+"},
        {"kind": "profile_link", "caseInsensitive": true, "note": "profile hosts written without a scheme",
         "pattern": "\\b(?:[a-z0-9-]+\\.)*(?:linkedin|github|gitlab|bitbucket|indeed|twitter|facebook|instagram|behance|dribbble|medium|stackoverflow|about|angel|kaggle|xing)\\.(?:com|me|io|in|co)(?:/[^\\s<>()\"]*)?"},
        {"kind": "phone", "caseInsensitive": false, "note": "telephone numbers: 9 to 15 digits with separators",
         "minDigits": 9, "maxDigits": 15, "skipIfOnlyYears": true,
         "pattern": "(?<![\\w+])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,5}(?:[\\s.-]?\\d{2,5}){1,4}(?![\\w])"},
        {"kind": "date_of_birth", "caseInsensitive": true, "note": "date of birth with its value (rest of the line, up to 40 characters)",
         "pattern": "\\b(?:date\\s+of\\s+birth|d\\.o\\.b\\.?|dob|birth\\s*date|born\\s+on|born\\s+in)\\b[^\\n]{0,40}"},
        {"kind": "age", "caseInsensitive": true, "note": "stated age",
         "pattern": "\\bage\\s*[:\\-]\\s*\\d{1,2}\\b|\\b\\d{1,2}\\s*(?:years|yrs)\\s+old\\b|\\baged\\s+\\d{1,2}\\b"},
        {"kind": "address", "caseInsensitive": true, "note": "labelled postal address (rest of the line)",
         "pattern": "\\b(?:home\\s+|postal\\s+|permanent\\s+|residential\\s+)?address\\s*[:\\-][^\\n]*"},
        {"kind": "address", "caseInsensitive": false, "note": "street address: number, name, street type",
         "pattern": "\\b\\d{1,5}\\s+(?:[A-Z][A-Za-z]+\\.?\\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Highway|Hwy|Nagar|Marg)\\b\\.?"},
        {"kind": "postcode", "caseInsensitive": true, "note": "labelled postal code",
         "pattern": "\\b(?:zip|zip\\s*code|post\\s*code|postal\\s+code|pin|pin\\s*code)\\s*[:\\-]?\\s*[A-Z0-9]{3,5}(?:[\\s-][A-Z0-9]{3,4})?\\b"},
        {"kind": "postcode", "caseInsensitive": false, "note": "US state + ZIP",
         "pattern": "\\b[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?\\b"},
        {"kind": "postcode", "caseInsensitive": false, "note": "UK postcode",
         "pattern": "\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s+\\d[A-Z]{2}\\b"},
        {"kind": "photo", "caseInsensitive": true, "note": "photo labels and captions; images themselves never reach the text",
         "pattern": "\\b(?:photo|photograph|headshot)\\s*[:\\-][^\\n]*"},
        {"kind": "gender", "caseInsensitive": true, "note": "stated gender or sex",
         "pattern": "\\b(?:gender|sex)\\s*[:\\-]\\s*(?:male|female|man|woman|non-binary|nonbinary|m|f)\\b"},
        {"kind": "marital_status", "caseInsensitive": true, "note": "marital status with its value",
         "pattern": "\\b(?:marital|civil)\\s+status\\b\\s*[:\\-]?\\s*[A-Za-z]*"},
        {"kind": "marital_status", "caseInsensitive": true, "note": "marital and family words",
         "pattern": "\\b(?:married|unmarried|divorced|widowed|widow|widower|spouse|husband|wife|fianc[eé]e?)\\b"},
        {"kind": "marital_status", "caseInsensitive": true, "note": "children and parental status",
         "pattern": "\\b(?:\\d+|one|two|three|four|five)\\s+(?:children|kids|sons|daughters)\\b|\\b(?:mother|father)\\s+of\\s+(?:\\d+|one|two|three|four|five)\\b|\\b(?:maternity|paternity|parental)\\s+leave\\b"},
        {"kind": "marital_status", "caseInsensitive": true, "note": "relatives' names",
         "pattern": "\\b(?:father|mother|husband|spouse|guardian)(?:'s|s)?\\s+name\\b[^\\n]*"},
        {"kind": "nationality", "caseInsensitive": true, "note": "labelled nationality, citizenship, passport",
         "pattern": "\\b(?:nationality|citizenship|passport(?:\\s+(?:no\\.?|number))?)\\b\\s*[:\\-]?[^\\n,;]{0,30}"},
        {"kind": "nationality", "caseInsensitive": true, "note": "citizen-of wording",
         "pattern": "\\b(?:[A-Z][a-z]+|U\\.?S\\.?|UK|EU)\\s+(?:citizen|citizenship|national)\\b|\\bcitizen\\s+of\\s+[A-Za-z ]{2,30}"},
        {"kind": "nationality", "caseInsensitive": true, "note": "visa and work-permit wording",
         "pattern": "\\b(?:green\\s+card(?:\\s+holder)?|permanent\\s+resident|h-?1b|h-?4\\s+ead|tn\\s+visa|work\\s+visa|visa(?:\\s+status)?|work\\s+permit|(?:requires?|need|needs)\\s+sponsorship)\\b"},
        {"kind": "religion", "caseInsensitive": true, "note": "labelled religion",
         "pattern": "\\breligion\\b\\s*[:\\-]?\\s*[A-Za-z]*"},
        {"kind": "religion", "caseInsensitive": true, "note": "religious affiliation words",
         "pattern": "\\b(?:christian|christianity|muslim|islam|islamic|hindu|hinduism|jewish|judaism|buddhist|buddhism|sikh|sikhism|catholic|protestant|baptist|methodist|lutheran|mormon|evangelical|church|mosque|synagogue|bible|quran|koran|torah)\\b"},
        {"kind": "title", "caseInsensitive": false, "note": "honorifics before a name",
         "pattern": "\\b(?:Mr|MR|Mrs|MRS|Ms|Miss|MISS|Mx|Sir|Madam|Dame|Shri|Smt|Sri)\\b\\.?(?=\\s+[A-Z])"},
        {"kind": "pronoun", "caseInsensitive": true, "note": "gendered pronouns",
         "pattern": "\\b(?:he|she|him|her|his|hers|himself|herself)\\b"},
        {"kind": "year", "caseInsensitive": false, "note": "four-digit years (graduation and other age-revealing dates)",
         "pattern": "(?<![\\d])(?:19|20)\\d{2}(?![\\d])"}
      ]
    }
    """#
}
