import Database
import DocModel
import Foundation
import KeyPolicy
import Support

/// Checks the samples of one page in order, keeping what a page's steps share: the last
/// generator and what it printed, the last key shown, and the page's SQL session.
struct PageChecker {
    let page: Page
    let validator: KeyValidator
    let options: CheckOptions
    let engines: Engines
    var diagnostics: [Diagnostic] = []
    var outcomes: [Int: SampleOutcome] = [:]
    var lastGenerator: GeneratorRecord?
    var shownKey: (key: String, location: SourceLocation)?
    var sql: SQLSession?
    /// Findings of the sample being checked.
    var current: [Diagnostic] = []

    init(page: Page, validator: KeyValidator, options: CheckOptions, engines: Engines) {
        self.page = page
        self.validator = validator
        self.options = options
        self.engines = engines
    }

    /// Each sample's kind by its index, decided once for the page (`Classifier.kinds`).
    var kinds: [Int: SampleKind] = [:]

    mutating func run() {
        for (sample, kind) in zip(page.samples, Classifier.kinds(of: page.samples)) { kinds[sample.index] = kind }
        for sample in page.samples { check(sample) }
        sql?.close()
    }

    mutating func check(_ sample: Sample) {
        current = []
        var directives = Directives()
        switch Directives.parse(sample.annotation) {
        case .failure(let error):
            finish(sample, Diagnostic(.error, at: SourceLocation(file: page.filePath, line: error.line), rule: .annotationInvalid, error.message))
            return
        case .success(let parsed): directives = parsed
        case nil: break
        }
        if let reason = directives.skipReason {
            outcomes[sample.index] = .skipped(reason)
            return
        }
        guard let kind = kinds[sample.index] else {
            // Client code, URLs and HTTP examples are about keys when they carry one.
            if checkKeyMentions(sample) {
                applyExpectations(sample, directives.expect)
                current.removeAll { directives.off.contains($0.rule) }
                let errors = current.filter { $0.severity == .error }
                diagnostics += current
                outcomes[sample.index] = errors.first.map { SampleOutcome(.failed, $0.message) }
                    ?? (directives.expect.isEmpty ? SampleOutcome(.verified, "the keys it carries are checked")
                        : .failingAsExpected(Array(directives.expect)))
                return
            }
            let what = sample.language.map { "```\($0) block" } ?? (sample.fenced ? "untagged block" : "indented block")
            // A block not about keys is counted, not reported, unless the guide asks for full coverage.
            guard options.fullCoverage else {
                outcomes[sample.index] = SampleOutcome(.notAboutKeys, SampleOutcome.notAboutKeysNote)
                return
            }
            diagnostics.append(Diagnostic(.warning, at: sample.location, endLine: sample.endLine, rule: .sampleUnchecked,
                "no checker claims this \(what); mark it with <!-- check: skip \"reason\" --> or <!-- check: kind=... -->"))
            outcomes[sample.index] = SampleOutcome(.unchecked, SampleOutcome.unclaimedNote)
            return
        }
        var note = "", measured: String?, notRunReason: String?, otherReason: String?
        switch Checkers.check(kind, sample, directives: directives, on: &self) {
        case .checked(let text, let measure): (note, measured) = (text, measure)
        case .failed: break
        case .notRun(let reason): notRunReason = reason
        case .notAboutKeys(let reason): otherReason = reason
        }
        applyExpectations(sample, directives.expect)
        current.removeAll { directives.off.contains($0.rule) }
        let errors = current.filter { $0.severity == .error }
        diagnostics += current
        if let notRunReason, errors.isEmpty {
            diagnostics.append(Diagnostic(.warning, at: sample.location, endLine: sample.endLine, rule: .engineMissing, notRunReason))
            outcomes[sample.index] = SampleOutcome(.notRun, notRunReason)
        } else if let otherReason, errors.isEmpty, directives.expect.isEmpty {
            // Nothing about keys in it after all (shell commands without cv, SQL on tables keydocs
            // does not model): counted as such, or reported when the guide asks for full coverage.
            if options.fullCoverage {
                diagnostics.append(Diagnostic(.warning, at: sample.location, endLine: sample.endLine, rule: .sampleUnchecked,
                    "\(otherReason); mark it with <!-- check: skip \"reason\" --> if that is meant"))
                outcomes[sample.index] = SampleOutcome(.unchecked, otherReason)
            } else {
                outcomes[sample.index] = SampleOutcome(.notAboutKeys, otherReason)
            }
        } else if let first = errors.first {
            outcomes[sample.index] = SampleOutcome(.failed, first.message + (errors.count > 1 ? " (and \(errors.count - 1) more)" : ""))
        } else {
            // A block that shows a mistake on purpose is verified by making it: say which.
            var outcome = directives.expect.isEmpty ? SampleOutcome(.verified, note, measured: measured)
                : .failingAsExpected(Array(directives.expect), measured: measured)
            outcome.showsOutput = kind == .output
            outcomes[sample.index] = outcome
        }
    }

