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

/// The checkers, one for each kind of sample: an exhaustive switch, so that a new kind without a
/// checker does not compile. Checkers run in page order and share what a page's steps share
/// (the last generator, the key shown, the SQL session) through the `PageChecker`.
enum Checkers {
    /// Checks `sample` as a sample of `kind`, reporting findings on `page`.
    static func check(_ kind: SampleKind, _ sample: Sample, directives: Directives, on page: inout PageChecker) -> BlockResult {
        switch kind {
        // Shell key generators: parsed, held to the allowlist, run in the sandbox.
        case .generator: page.checkShell(sample, directives: directives)
        // What a generator printed: a key, or a mysql table with one.
        case .output: page.checkOutput(sample)
        // `cv api`, `api3` and `api4` commands, against cv's grammar and the Contact fields.
        case .cv: page.checkCv(sample)
        // SQL, run on MariaDB in strict mode.
        case .sql: page.checkSQL(sample, directives: directives)
        // JSON as PHP's json_decode reads it, with the keys it carries.
        case .json: page.checkJSON(sample)
        // YAML that must parse.
        case .yaml: page.checkYAML(sample)
        // Shell commands that are not generators: parsed, their cv commands checked, never run.
        case .command: page.checkCommand(sample)
        }
    }
}
