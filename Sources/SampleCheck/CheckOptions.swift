import Database
import DocModel
import Support

/// How a check runs.
public struct CheckOptions: Sendable {
    /// Runs of each generator (shell command or SQL query).
    public var runs = 200
    /// Shell samples: in bubblewrap (nil: find it) or, when asked for by name, unsandboxed.
    public var sandbox: Sandbox?
    /// Why shell samples cannot run, when the sandbox is missing.
    public var sandboxProblem: EngineError?
    /// A MariaDB server to use instead of a private one, and the account to use there. Samples
    /// run in a scratch database that keydocs creates and drops, and may not name another database.
    public var mysql: MariaDBAddress?
    /// A private server that the caller started and stops (`serve` keeps one for every rebuild).
    public var privateServer: MariaDBServer?
    /// Seconds one SQL statement may run before it is stopped (`sql.timeout`).
    public var statementSeconds = 10
    /// Check without engines: shell and SQL samples are parsed and reported as not run.
    public var offline = false
    /// Every block must be claimed by a checker or skipped by an annotation (the project's own
    /// guide asks for this); otherwise blocks not about keys are counted, not reported.
    public var fullCoverage = false
    /// The most runs a generator may be given (`--runs`, `runs=`).
    public static let maxRuns = 1000
    /// Seconds a sample's runs may take together, whatever their number.
    public static let sampleSeconds: Double = 60

    /// Commands generators may use.
    public var allowlist: Set<String> = CheckOptions.defaultAllowlist

    /// The commands a generator may use unless an annotation adds more.
    public static let defaultAllowlist: Set<String> = [
        "head", "tail", "base64", "tr", "cut", "fold", "openssl", "xxd", "od", "printf", "echo", "date",
        "sha256sum", "sha1sum", "md5sum",
    ]

    /// Default options.
    public init() {}

    /// Everything in the options that can change a sample's result, as text: two checks with
    /// the same fingerprint judge the same samples the same way.
    public var fingerprint: String {
        let sandboxMode: String
        switch sandbox?.mode {
        case .none?: sandboxMode = "none"
        case .bubblewrap?: sandboxMode = "bwrap"
        case nil: sandboxMode = "default"
        }
        let database = mysql.map { "\($0.user ?? "root")@\($0.socket ?? "")\($0.host ?? ""):\($0.port ?? 0)" } ?? "private"
        return ["runs=\(runs)", "full=\(fullCoverage)", "offline=\(offline)", "timeout=\(statementSeconds)",
                "allow=" + allowlist.sorted().joined(separator: ","), "sandbox=" + sandboxMode, "database=" + database]
            .joined(separator: ";")
    }
}

/// What a check found.
public struct CheckReport: Sendable {
    /// Every finding, in page and line order.
    public var diagnostics: [Diagnostic] = []
    /// Each sample's outcome, for the badges.
    public var outcomes: [SampleKey: SampleOutcome] = [:]
    /// Pages with at least one sample.
    public var pages = 0
    /// Pages whose results came from the cache, not from running their samples.
    public var reusedPages = 0
    /// Generator runs made in the sandbox (a command shown on several pages runs once).
    public var generatorRuns = 0

    /// Every block's outcome, in page and line order, for the JSON document.
    public func sampleEntries(_ docs: DocSet) -> [DiagnosticRenderer.SampleEntry] {
        docs.pages.flatMap { page in
            page.samples.compactMap { sample in
                outcomes[SampleKey(page: page.docsPath, index: sample.index)].map { DiagnosticRenderer.SampleEntry(at: sample.location, $0) }
            }
        }
    }

    /// How many samples ended with `status`.
    public func count(_ status: SampleOutcome.Status) -> Int { outcomes.values.count { $0.status == status } }

    /// `checked 14 samples in 6 pages: 13 verified, 1 skipped, 0 failed` (plus unchecked and
    /// not-run counts when there are any).
    public var summaryLine: String {
        var line = "checked \(counted(outcomes.count, "sample")) in \(counted(pages, "page")): "
            + "\(count(.verified)) verified, \(count(.skipped)) skipped, \(count(.failed)) failed"
        if count(.unchecked) > 0 { line += ", \(count(.unchecked)) unchecked" }
        if count(.notRun) > 0 { line += ", \(count(.notRun)) not run" }
        if count(.notAboutKeys) > 0 { line += ", \(count(.notAboutKeys)) not about keys" }
        if reusedPages > 0 { line += " (\(counted(reusedPages, "unchanged page")) not run again)" }
        return line
    }

    /// The samples and their outcomes, counted.
    public var tally: Tally {
        var tally = Tally()
        tally.samples = outcomes.count
        for status in SampleOutcome.Status.allCases { tally.outcomes[status] = count(status) }
        return tally
    }
}
