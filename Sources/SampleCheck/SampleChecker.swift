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

/// Every checker, one for each kind of sample: the switch over the kinds makes a kind without
/// its checker a compile error.
enum Checkers {
    /// The checker of `kind`.
    static func checker(for kind: SampleKind) -> any SampleChecker {
        switch kind {
        // Shell key generators: parsed, held to the allowlist, run in the sandbox.
        case .generator: PageStep(.generator) { $0.checkShell($1, directives: $2) }
        // What a generator printed: a key, or a mysql table with one.
        case .output: PageStep(.output) { page, sample, _ in page.checkOutput(sample) }
        // `cv api`, `api3` and `api4` commands, against cv's grammar and the Contact fields.
        case .cv: PageStep(.cv) { page, sample, _ in page.checkCv(sample) }
        // SQL, run on MariaDB in strict mode.
        case .sql: PageStep(.sql) { $0.checkSQL($1, directives: $2) }
        // JSON as PHP's json_decode reads it, with the keys it carries.
        case .json: PageStep(.json) { page, sample, _ in page.checkJSON(sample) }
        // YAML that must parse.
        case .yaml: PageStep(.yaml) { page, sample, _ in page.checkYAML(sample) }
        // Shell commands that are not generators: parsed, their cv commands checked, never run.
        case .command: PageStep(.command) { page, sample, _ in page.checkCommand(sample) }
        }
    }
}

/// A checker that is one step of the page's checker, which holds what the steps share.
struct PageStep: SampleChecker {
    let kind: SampleKind
    let step: @Sendable (inout PageChecker, Sample, Directives) -> BlockResult

    init(_ kind: SampleKind, _ step: @escaping @Sendable (inout PageChecker, Sample, Directives) -> BlockResult) {
        self.kind = kind
        self.step = step
    }

    func check(_ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult {
        step(&page, sample, directives)
    }
}
