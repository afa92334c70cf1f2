import Foundation
import ATSIntegration
import ModelProviders
import ResumeParsing
import ScreenerCore
import Yams

/// Everything `screener serve` needs, with defaults. Loaded from a YAML (or JSON) file given by
/// `--config FILE` or `SCREENER_CONFIG`, then overridden by `SCREENER_*` environment variables.
///
/// | key | env override | default |
/// |---|---|---|
/// | `server.host` | `SCREENER_SERVER_HOST` | `127.0.0.1` |
/// | `server.port` | `SCREENER_SERVER_PORT` | `8080` |
/// | `server.maxBodyBytes` | `SCREENER_SERVER_MAX_BODY_BYTES` | 5 MiB |
/// | `server.tlsTerminatedUpstream` | `SCREENER_SERVER_TLS_TERMINATED_UPSTREAM` | false |
/// | `server.intakeFastPath` | `SCREENER_SERVER_INTAKE_FAST_PATH` | true |
/// | `server.timeouts.default`, `.webhooks`, `.audits` | — | 30, 10, 120 seconds per request |
/// | `database.path` | `SCREENER_DATABASE_PATH` | `./data/screener.sqlite` |
/// | `profilesDirectory` | `SCREENER_PROFILES_DIRECTORY` | `./webhooks` |
/// | `workers.count` | `SCREENER_WORKERS_COUNT` | 2 |
/// | `workers.maxAttempts` | `SCREENER_WORKERS_MAX_ATTEMPTS` | 8 |
/// | `workers.leaseSeconds` | `SCREENER_WORKERS_LEASE_SECONDS` | 60 |
/// | `workers.pollSeconds` | `SCREENER_WORKERS_POLL_SECONDS` | 0.25 |
/// | `logging.level` | `SCREENER_LOG_LEVEL` | `info` |
/// | `logging.format` | `SCREENER_LOG_FORMAT` | `text` (`json` for JSON lines) |
/// | `parsing.workers` | `SCREENER_PARSING_WORKERS` | 2 |
/// | `parsing.deadlineSeconds` | — | 15 |
/// | `parsing.inProcess` | — | false |
/// | `parsing.ocr` | `SCREENER_PARSING_OCR` | true (scanned PDFs are OCRed with tesseract) |
/// | `parsing.ocrMaxPages` | — | 5 |
/// | `parsing.workerAllocator` | `SCREENER_PARSING_WORKER_ALLOCATOR` | `jemalloc` when installed (`system`: the C library's) |
/// | `parsing.tessdataPath` | — | `TESSDATA_PREFIX`, then `/usr/share/tesseract-ocr/5/tessdata` |
/// | `delivery.debounceSeconds` | `SCREENER_DELIVERY_DEBOUNCE_SECONDS` | 10 |
/// | `delivery.leaseSeconds` | — | 60 |
/// | `scoring` | — | `{adapter: builtin}` (see `ModelSettings`) |
/// | `scoringModels` | — | none: named adapters a job picks with its criteria's `model` |
/// | `dataKey` | `SCREENER_DATA_KEY` (base64 or `file:PATH`) | none: `serve` refuses to start |
/// | `retention.rawEventsDays`, `.resumeFilesDays`, `.parsedTextDays`, `.scoresDays`, `.auditDataDays` | — | 30, 90, 180, 730, 730 |
/// | `integrations[]` | — | none |
/// | `integrations[].fetch` | — | https only, 10 MiB, 20 s (see `FetchSettings`) |
/// | `integrations[].postBack` | — | none: no post-backs (see `WriterSettings`) |
/// | `integrations[].assessment` | — | none: no Assessment Partner routes (see `GreenhouseAssessmentSettings`) |
///
/// Integration secrets are references, `env:NAME` or `file:PATH`, never literal values; they have no
/// default, and a missing one stops start-up with a message naming the reference.
public struct ScreenerConfiguration: Sendable, Codable, Equatable {
    public struct Server: Sendable, Codable, Equatable {
        public var host: String = "127.0.0.1"
        public var port: Int = 8080
        public var maxBodyBytes: Int = 5 * 1024 * 1024
        /// Set when a proxy in front terminates TLS (`screener doctor` then accepts a non-loopback bind).
        public var tlsTerminatedUpstream: Bool = false
        /// How long one request may take, by route.
        public var timeouts = RequestTimeouts()
        /// Webhook deliveries are answered from the HTTP event loop (`WebhookIntakeHandler`) when they
        /// verify and commit; anything else takes the router. Off: every request takes the router.
        public var intakeFastPath: Bool = true
        public init() {}
    }