    private mutating func finish(_ sample: Sample, _ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        outcomes[sample.index] = SampleOutcome(.failed, diagnostic.message)
    }

    /// Findings whose rule the annotation expects are the point of the block: they are dropped,
    /// and an expected rule that did not fire is an error.
    private mutating func applyExpectations(_ sample: Sample, _ expected: [RuleID]) {
        guard !expected.isEmpty else { return }
        let fired = Set(current.map(\.rule))
        for rule in expected where !fired.contains(rule) {
            current.append(Diagnostic(.error, at: sample.location, rule: .annotationUnmet,
                "the annotation expects \(rule), but the block does not produce it"))
        }
        current.removeAll { expected.contains($0.rule) }
    }

    /// Holds `key` to the policy and reports each error it breaks at `location`, its message
    /// after `what` (`the key shown: `): the one way every checker judges a key it meets.
    mutating func reportKey(_ key: String, at location: SourceLocation, _ what: String, context: [String] = []) {
        for finding in validator.findings(for: key, checkPublished: false) where finding.severity == .error {
            report(RuleID(finding.rule), at: location, what + finding.message, context: context)
        }
    }

    /// Records a finding of the current sample.
    /// Its severity is the rule's, from the catalog, unless a call says otherwise.
    mutating func report(_ rule: RuleID, at location: SourceLocation, _ message: String, severity: Diagnostic.Severity? = nil, context: [String] = []) {
        current.append(Diagnostic(severity ?? rule.entry.severity, at: location, rule: rule, message, context: context))
    }

    /// What may be shown of a key in a message.
    static func preview(_ key: String) -> String {
        let preview = KeyPreview(key)
        return preview.prefix.map { "\($0)…, \(preview.length) characters" } ?? "\(preview.length) characters"
    }

    // MARK: - Consistency

    /// A key assigned at `location`: it must be the one the page showed last, if it showed one.
    /// The shown key stays current until the next generator or output block, so that each of
    /// several alternative ways to assign it is held to it.
    mutating func assigned(_ key: String, at location: SourceLocation) {
        guard let shown = shownKey, shown.key != key else { return }
        report(.sampleConsistency, at: location,
               "assigns a different key from the one shown at \(shown.location.file):\(shown.location.line) "
               + "(shown: \(Self.preview(shown.key)); assigned: \(Self.preview(key)))")
    }

    // MARK: - Output blocks

