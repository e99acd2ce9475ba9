import Database
import DocModel

/// What checking one block came to, beside the findings it reported.
enum BlockResult: Sendable, Equatable {
    /// Checked: the note is the badge's text; `measured`, what a generator's runs measured.
    case checked(String, measured: String? = nil)
    /// The block is wrong: its findings say how.
    case failed
    /// Not run, because its engine is missing: why.
    case notRun(String)
    /// Nothing in the block is about keys after all: what it is.
    case notAboutKeys(String)
}

/// The checker of one kind of sample. Checkers run in page order and share what a page's steps
/// share (the last generator, the key shown, the SQL session) through the `PageChecker`.
protocol SampleChecker: Sendable {
    /// The kind of sample it claims.
    var kind: SampleKind { get }
    /// Checks `sample`, reporting findings on `page`.
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult
}

/// Every checker, one for each kind of sample.
enum Checkers {
    static let all: [any SampleChecker] = [
        GeneratorChecker(), OutputChecker(), CvChecker(), SQLChecker(), JSONChecker(), YAMLChecker(), CommandChecker(),
    ]

    /// The checker of `kind`.
    static func checker(for kind: SampleKind) -> any SampleChecker { byKind[kind]! }

    private static let byKind = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })
}

/// Shell key generators: parsed, held to the allowlist, run in the sandbox.
struct GeneratorChecker: SampleChecker {
    var kind: SampleKind { .generator }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult {
        page.checkShell(sample, directives: directives)
    }
}

/// What a generator printed: a key, or a mysql table with one.
struct OutputChecker: SampleChecker {
    var kind: SampleKind { .output }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult { page.checkOutput(sample) }
}

/// `cv api`, `api3` and `api4` commands, against cv's grammar and the Contact fields.
struct CvChecker: SampleChecker {
    var kind: SampleKind { .cv }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult { page.checkCv(sample) }
}

/// SQL, run on MariaDB in strict mode.
struct SQLChecker: SampleChecker {
    var kind: SampleKind { .sql }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult {
        page.checkSQL(sample, directives: directives)
    }
}

/// JSON as PHP's json_decode reads it, with the keys it carries.
struct JSONChecker: SampleChecker {
    var kind: SampleKind { .json }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult { page.checkJSON(sample) }
}

/// YAML that must parse.
struct YAMLChecker: SampleChecker {
    var kind: SampleKind { .yaml }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult { page.checkYAML(sample) }
}

/// Shell commands that are not generators: parsed, their cv commands checked, never run.
struct CommandChecker: SampleChecker {
    var kind: SampleKind { .command }
    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult { page.checkCommand(sample) }
}
