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
    let engines: CheckEngines
    var diagnostics: [Diagnostic] = []
    var outcomes: [Int: SampleOutcome] = [:]
    var lastGenerator: GeneratorRecord?
    var shownKey: (key: String, location: SourceLocation)?
    var sql: SQLSession?
    /// Findings of the sample being checked.
    var current: [Diagnostic] = []

    /// A checker of `page`, whose samples have these annotations and are of these kinds, in
    /// order (read and decided once for the check, by `CheckStage`).
    init(page: Page, annotations: [Result<Directives, AnnotationError>?], kinds: [SampleKind?],
         validator: KeyValidator, options: CheckOptions, engines: CheckEngines) {
        self.page = page
        self.validator = validator
        self.options = options
        self.engines = engines
        for (k, sample) in page.samples.enumerated() {
            self.kinds[sample.index] = kinds[k]
            self.annotations[sample.index] = annotations[k]
        }
    }

    /// Each sample's kind, and its annotation as read, by its index.
    var kinds: [Int: SampleKind] = [:]
    private var annotations: [Int: Result<Directives, AnnotationError>] = [:]

    mutating func run() {
        for sample in page.samples { check(sample) }
        sql?.close()
    }

    /// Checks one sample as the annotation CheckStage read for it says: has the checker of its
    /// kind check it (or, when no checker claims it, the keys it carries), and records its
    /// findings and outcome.
    mutating func check(_ sample: Sample) {
        current = []
        guard let directives = directives(of: sample) else { return }
        if let reason = directives.skipReason {
            outcomes[sample.index] = .skipped(reason)
            return
        }
        guard let kind = kinds[sample.index] else {
            checkUnclaimed(sample, directives: directives)
            return
        }
        let result = Checkers.check(kind, sample, directives: directives, on: &self)
        let errors = keepFindings(of: sample, directives: directives)
        outcomes[sample.index] = outcome(of: result, kind: kind, sample: sample, directives: directives, errors: errors)
    }

    /// What the sample's annotation (as CheckStage read it) says; nil, with the sample failed, when it could not be read.
    private mutating func directives(of sample: Sample) -> Directives? {
        switch annotations[sample.index] {
        case .failure(let error):
            finish(sample, Diagnostic(at: SourceLocation(file: page.filePath, line: error.line), rule: .annotationInvalid, error.message))
            return nil
        case .success(let parsed): return parsed
        case nil: return Directives()
        }
    }

    /// A sample no checker claims: client code, URLs and HTTP examples are about keys when they
    /// carry one; any other block is counted, and reported only when the guide asks for full coverage.
    private mutating func checkUnclaimed(_ sample: Sample, directives: Directives) {
        if checkKeyMentions(sample) {
            let errors = keepFindings(of: sample, directives: directives)
            outcomes[sample.index] = errors.first.map { SampleOutcome(.failed, $0.message) }
                ?? (directives.expect.isEmpty ? SampleOutcome(.verified, "the keys it carries are checked")
                    : .failingAsExpected(Array(directives.expect)))
            return
        }
        let what = sample.language.map { "```\($0) block" } ?? (sample.fenced ? "untagged block" : "indented block")
        guard options.fullCoverage else {
            outcomes[sample.index] = SampleOutcome(.notAboutKeys, SampleOutcome.notAboutKeysNote)
            return
        }
        diagnostics.append(Diagnostic(at: sample.location, endLine: sample.endLine, rule: .sampleUnchecked,
            "no checker claims this \(what); mark it with <!-- check: skip \"reason\" --> or <!-- check: kind=... -->"))
        outcomes[sample.index] = .unclaimed
    }

    /// Settles the current sample's findings by its annotation (expected rules, rules turned
    /// off), adds them to the page's, and returns the errors among them.
    private mutating func keepFindings(of sample: Sample, directives: Directives) -> [Diagnostic] {
        applyExpectations(sample, directives.expect)
        current.removeAll { directives.off.contains($0.rule) }
        diagnostics += current
        return current.filter { $0.severity == .error }
    }

    /// The outcome of a sample its checker checked, from what the check came to and the errors
    /// it kept. A sample not run, or not about keys after all, is reported as the guide asks.
    private mutating func outcome(of result: BlockResult, kind: SampleKind, sample: Sample, directives: Directives,
                                  errors: [Diagnostic]) -> SampleOutcome {
        switch result {
        case .notRun(let reason) where errors.isEmpty:
            diagnostics.append(Diagnostic(at: sample.location, endLine: sample.endLine, rule: .engineMissing, reason))
            return SampleOutcome(.notRun, reason)
        case .notAboutKeys(let reason) where errors.isEmpty && directives.expect.isEmpty:
            // Nothing about keys in it after all (shell commands without cv, SQL on tables keydocs
            // does not model): counted as such, or reported when the guide asks for full coverage.
            guard options.fullCoverage else { return SampleOutcome(.notAboutKeys, reason) }
            diagnostics.append(Diagnostic(at: sample.location, endLine: sample.endLine, rule: .sampleUnchecked,
                "\(reason); mark it with <!-- check: skip \"reason\" --> if that is meant"))
            return SampleOutcome(.unchecked, reason)
        default:
            break
        }
        var note = "", measured: String?
        if case .checked(let text, let measure) = result { (note, measured) = (text, measure) }
        if let first = errors.first {
            // What the runs measured is said of a failing generator too.
            return SampleOutcome(.failed, first.message + (errors.count > 1 ? " (and \(errors.count - 1) more)" : ""), measured: measured)
        }
        // A block that shows a mistake on purpose is verified by making it: say which.
        var outcome = directives.expect.isEmpty ? SampleOutcome(.verified, note, measured: measured)
            : .failingAsExpected(Array(directives.expect), measured: measured)
        outcome.showsOutput = kind == .output
        return outcome
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
            current.append(Diagnostic(at: sample.location, rule: .annotationUnmet,
                "the annotation expects \(rule), but the block does not produce it"))
        }
        current.removeAll { expected.contains($0.rule) }
    }

    /// Holds `key` to the policy and reports each error it breaks at `location`, its message
    /// after `what` (`the key shown: `), or in the words `consumer` has for it (what cv does with
    /// a key too long): the one way every checker judges a key it meets.
    mutating func reportKey(_ key: String, at location: SourceLocation, _ what: String, context: [String] = [],
                            consumer: (Finding) -> String? = { _ in nil }) {
        for finding in validator.findings(for: key, checkPublished: false) where finding.severity == .error {
            report(RuleID(finding.rule), at: location, consumer(finding) ?? what + finding.message, context: context)
        }
    }

    /// Records a finding of the current sample, of its rule's severity.
    mutating func report(_ rule: RuleID, at location: SourceLocation, _ message: String, context: [String] = []) {
        current.append(Diagnostic(at: location, rule: rule, message, context: context))
    }


    // MARK: - Consistency

    /// A key assigned at `location`: it must be the one the page showed last, if it showed one.
    /// The shown key stays current until the next generator or output block, so that each of
    /// several alternative ways to assign it is held to it.
    mutating func assigned(_ key: String, at location: SourceLocation) {
        guard let shown = shownKey, shown.key != key else { return }
        report(.sampleConsistency, at: location,
               "assigns a different key from the one shown at \(shown.location.file):\(shown.location.line) "
               + "(shown: \(KeyPreview(shown.key)); assigned: \(KeyPreview(key)))")
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
