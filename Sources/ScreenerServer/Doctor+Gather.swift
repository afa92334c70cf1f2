import ATSIntegration
import Foundation
import ScreenerCore
import Storage

extension Doctor.Facts {
    /// Reads the facts `Doctor.check` needs off this machine: the data key's source and whether it
    /// loads, each integration secret's length and variety (the value itself is dropped at once),
    /// and the modes of the database folder and files. `tlsTerminatedUpstream` comes from the
    /// configuration (`server.tlsTerminatedUpstream`) once that key exists.
    public static func gather(configuration: ScreenerConfiguration, environment: [String: String], tlsTerminatedUpstream: Bool = false) -> Doctor.Facts {
        let spec = environment[DataKeyring.activeKeyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let dataKey: DataKey
        if spec.isEmpty {
            dataKey = .missing
        } else if spec.hasPrefix("file:") {
            let path = String(spec.dropFirst(5))
            dataKey = .file(path: path, mode: DataKeyring.permissions(path: path))
        } else {
            dataKey = .environment
        }
        var keyError: String?
        var retired = 0
        do {
            if let ring = try DataKeyring.loadIfConfigured(environment: environment) { retired = ring.retired.count }
        } catch let e as ScreenerError {
            // A missing active key is reported as no_data_key, a loose key file mode as
            // key_file_permissions; anything else about the key is data_key_invalid.
            if case .file(_, let mode?) = dataKey, mode & 0o077 != 0 {
            } else if !spec.isEmpty || e.code != .keyMissing {
                keyError = e.message
            }
        } catch {
            keyError = "unreadable key"
        }
        var secrets: [Secret] = []
        for integration in configuration.integrations {
            for ref in integration.secrets {
                var fact = Secret(integration: integration.name, reference: ref, length: nil)
                if ref.hasPrefix("file:") { fact.fileMode = DataKeyring.permissions(path: String(ref.dropFirst(5))) }
                if let value = try? SecretReference.resolve(ref, environment: environment) {
                    fact.length = value.count
                    fact.distinctBytes = Set(value).count
                    fact.valueLooksDev = Doctor.looksDev(value: value)
                }
                secrets.append(fact)
            }
        }
        var files: [FileMode] = []
        let db = configuration.database.path
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent().path
        if let m = DataKeyring.permissions(path: dir) { files.append(FileMode(path: dir, mode: m, isDirectory: true)) }
        for p in [db, db + "-wal", db + "-shm"] {
            if let m = DataKeyring.permissions(path: p) { files.append(FileMode(path: p, mode: m, isDirectory: false)) }
        }
        return Doctor.Facts(dataKey: dataKey, dataKeyError: keyError, retiredKeyCount: retired, secrets: secrets, files: files, tlsTerminatedUpstream: tlsTerminatedUpstream)
    }
}
