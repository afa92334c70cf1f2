@testable import ScreenerServer
import Testing

@Suite("Server event loops")
struct ServerEventLoopsTests {
    @Test(arguments: [(1, 1), (2, 2), (3, 3), (16, 16)])
    func oneLoopPerCore(_ cores: Int, _ loops: Int) {
        #expect(ServerEventLoops.count(environment: [:], cores: cores) == loops)
    }

    @Test func theEnvironmentOverrides() {
        #expect(ServerEventLoops.count(environment: ["SCREENER_SERVER_EVENT_LOOPS": "3"], cores: 2) == 3)
        #expect(ServerEventLoops.count(environment: ["SCREENER_SERVER_EVENT_LOOPS": "0"], cores: 8) == 8)
        #expect(ServerEventLoops.count(environment: ["SCREENER_SERVER_EVENT_LOOPS": "x"], cores: 8) == 8)
    }
}
