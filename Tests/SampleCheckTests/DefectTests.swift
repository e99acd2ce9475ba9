import Database
import DocModel
import SampleCheck
import Testing

/// One fixture page per defect class, each expected to produce its rule at its line.
@Suite(.serialized) struct DefectTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        let file: String
        let rule: RuleID
        let line: Int
        var contains: String? = nil
        var testDescription: String { "\(file): \(rule) at line \(line)" }
    }

    static let expectations: [Expectation] = [
        Expectation(file: "generator-too-long.md", rule: .keyTooLong, line: 4, contains: "the column holds 32"),
        Expectation(file: "generator-too-short.md", rule: .keyTooShort, line: 4, contains: "16"),
        Expectation(file: "generator-symbols.md", rule: .keyCharset, line: 4, contains: "outside A-Z a-z 0-9"),
        Expectation(file: "generator-wraps.md", rule: .keyCharset, line: 4, contains: "wrapped"),
        Expectation(file: "generator-wraps.md", rule: .keyTooLong, line: 4),
        Expectation(file: "generator-no-random.md", rule: .generatorNoRandom, line: 4),
        Expectation(file: "generator-no-random.md", rule: .generatorRepeats, line: 4),
        Expectation(file: "generator-repeats.md", rule: .generatorRepeats, line: 4, contains: "same key"),
        Expectation(file: "sql-expression-short.md", rule: .keyTooShort, line: 4, contains: "16"),
        Expectation(file: "sql-expression-sometimes.md", rule: .keyCharset, line: 4),
        Expectation(file: "sql-expression-few-bytes.md", rule: .generatorEntropy, line: 4, contains: "4 random bytes"),
        Expectation(file: "sql-expression-no-random.md", rule: .generatorNoRandom, line: 4),
        Expectation(file: "sql-expression-no-random.md", rule: .generatorRepeats, line: 4),
        Expectation(file: "sql-rotate-everyone.md", rule: .sqlUpdateRows, line: 4, contains: "no WHERE"),
        Expectation(file: "sql-shared-literal.md", rule: .sqlUpdateRows, line: 4, contains: "same key"),
        Expectation(file: "sql-unknown-column.md", rule: .sqlError, line: 4, contains: "ERROR 1054"),
        Expectation(file: "cv-stdin.md", rule: .cvRequired, line: 4, contains: "where"),
        Expectation(file: "cv-stdin.md", rule: .keyTooShort, line: 4),
        Expectation(file: "client-php-weak.md", rule: .keyWeak, line: 4),
        Expectation(file: "client-js-url.md", rule: .keyInUrl, line: 4),
        Expectation(file: "client-python-short.md", rule: .keyTooShort, line: 4),
        Expectation(file: "auth-forms.md", rule: .keyAuthScheme, line: 4, contains: "without the Bearer scheme"),
        Expectation(file: "auth-forms.md", rule: .keyAuthScheme, line: 8, contains: "Basic"),
        Expectation(file: "auth-forms.md", rule: .keyAuthScheme, line: 12, contains: "'Token'"),
        Expectation(file: "cv-api4-create-id.md", rule: .cvRequired, line: 4, contains: "Cannot pass id"),
        Expectation(file: "client-js-math-random.md", rule: .generatorWeakRandom, line: 6, contains: "Math.random()"),
        Expectation(file: "client-python-params.md", rule: .keyInUrl, line: 8),
        Expectation(file: "site-key-header.md", rule: .keyAuthScheme, line: 4, contains: "X-Civi-Key"),
        Expectation(file: "generator-into-cv.md", rule: .keyTooLong, line: 4),
        Expectation(file: "generator-into-cv.md", rule: .cvRequired, line: 5),
        Expectation(file: "flow-hash-of-time.md", rule: .generatorNoRandom, line: 4),
        Expectation(file: "flow-hash-of-name.md", rule: .generatorNoRandom, line: 4),
        Expectation(file: "flow-hash-of-name.md", rule: .generatorRepeats, line: 4),
        Expectation(file: "flow-reads-a-file.md", rule: .generatorNotAllowed, line: 4, contains: "machine-id"),
        Expectation(file: "generator-not-allowed.md", rule: .generatorNotAllowed, line: 4, contains: "curl"),
        Expectation(file: "output-impossible.md", rule: .outputImpossible, line: 8, contains: "25 characters"),
        Expectation(file: "cv-entity.md", rule: .cvEntity, line: 4, contains: "Contcat"),
        Expectation(file: "cv-action.md", rule: .cvAction, line: 4, contains: "creat"),
        Expectation(file: "cv-field.md", rule: .cvField, line: 4, contains: "apikey"),
        Expectation(file: "cv-id.md", rule: .cvType, line: 4, contains: "positive whole number"),
        Expectation(file: "cv-too-long-v3.md", rule: .keyTooLong, line: 4, contains: "2100"),
        Expectation(file: "cv-too-long-v4.md", rule: .keyTooLong, line: 4, contains: "29 characters"),
        Expectation(file: "sql-missing-table.md", rule: .sqlError, line: 4, contains: "ERROR 1146"),
        Expectation(file: "sql-unset-variable.md", rule: .sqlNullKey, line: 4, contains: "@new_key is not set"),
        Expectation(file: "sql-no-where.md", rule: .sqlUpdateRows, line: 4, contains: "no WHERE"),
        Expectation(file: "sql-generator-too-long.md", rule: .keyTooLong, line: 4, contains: "40"),
        Expectation(file: "consistency.md", rule: .sampleConsistency, line: 12, contains: "consistency.md:8 "),
        Expectation(file: "unchecked.md", rule: .sampleUnchecked, line: 3),
        Expectation(file: "annotation-invalid.md", rule: .annotationInvalid, line: 3, contains: "reason"),
        Expectation(file: "annotation-unmet.md", rule: .annotationUnmet, line: 4, contains: "key.too-long"),
        Expectation(file: "generator-syntax.md", rule: .generatorSyntax, line: 5, contains: "no closing double quote"),
        Expectation(file: "generator-exit.md", rule: .generatorExit, line: 4, contains: "exited with status 1"),
        Expectation(file: "generator-empty.md", rule: .generatorEmpty, line: 4, contains: "no command"),
        Expectation(file: "generator-null.md", rule: .generatorNull, line: 4, contains: "NULL"),
        Expectation(file: "cv-syntax.md", rule: .cvSyntax, line: 4, contains: "no closing single quote"),
        Expectation(file: "cv-command.md", rule: .cvCommand, line: 5, contains: "'cv flsh'"),
        Expectation(file: "cv-too-long.md", rule: .cvTooLong, line: 4, contains: "first_name is 80 characters; the field holds 64"),
        Expectation(file: "cv-parameter.md", rule: .cvParameter, line: 4, contains: "'wher'"),
        Expectation(file: "sql-empty.md", rule: .sqlEmpty, line: 4, contains: "no SQL statement"),
    ]

    static let report = Result { try checkFixture("defects") }

    @Test(arguments: expectations)
    func ruleAtLine(_ e: Expectation) throws {
        let report = try Self.report.get()
        let found = report.diagnostics(in: e.file).filter { $0.rule == e.rule && $0.location.line == e.line }
        #expect(!found.isEmpty, "got: \(report.diagnostics(in: e.file).map { "\($0.rule)@\($0.location.line)" })")
        if let text = e.contains {
            #expect(found.contains { $0.message.contains(text) }, "messages: \(found.map(\.message))")
        }
    }

    @Test func everyDefectPageFails() throws {
        let report = try Self.report.get()
        let pages = Set(Self.expectations.map(\.file))
        for page in pages {
            let outcomes = report.outcomes.filter { $0.key.page == page }.map(\.value.status)
            #expect(outcomes.contains(.failed) || outcomes.contains(.unchecked), "\(page): \(outcomes)")
        }
        // The generators before an output or cv step, the output shown before the cv step, and
        // the well-formed keys shown after the three generators that fail by where their output goes.
        #expect(report.count(.verified) == 6, "\(report.summaryLine): \(report.outcomes.filter { $0.value.status == .verified }.map(\.key))")
    }
}