    /// Per-route request time limits in seconds (body upload included); see `RequestTimeoutMiddleware`.
    public struct RequestTimeouts: Sendable, Codable, Equatable {
        public var `default`: Double = 30
        /// `POST /v1/webhooks/…`: ATSs wait about 10–30 s and retry.
        public var webhooks: Double = 10
        /// `GET /v1/audits`: tabulating every job can take a while.
        public var audits: Double = 120
        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            `default` = try c.decodeIfPresent(Double.self, forKey: .default) ?? `default`
            webhooks = try c.decodeIfPresent(Double.self, forKey: .webhooks) ?? webhooks
            audits = try c.decodeIfPresent(Double.self, forKey: .audits) ?? audits
        }

        /// The limit for a request path.
        public func seconds(forPath path: String) -> Double {
            if path.hasPrefix("/v1/webhooks/") { return webhooks }
            if path == "/v1/audits" || path.hasPrefix("/v1/audits/") { return audits }
            return `default`
        }

        func validate() throws {
            for (name, v) in [("default", `default`), ("webhooks", webhooks), ("audits", audits)] where !(v > 0 && v <= 3600) {
                throw ScreenerError(.invalidConfiguration, "server.timeouts.\(name) must be between 0 and 3600 seconds")
            }
        }
    }
    public struct Database: Sendable, Codable, Equatable {
        public var path: String = "./data/screener.sqlite"
        public init() {}
    }
    public struct Workers: Sendable, Codable, Equatable {
        public var count: Int = 2
        public var maxAttempts: Int = 8
        public var leaseSeconds: Double = 60
        public var pollSeconds: Double = 0.25
        public init() {}
    }
    public struct Logging: Sendable, Codable, Equatable {
        public var level: String = "info"
        public var format: String = "text"
        public init() {}
    }
    public struct Integration: Sendable, Codable, Equatable {
        /// Used in the URL: `POST /v1/webhooks/{name}`.
        public var name: String
        /// A folder name under `profilesDirectory`.
        public var profile: String
        /// Secret references; any one may match, so a rotation lists old and new.
        public var secrets: [String]
        /// How resumes are fetched for this integration (allow-listed hosts, size and time caps,
        /// ATS API credentials for thin payloads). Defaults: https only, 10 MiB, 20 s.
        public var fetch: FetchSettings?
        /// Where and how shortlists are posted back (`standard`, `greenhouse`, `lever`, `ashby`).
        /// Without it, the integration's jobs queue no post-backs.
        public var postBack: WriterSettings?
        /// Greenhouse's Assessment Partner mode (`greenhouse` integrations only): Screener serves
        /// `list_tests`, `send_test` and `test_status` and PATCHes results (see
        /// `GreenhouseAssessmentSettings`).
        public var assessment: GreenhouseAssessmentSettings?
        public init(name: String, profile: String, secrets: [String], fetch: FetchSettings? = nil, postBack: WriterSettings? = nil, assessment: GreenhouseAssessmentSettings? = nil) {
            self.name = name
            self.profile = profile
            self.secrets = secrets
            self.fetch = fetch
            self.postBack = postBack
            self.assessment = assessment
        }
    }

    /// Post-backs to the ATS.
    public struct Delivery: Sendable, Codable, Equatable {
        /// Candidate notes wait this long after their job's newest shortlist revision.
        public var debounceSeconds: Double = 10
        /// How long an attempt may take before a crashed one is claimed again (as uncertain).
        public var leaseSeconds: Double = 60
        public init() {}
    }

    /// The parse-worker pool: `screener parse-worker` child processes with rlimits and a deadline.
    public struct Parsing: Sendable, Codable, Equatable {
        public var workers: Int = 2
        public var deadlineSeconds: Double = 15
        /// Parse inside the server process instead (no isolation: development and tests only).
        public var inProcess: Bool = false
        /// OCR scanned PDFs with tesseract; off (or without traineddata), they fail `needs_ocr`.
        public var ocr: Bool = true
        /// Most pages OCRed per document, counted from the first.
        public var ocrMaxPages: Int = 5
        /// Folder holding `eng.traineddata` (nil: `TESSDATA_PREFIX`, then Debian's folder).
        public var tessdataPath: String?
        /// The parse workers' `malloc` (``WorkerAllocator``).
        public var workerAllocator: WorkerAllocator = .jemalloc
        public init() {}
    }

    public var server = Server()
    public var database = Database()
    public var profilesDirectory = "./webhooks"
    public var workers = Workers()
    public var logging = Logging()
    public var integrations: [Integration] = []
    public var parsing = Parsing()
    public var delivery = Delivery()
    /// The scoring adapter (`builtin` when absent): `openai`, `embeddings` or `ensemble` with their
    /// base URL, model, key reference, prices, budget and `fallback: builtin` (see `ModelSettings`).
    public var scoring: ModelSettings?
    /// Named scoring adapters (same shape as `scoring`); a job's criteria pick one with `model: NAME`.
    public var scoringModels: [String: ModelSettings] = [:]
    /// Days each data class is kept before the sweeper purges it.
    public var retention = RetentionPolicy()
    /// Where the data key is, as `file:PATH` (mode 0600). `SCREENER_DATA_KEY` wins when set.
    public var dataKey: String?

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        server = try c.decodeIfPresent(Server.self, forKey: .server) ?? Server()
        database = try c.decodeIfPresent(Database.self, forKey: .database) ?? Database()
        profilesDirectory = try c.decodeIfPresent(String.self, forKey: .profilesDirectory) ?? "./webhooks"
        workers = try c.decodeIfPresent(Workers.self, forKey: .workers) ?? Workers()
        logging = try c.decodeIfPresent(Logging.self, forKey: .logging) ?? Logging()
        integrations = try c.decodeIfPresent([Integration].self, forKey: .integrations) ?? []
        parsing = try c.decodeIfPresent(Parsing.self, forKey: .parsing) ?? Parsing()
        delivery = try c.decodeIfPresent(Delivery.self, forKey: .delivery) ?? Delivery()
        scoring = try c.decodeIfPresent(ModelSettings.self, forKey: .scoring)
        scoringModels = try c.decodeIfPresent([String: ModelSettings].self, forKey: .scoringModels) ?? [:]
        dataKey = try c.decodeIfPresent(String.self, forKey: .dataKey)
        retention = try c.decodeIfPresent(RetentionPolicy.self, forKey: .retention) ?? RetentionPolicy()
    }
}

