import Foundation
import ScreenerCore
import Testing
@testable import Scoring

@Suite("Shortlist revisions and diffs")
struct ShortlistDiffTests {
    typealias F = ShortlistFixtures

    @Test("the first revision is 1 and has no diff")
    func firstRevision() {
        // Given no previous revision
        // When built
        let s = F.build(F.mixed)
        // Then it is revision 1 with a nil diff
        #expect(s.revision == 1)
        #expect(s.diff == nil)
    }

    @Test("rebuilding with nothing changed gives the next revision and an empty diff")
    func unchanged() throws {
        // Given revision 1
        let r1 = F.build(F.mixed)
        // When rebuilt from the same candidates
        let r2 = F.build(F.mixed, previous: r1, now: F.now.addingTimeInterval(60))
        // Then the revision advances and the diff is present but empty
        #expect(r2.revision == 2)
        let d = try #require(r2.diff)
        #expect(d.previousRevision == 1)
        #expect(d.isEmpty)
        #expect(d.entered.isEmpty && d.left.isEmpty && d.moved.isEmpty)
        #expect(r2.entries == r1.entries)
    }

    @Test("candidates who enter, leave and move are reported with their ranks")
    func enterLeaveMove() throws {
        // Given revision 1 with a top-3 list: c-a, c-b, c-c
        let r1 = F.build(F.mixed, size: 3)
        #expect(r1.entries.map(\.candidateId) == ["c-a", "c-b", "c-c"])
        // When c-b is rescored lower, and a new candidate n-1 arrives at the top
        var next = F.mixed.filter { $0.candidateId != "c-b" }
        next.append(F.candidate("c-b", F.score(20)))
        next.append(F.candidate("n-1", F.score(99, required: [("Swift", 1), ("PostgreSQL", 1)])))
        let r2 = F.build(next, size: 3, previous: r1)
        // Then n-1 entered, c-b left, c-a moved 1→2 and c-c moved 3→3 is not a move
        #expect(r2.entries.map(\.candidateId) == ["n-1", "c-a", "c-c"])
        let d = try #require(r2.diff)
        #expect(d.previousRevision == 1)
        #expect(d.entered == ["n-1"])
        #expect(d.left == ["c-b"])
        #expect(d.moved == [.init(candidateId: "c-a", from: 1, to: 2)])
    }

    @Test("a knocked-out candidate leaves the list; a cleared one enters it")
    func knockoutChanges() throws {
        // Given revision 1 where c-e is knocked out
        let r1 = F.build(F.mixed)
        // When c-e's knockouts now pass and c-a becomes knocked out
        let cleared = F.mixed.map { c -> ShortlistCandidate in
            switch c.candidateId {
            case "c-e": F.candidate("c-e", c.score.withKnockouts([.init(field: "work_authorization", outcome: .passed)]))
            case "c-a": F.candidate("c-a", c.score.withKnockouts([.init(field: "work_authorization", outcome: .failed)]))
            default: c
            }
        }
        let r2 = F.build(cleared, previous: r1)
        // Then c-e entered at rank 1 and c-a left; the others keep their ranks
        let d = try #require(r2.diff)
        #expect(r2.entries.map(\.candidateId) == ["c-e", "c-b", "c-c", "c-d"])
        #expect(d.entered == ["c-e"])
        #expect(d.left == ["c-a"])
        #expect(d.moved.isEmpty)
        #expect(r2.knockedOut.map(\.candidateId) == ["c-a"])
    }

    @Test("moves are listed in new rank order and lefts in old rank order")
    func orderOfChanges() throws {
        // Given a, b, c, d ranked in that order
        let base = ["a", "b", "c", "d"].enumerated().map { i, id in F.candidate(id, F.score(Double(90 - i * 10))) }
        let r1 = F.build(base)
        // When the order reverses and a and b drop below the cut
        let rev = ["a", "b", "c", "d"].enumerated().map { i, id in F.candidate(id, F.score(Double(50 + i * 10))) }
        let r2 = F.build(rev, minScore: 65, previous: r1)
        // Then d moved 4→1, c moved 3→2, and a, b left in their old order
        let d = try #require(r2.diff)
        #expect(d.moved == [.init(candidateId: "d", from: 4, to: 1), .init(candidateId: "c", from: 3, to: 2)])
        #expect(d.left == ["a", "b"])
        #expect(d.entered.isEmpty)
        #expect(r2.revision == 2)
    }
}