@Suite(.serialized) struct PassingTests {
    @Test func correctRecipesForEveryToolPass() throws {
        let report = try checkFixture("passing")
        // The one note: the Authorization header works only where a site enables it.
        #expect(report.diagnostics.map(\.rule) == [.keyAuthHeader], "\(report.diagnostics.map(\.rule))")
        #expect(report.diagnostics.filter { $0.severity != .note }.isEmpty, "\(report.diagnostics.map { DiagnosticRenderer.text($0) })")
        #expect(report.count(.failed) == 0)
        #expect(report.count(.unchecked) == 0)
        #expect(report.count(.notRun) == 0)
        #expect(report.count(.verified) == report.outcomes.count)
        #expect(report.outcomes.count == 36)
    }

    /// CiviCRM's "API Keys" page as published (our own copy): every step fails, and the
    /// UPDATE with MariaDB's own error 1406.
    @Test func thePublishedRecipeFailsOnEveryStep() throws {
        let report = try checkFixture("published")
        #expect(report.outcomes.count == 5)
        #expect(report.count(.failed) == 5, "\(report.summaryLine)")
        let at = { (line: Int, rule: RuleID) in report.diagnostics.filter { $0.location.line == line && $0.rule == rule } }
        #expect(!at(8, .keyTooLong).isEmpty)
        #expect(!at(14, .keyTooLong).isEmpty)
        #expect(at(20, .keyTooLong).first?.message.contains("error 2100") == true)
        #expect(!at(28, .keyTooLong).isEmpty)
        #expect(at(34, .sqlError).first?.message.hasPrefix("ERROR 1406 (22001): Data too long for column 'api_key'") == true)
        #expect(report.diagnostics.allSatisfy { $0.location.column == 5 })
    }
}
