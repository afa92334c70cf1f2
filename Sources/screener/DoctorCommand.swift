import ArgumentParser
import Foundation
import ScreenerCore
import ScreenerServer

/// `screener doctor`: reports insecure settings (see `Doctor` for the rules). Exit 1 when any
/// finding is an error.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Report insecure settings: data key, secrets, bind address, file permissions.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "table or json") var format: OutputFormat = .table

    /// Whether the operator noted TLS termination in front of a non-loopback bind.
    /// `server.tlsTerminatedUpstream`: a proxy in front terminates TLS.
    static func tlsTerminatedUpstream(_ configuration: ScreenerConfiguration) -> Bool { configuration.server.tlsTerminatedUpstream }

    func run() async throws {
        let runtime = try Runtime(global)
        var env = ProcessInfo.processInfo.environment
        // The configuration's `dataKey` counts as a configured key, as it does for `serve`.
        if (env["SCREENER_DATA_KEY"] ?? "").isEmpty, let ref = runtime.configuration.dataKey { env["SCREENER_DATA_KEY"] = ref }
        let facts = Doctor.Facts.gather(configuration: runtime.configuration, environment: env, tlsTerminatedUpstream: Self.tlsTerminatedUpstream(runtime.configuration))
        let findings = Doctor.check(runtime.configuration, facts: facts)
        switch format {
        case .json: try printJSON(findings)
        case .table:
            if findings.isEmpty { print("no findings") } else {
                printTable(["SEVERITY", "CODE", "MESSAGE"], findings.map { [$0.severity.rawValue, $0.code, $0.message] })
            }
        }
        let code = Doctor.exitCode(findings)
        if code != 0 { throw ExitCode(code) }
    }
}