extension ScreenerConfiguration.Delivery {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        debounceSeconds = try c.decodeIfPresent(Double.self, forKey: .debounceSeconds) ?? debounceSeconds
        leaseSeconds = try c.decodeIfPresent(Double.self, forKey: .leaseSeconds) ?? leaseSeconds
    }
}

extension ScreenerConfiguration.Parsing {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        workers = try c.decodeIfPresent(Int.self, forKey: .workers) ?? workers
        deadlineSeconds = try c.decodeIfPresent(Double.self, forKey: .deadlineSeconds) ?? deadlineSeconds
        inProcess = try c.decodeIfPresent(Bool.self, forKey: .inProcess) ?? inProcess
        ocr = try c.decodeIfPresent(Bool.self, forKey: .ocr) ?? ocr
        ocrMaxPages = try c.decodeIfPresent(Int.self, forKey: .ocrMaxPages) ?? ocrMaxPages
        tessdataPath = try c.decodeIfPresent(String.self, forKey: .tessdataPath)
        if let name = try c.decodeIfPresent(String.self, forKey: .workerAllocator) {
            guard let a = WorkerAllocator(rawValue: name) else {
                throw DecodingError.typeMismatch(WorkerAllocator.self, .init(
                    codingPath: c.codingPath + [CodingKeys.workerAllocator],
                    debugDescription: "expected one of \(WorkerAllocator.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'"))
            }
            workerAllocator = a
        }
    }
}

extension ScreenerConfiguration.Server {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? port
        maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? maxBodyBytes
        tlsTerminatedUpstream = try c.decodeIfPresent(Bool.self, forKey: .tlsTerminatedUpstream) ?? tlsTerminatedUpstream
        timeouts = try c.decodeIfPresent(ScreenerConfiguration.RequestTimeouts.self, forKey: .timeouts) ?? timeouts
        intakeFastPath = try c.decodeIfPresent(Bool.self, forKey: .intakeFastPath) ?? intakeFastPath
    }
}

extension ScreenerConfiguration.Database {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        path = try c.decodeIfPresent(String.self, forKey: .path) ?? path
    }
}

extension ScreenerConfiguration.Workers {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        count = try c.decodeIfPresent(Int.self, forKey: .count) ?? count
        maxAttempts = try c.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? maxAttempts
        leaseSeconds = try c.decodeIfPresent(Double.self, forKey: .leaseSeconds) ?? leaseSeconds
        pollSeconds = try c.decodeIfPresent(Double.self, forKey: .pollSeconds) ?? pollSeconds
    }
}

extension ScreenerConfiguration.Logging {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        level = try c.decodeIfPresent(String.self, forKey: .level) ?? level
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? format
    }
}