    mutating func checkOutput(_ sample: Sample) -> BlockResult {
        guard let output = KeyOutput.parse(sample.text) else {
            report(.outputUnreadable, at: sample.location, "this block does not show one key")
            return .failed
        }
        let location = sample.location(ofLine: output.line)
        reportKey(output.key, at: location, "the key shown: ")
        var unsettled: String?
        if let generator = lastGenerator, let lengths = generator.lengths {
            let length = output.key.unicodeScalars.count
            let foreign = Set(output.key.unicodeScalars).filter { generator.characterCounts[$0] == nil }
            let from = "the generator at line \(generator.location.line)"
            // What the runs never showed is impossible only once the runs have seen what the generator prints.
            if !lengths.contains(length) && generator.lengthsSettled {
                let seen = GeneratorRecord.text(lengths)
                report(.outputImpossible, at: location,
                       "the key shown is \(length) characters, but \(from) printed \(seen) in \(counted(generator.runs, "run"))")
            } else if !foreign.isEmpty && generator.charactersSettled {
                let shown = foreign.sorted { $0.value < $1.value }.prefix(5).map { "'\(Character($0))'" }.joined(separator: ", ")
                report(.outputImpossible, at: location,
                       "the key shown contains \(shown), which \(from) never printed in \(counted(generator.runs, "run"))")
            } else if !lengths.contains(length) || !foreign.isEmpty {
                unsettled = "a well-formed key; \(counted(generator.runs, "run")) of \(from) are too few to tell whether it can print it"
            }
        }
        shownKey = (output.key, location)
        return .checked(unsettled ?? (lastGenerator == nil ? "a well-formed key" : "a key the generator above can print"))
    }

    // MARK: - YAML and JSON

    mutating func checkYAML(_ sample: Sample) -> BlockResult {
        guard let problem = SiteConfig.yamlProblem(sample.text) else { return .checked("valid YAML") }
        // A document left open is found at the end of the text, one line past the block's last.
        let location = problem.line.map { sample.location(ofLine: min(max(0, $0 - 1), max(0, sample.lines.count - 1))) } ?? sample.location
        report(.yamlInvalid, at: location, "this block is not valid YAML: \(problem.message)")
        return .failed
    }

    mutating func checkJSON(_ sample: Sample) -> BlockResult {
        // Only key mistakes are findings: JSON that names no key (an api_key, a site key, an
        // X-Civi-Key) is about something else, well written or not.
        guard sample.text.range(of: "key", options: .caseInsensitive) != nil else {
            return .notAboutKeys("JSON that carries no key")
        }
        // Judged as PHP's json_decode judges it: cv and CiviCRM decode with PHP.
        guard let value = PHPJSON.decode(sample.text) else {
            report(.jsonInvalid, at: sample.location, "this block is not valid JSON as PHP's json_decode reads it "
                   + "(no trailing commas, comments or single quotes)")
            return .failed
        }
        // A key in the JSON (parameters for the API Explorer, or what cv printed) is held to the policy.
        var keys: [String] = []
        func collect(_ node: Any) {
            if let object = node as? [String: Any] {
                for (name, child) in object {
                    if name == "api_key", let key = child as? String, !Placeholder.standsForKey(key) { keys.append(key) } else { collect(child) }
                }
            } else if let array = node as? [Any] {
                array.forEach(collect)
            }
        }
        collect(value)
        let lines = Self.apiKeyLines(sample.text)
        for key in keys {
            let at = sample.location(ofLine: lines[key] ?? 0)
            reportKey(key, at: at, "api_key: ")
            assigned(key, at: at)
        }
        return .checked(keys.isEmpty ? "valid JSON" : "valid JSON with a valid key")
    }
}

extension PageChecker {
    /// The 0-based line of each value written as `"api_key": "value"` in JSON text, the first
    /// where one is written twice: one pass over the text, where looking for each key's line in
    /// turn read the block once per key. A value written with escapes is not found (line 0).
    static func apiKeyLines(_ text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        let bytes = Array(text.utf8), name = Array("\"api_key\"".utf8)
        var line = 0, k = 0
        func skipBlanks() {
            while k < bytes.count, [32, 9, 13, 10].contains(bytes[k]) {
                if bytes[k] == 10 { line += 1 }
                k += 1
            }
        }
        while k < bytes.count {
            if bytes[k] == 10 { line += 1 }
            guard bytes[k] == 34, bytes[k...].starts(with: name) else { k += 1; continue }
            k += name.count
            skipBlanks()
            guard k < bytes.count, bytes[k] == 58 else { continue }
            k += 1
            skipBlanks()
            guard k < bytes.count, bytes[k] == 34 else { continue }
            let start = k + 1
            var end = start
            while end < bytes.count, bytes[end] != 34, bytes[end] != 92, bytes[end] != 10 { end += 1 }
            if end < bytes.count, bytes[end] == 34 {
                let value = String(decoding: bytes[start..<end], as: UTF8.self)
                if lines[value] == nil { lines[value] = line }
            }
            k = end
        }
        return lines
    }
}

