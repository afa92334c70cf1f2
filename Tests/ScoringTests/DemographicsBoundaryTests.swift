import Foundation
import Testing
import ScreenerCore
@testable import Scoring

/// Demographic self-identification never reaches a scoring model: the model inputs
/// (`RedactedProfile`, `JobCriteria`, ATS answers) hold no `Demographics` value anywhere.
@Suite("Demographics boundary")
struct DemographicsBoundaryTests {
    /// Walks every stored value reachable from `value` and reports any `Demographics`-typed one.
    func containsDemographics(_ value: Any, depth: Int = 0) -> Bool {
        if value is Demographics || value is Demographics.Sex || value is Demographics.RaceEthnicity { return true }
        if depth > 8 { return false }
        return Mirror(reflecting: value).children.contains { containsDemographics($0.value, depth: depth + 1) }
    }

    @Test func modelInputsCarryNoDemographics() {
        // Given a fully populated profile and criteria
        var r = Fixtures.resume("Jane Doe\nShe is a Swift engineer. Gender: Female. Religion: none.", name: "Jane Doe")
        r.work = [.init(name: "Acme", position: "Engineer", startDate: .init(year: 2020), isCurrent: true)]
        r.education = [.init(institution: "Uni", level: .bachelor, endDate: .init(year: 2015))]
        r.languages = [.init(language: "English", cefr: "C2")]
        let p = Redactor().redact(r)
        // Then neither input reaches a Demographics value, and the stated gender is redacted
        #expect(!containsDemographics(p))
        #expect(!containsDemographics(Fixtures.backendJob))
        #expect(p.redactions.contains { $0.kind == "gender" })
        #expect(!p.text.contains("Female") && !p.text.contains("She"))
        // And the checker itself can fail
        #expect(containsDemographics(Demographics(sex: .female)))
        #expect(containsDemographics(["x": Demographics(race: .asian)]))
    }
}