extension ScreenerConfiguration {
    /// Loads the file at `path` (if any, else `SCREENER_CONFIG`, else defaults) and applies
    /// `SCREENER_*` overrides from `environment`.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ScreenerConfiguration {
        var config = ScreenerConfiguration()
        if let file = path ?? environment["SCREENER_CONFIG"] {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ScreenerError(.invalidConfiguration, "cannot read the configuration file \(file)")
            }
            do {
                config = try YAMLDecoder().decode(ScreenerConfiguration.self, from: text)
            } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx), let DecodingError.keyNotFound(_, ctx) {
                let key = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                throw ScreenerError(.invalidConfiguration, "invalid configuration in \(file) at '\(key)': \(ctx.debugDescription)")
            } catch {
                throw ScreenerError(.invalidConfiguration, "invalid YAML in \(file)")
            }
        }
        try config.applyEnvironment(environment)
        try config.validate()
        return config
    }

    mutating func applyEnvironment(_ env: [String: String]) throws {
        func int(_ key: String) throws -> Int? {
            guard let v = env[key] else { return nil }
            guard let i = Int(v) else { throw ScreenerError(.invalidConfiguration, "\(key) must be an integer") }
            return i
        }
        func double(_ key: String) throws -> Double? {
            guard let v = env[key] else { return nil }
            guard let d = Double(v) else { throw ScreenerError(.invalidConfiguration, "\(key) must be a number") }
            return d
        }
        if let v = env["SCREENER_SERVER_HOST"] { server.host = v }
        if let v = env["SCREENER_SERVER_TLS_TERMINATED_UPSTREAM"] { server.tlsTerminatedUpstream = ["1", "true", "yes"].contains(v.lowercased()) }
        if let v = env["SCREENER_SERVER_INTAKE_FAST_PATH"] { server.intakeFastPath = ["1", "true", "yes"].contains(v.lowercased()) }
        if let v = try int("SCREENER_SERVER_PORT") { server.port = v }
        if let v = try int("SCREENER_SERVER_MAX_BODY_BYTES") { server.maxBodyBytes = v }
        if let v = env["SCREENER_DATABASE_PATH"] { database.path = v }
        if let v = env["SCREENER_PROFILES_DIRECTORY"] { profilesDirectory = v }
        if let v = try int("SCREENER_WORKERS_COUNT") { workers.count = v }
        if let v = try int("SCREENER_WORKERS_MAX_ATTEMPTS") { workers.maxAttempts = v }
        if let v = try double("SCREENER_WORKERS_LEASE_SECONDS") { workers.leaseSeconds = v }
        if let v = try double("SCREENER_WORKERS_POLL_SECONDS") { workers.pollSeconds = v }
        if let v = env["SCREENER_LOG_LEVEL"] { logging.level = v }
        if let v = env["SCREENER_LOG_FORMAT"] { logging.format = v }
        if let v = try int("SCREENER_PARSING_WORKERS") { parsing.workers = v }
        if let v = env["SCREENER_PARSING_OCR"] { parsing.ocr = ["1", "true", "yes"].contains(v.lowercased()) }
        if let v = env["SCREENER_PARSING_WORKER_ALLOCATOR"] {
            guard let a = WorkerAllocator(rawValue: v) else {
                throw ScreenerError(.invalidConfiguration, "SCREENER_PARSING_WORKER_ALLOCATOR must be one of \(WorkerAllocator.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parsing.workerAllocator = a
        }
        if let v = try double("SCREENER_DELIVERY_DEBOUNCE_SECONDS") { delivery.debounceSeconds = v }
    }

    /// Checks values that decoding cannot: ranges, duplicate names, secret reference syntax.
    public func validate() throws {
        guard (0...65535).contains(server.port) else { throw ScreenerError(.invalidConfiguration, "server.port must be 0…65535") }
        try server.timeouts.validate()
        guard server.maxBodyBytes > 0 else { throw ScreenerError(.invalidConfiguration, "server.maxBodyBytes must be positive") }
        guard workers.count >= 0 else { throw ScreenerError(.invalidConfiguration, "workers.count must not be negative") }
        guard workers.maxAttempts >= 1 else { throw ScreenerError(.invalidConfiguration, "workers.maxAttempts must be at least 1") }
        guard parsing.ocrMaxPages >= 0 else { throw ScreenerError(.invalidConfiguration, "parsing.ocrMaxPages must not be negative") }
        guard ["text", "json"].contains(logging.format) else { throw ScreenerError(.invalidConfiguration, "logging.format must be text or json") }
        var seen = Set<String>()
        for i in integrations {
            guard !i.name.isEmpty, i.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ScreenerError(.invalidConfiguration, "integration name '\(i.name)' may use letters, digits, '-' and '_' only")
            }
            guard seen.insert(i.name).inserted else { throw ScreenerError(.invalidConfiguration, "integration '\(i.name)' is listed twice") }
            guard !i.secrets.isEmpty else { throw ScreenerError(.invalidConfiguration, "integration '\(i.name)' has no secrets") }
            if i.secrets.contains(where: { !($0.hasPrefix("env:") || $0.hasPrefix("file:")) }) {
                throw ScreenerError(.invalidConfiguration, "integration '\(i.name)': secrets must be references (env:NAME or file:PATH), not literal values")
            }
        }
    }
}