/// The engines of one check, found or started once and shared by every page.
final class Engines: @unchecked Sendable {
    let sandbox: Result<Sandbox, EngineError>
    /// Generator runs, shared by the pages that show the same command.
    let runs = SharedRuns()
    private let lock = NSLock()
    private var server: Result<MariaDBServer, EngineError>?
    private let external: MariaDBAddress?
    private let offline: Bool
    private var starting: DispatchWorkItem?
    /// A server the caller owns: used, never stopped here.
    private let borrowed: MariaDBServer?

    init(options: CheckOptions, needsSandbox: Bool) {
        offline = options.offline
        if options.offline {
            self.sandbox = .failure(EngineError(engine: "bubblewrap", reason: "offline check"))
        } else if let sandbox = options.sandbox {
            self.sandbox = .success(sandbox)
        } else if let problem = options.sandboxProblem {
            self.sandbox = .failure(problem)
        } else {
            self.sandbox = needsSandbox ? Sandbox.detect() : .failure(EngineError(engine: "bubblewrap", reason: "not needed"))
        }
        external = options.mysql
        borrowed = options.privateServer
    }

    /// Starts the private server in the background, so that it is ready when the first SQL sample needs it.
    func prepareDatabase() {
        guard external == nil, borrowed == nil, !offline else { return }
        let item = DispatchWorkItem { [self] in _ = database() }
        starting = item
        DispatchQueue.global().async(execute: item)
    }

    /// Where SQL samples run, starting the private server on first use.
    func database() -> Result<DatabaseTarget, EngineError> {
        if offline { return .failure(EngineError(engine: "MariaDB", reason: "offline check")) }
        if let external { return .success(DatabaseTarget(address: external, isPrivate: false)) }
        if let borrowed { return .success(DatabaseTarget(address: borrowed.admin, isPrivate: true)) }
        lock.lock()
        defer { lock.unlock() }
        let result: Result<MariaDBServer, EngineError>
        if let server {
            result = server
        } else {
            do { result = .success(try MariaDBServer.start()) } catch { result = .failure(error) }
            server = result
        }
        return result.map { DatabaseTarget(address: $0.admin, isPrivate: true) }
    }

    /// Stops the private server, if one was started.
    func shutdown() {
        starting?.wait()
        lock.lock()
        defer { lock.unlock() }
        if case .success(let running) = server { running.stop() }
    }
}

/// The runs of each generator command, made once for every page that shows it: the same text
/// in the same sandbox draws from the same distribution. Pages wait for a command another page
/// is running. What is kept is bounded: a batch is kept only while the kept outputs stay
/// under `keptBytes`, beyond which a repeated command runs again.
final class SharedRuns: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [String: Sandbox.Batch] = [:]
    private var running: Set<String> = []
    private var kept = 0
    private var counted = 0
    static let keptBytes = 16 << 20

    /// Runs made so far.
    var made: Int {
        condition.lock()
        defer { condition.unlock() }
        return counted
    }

    /// `script`'s batch of `runs` runs in `sandbox`, made by `run` unless a page made it already.
    func batch(_ script: String, runs: Int, in sandbox: Sandbox, run: () -> Sandbox.Batch) -> Sandbox.Batch {
        let key = "\(runs) \(sandbox.mode) \(script)"
        condition.lock()
        while running.contains(key) { condition.wait() }
        if let done = batches[key] {
            condition.unlock()
            return done
        }
        running.insert(key)
        condition.unlock()
        let batch = run()
        let size = batch.runs.reduce(batch.stderr.count) { $0 + $1.output.count + 16 }
        condition.lock()
        running.remove(key)
        counted += batch.runs.count
        if kept + size <= Self.keptBytes {
            batches[key] = batch
            kept += size
        }
        condition.broadcast()
        condition.unlock()
        return batch
    }
}
