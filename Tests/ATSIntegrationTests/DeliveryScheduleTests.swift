import ATSIntegration
import Foundation
import Testing

@Suite("Delivery schedule")
struct DeliveryScheduleTests {
    let schedule = DeliverySchedule.standard

    @Test("the schedule is 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 24 h: eight attempts")
    func scheduleShape() {
        #expect(schedule.waits == [0, 5, 300, 1800, 7200, 18000, 36000, 86400])
        #expect(schedule.maxAttempts == 8)
    }

    @Test("with r = 0.5 the jitter is zero and the wait is the schedule's", arguments: Array(1...7))
    func middleJitterIsExact(attempt: Int) {
        // Given attempt `attempt` failed and no server request, When r = 0.5
        let d = schedule.nextAttemptDelay(afterAttempt: attempt, serverRequested: nil, random: 0.5)
        // Then the delay is exactly the wait before the next attempt
        #expect(d == schedule.waits[attempt])
    }

    @Test("jitter stays within ±20 %", arguments: [0.0, 0.25, 0.75, 0.999999])
    func jitterBounds(r: Double) throws {
        for attempt in 1...6 {
            let d = try #require(schedule.nextAttemptDelay(afterAttempt: attempt, serverRequested: nil, random: r))
            let base = schedule.waits[attempt]
            #expect(d >= base * 0.8 - 1e-9 && d <= base * 1.2 + 1e-9)
            #expect(abs(d - base * (1 + 0.2 * (2 * r - 1))) < 1e-6)
        }
        #expect(schedule.nextAttemptDelay(afterAttempt: 1, serverRequested: nil, random: 0) == 4)
    }

    @Test("after the eighth attempt the post-back goes to the dead letter")
    func deadLetterAfterLast() {
        #expect(schedule.nextAttemptDelay(afterAttempt: 8, serverRequested: nil, random: 0.5) == nil)
        #expect(schedule.nextAttemptDelay(afterAttempt: 9, serverRequested: 10, random: 0.5) == nil)
        #expect(schedule.nextAttemptDelay(afterAttempt: 0, serverRequested: nil, random: 0.5) == nil)
    }

    @Test("a longer server request wins; a shorter one does not shorten the schedule")
    func serverRequestHonoured() {
        // Given attempt 1 failed with Retry-After 120 s, where the schedule says 5 s
        #expect(schedule.nextAttemptDelay(afterAttempt: 1, serverRequested: 120, random: 0.5) == 120)
        // And a request shorter than the schedule keeps the schedule
        #expect(schedule.nextAttemptDelay(afterAttempt: 2, serverRequested: 2, random: 0.5) == 300)
        // And a negative or non-finite request is ignored
        #expect(schedule.nextAttemptDelay(afterAttempt: 1, serverRequested: -5, random: 0.5) == 5)
        #expect(schedule.nextAttemptDelay(afterAttempt: 1, serverRequested: .infinity, random: 0.5) == 5)
    }

    @Test("every delay is capped at 24 h, server request or jitter")
    func capAt24Hours() {
        #expect(schedule.nextAttemptDelay(afterAttempt: 3, serverRequested: 3 * 86400, random: 0.5) == 86400)
        #expect(schedule.nextAttemptDelay(afterAttempt: 7, serverRequested: nil, random: 0.99) == 86400)
    }
}
