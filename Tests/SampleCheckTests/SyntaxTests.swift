import Database
import DocModel
import SampleCheck
import Testing

@Suite struct ShellSyntaxTests {
    @Test func pipesListsRedirectionsAndQuotes() throws {
        let commands = try ShellSyntax.parse("tr -dc 'A-Za-z0-9' </dev/urandom | head -c32; echo \"done now\" && printf '%s\\n' x 2>/dev/null")
        #expect(commands.map(\.name) == ["tr", "head", "echo", "printf"])
        #expect(commands[0].words == ["tr", "-dc", "A-Za-z0-9"])
        #expect(commands[0].redirections == [.init(op: "<", target: "/dev/urandom")])
        #expect(commands[2].words == ["echo", "done now"])
        #expect(commands[3].redirections == [.init(op: "2>", target: "/dev/null")])
    }

    @Test func substitutionsAreCommandsToo() throws {
        let commands = try ShellSyntax.parse("KEY=$(openssl rand -base64 24 | tr -d '+/')\necho \"$KEY\" `date`")
        #expect(commands.compactMap(\.name).sorted() == ["date", "echo", "openssl", "tr"])
        #expect(commands.first { $0.name == nil }?.assignments.first?.hasPrefix("KEY=") == true)
        #expect(commands.first { $0.name == "echo" }?.line == 1)
    }

    @Test func promptsCommentsAndContinuations() throws {
        let commands = try ShellSyntax.parse("$ head -c24 /dev/urandom \\\n  | base64 # encode\n")
        #expect(commands.map(\.name) == ["head", "base64"])
    }

    @Test(arguments: ["echo 'open", "echo \"open", "echo $(date", "cat <", "echo `)`", "f() { f; }", ";;;`;;);;"])
    func unterminatedInputIsAnError(_ text: String) {
        #expect(throws: ShellSyntaxError.self) { try ShellSyntax.parse(text) }
    }

    @Test func hereDocumentsAreSkipped() throws {
        let commands = try ShellSyntax.parse("cat <<EOF\nrm -rf /\nEOF\necho ok")
        #expect(commands.map(\.name) == ["cat", "echo"])
    }
}

@Suite struct SQLTextTests {
    @Test func splitsAtSemicolonsOutsideStringsAndComments() {
        let statements = SQLText.split("""
            -- a comment; with a semicolon
            SELECT 'a;b', "c;d", `e;f`;
            /* block; comment */ UPDATE t
              SET x = 'it''s; fine' # trailing; comment
              WHERE id = 1;
            SELECT 1
            """)
        #expect(statements.count == 3)
        #expect(statements.map(\.line) == [1, 2, 5])
        #expect(statements[0].text == "SELECT 'a;b', \"c;d\", `e;f`")
        #expect(statements[1].text.hasPrefix("UPDATE t"))
        #expect(statements[1].text.contains("'it''s; fine'"))
    }

    @Test func clientPromptsAreRemoved() {
        let statements = SQLText.split("mysql> SELECT 1;\nMariaDB [civicrm]> UPDATE t\n    -> SET a = 1;")
        #expect(statements.map(\.text) == ["SELECT 1", "UPDATE t\nSET a = 1"])
    }

    @Test func literalsAndVariables() {
        #expect(SQLText.assignedLiteral("UPDATE civicrm_contact SET api_key = 'abc' WHERE id = 1") == "abc")
        #expect(SQLText.assignedLiteral("UPDATE civicrm_contact SET api_key = @k WHERE id = 1") == nil)
        #expect(SQLText.variables("UPDATE c SET api_key = @key WHERE id = @id AND @@sql_mode") == ["key", "id"])
    }
}

@Suite struct KeyOutputTests {
    @Test func bareKey() {
        #expect(KeyOutput.parse("Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu\n")?.key == "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu")
    }

    @Test func wrappedKeyKeepsItsLineBreak() {
        let text = String(repeating: "A1b2", count: 19) + "\n" + "Zz9Yy8Xx\n"
        #expect(KeyOutput.parse(text)?.key.contains("\n") == true)
    }

    @Test func mysqlTable() {
        let table = """
            +---------------------------------+
            | api_key                         |
            +---------------------------------+
            | MYDMI9spjO9VTt3dNAUKQckztOZaFtt |
            +---------------------------------+
            1 row in set (0.000 sec)
            """
        let output = KeyOutput.parse(table)
        #expect(output?.key == "MYDMI9spjO9VTt3dNAUKQckztOZaFtt")
        #expect(output?.line == 3)
        #expect(output?.column == "api_key")
    }

    @Test(arguments: ["cv api contact.get id=100", "Hello world", "SELECT 1;", "short1", "+---+\n| a |\n+---+\n| 1 |\n| 2 |\n+---+"])
    func notAKey(_ text: String) {
        #expect(KeyOutput.parse(text) == nil)
    }
}

@Suite struct DirectivesTests {
    @Test func parsesEveryDirective() throws {
        let annotation = Annotation(text: "check: kind=generator runs=50 allow=cat,xxd expect=key.too-long", line: 3)
        let directives = try #require(try Directives.parse(annotation)?.get())
        #expect(directives.kind == SampleKind.generator)
        #expect(directives.runs == 50)
        #expect(directives.allow == ["cat", "xxd"])
        #expect(directives.expect == [.keyTooLong])
    }

    @Test func skipNeedsAReason() throws {
        let ok = try #require(try Directives.parse(Annotation(text: "check: skip \"needs a live site\"", line: 1))?.get())
        #expect(ok.skipReason == "needs a live site")
        guard case .failure = Directives.parse(Annotation(text: "check: skip", line: 1)) else {
            Issue.record("a skip without a reason must be refused")
            return
        }
    }

    @Test func otherCommentsAreNotAnnotations() {
        #expect(Directives.parse(Annotation(text: "a note for editors", line: 1)) == nil)
    }
}

/// Every kind an annotation can name has its checker, which claims the block and judges it.
@Suite struct CheckerRegistryTests {
    @Test func everyKindIsCheckedByItsChecker() throws {
        var options = CheckOptions()
        options.offline = true
        options.runs = 1
        let samples: [SampleKind: String] = [
            .generator: "head -c 32 /dev/urandom | base64", .output: "not a key at all, with spaces",
            .cv: "cv api4 Contact.creat", .sql: "SELECT 1;", .json: "{\"api_key\": ", .yaml: "a: [unclosed",
            .command: "git status",
        ]
        #expect(Set(samples.keys) == Set(SampleKind.allCases))
        let kinds = SampleKind.allCases
        let (report, lines) = try checkPage("Kinds", kinds.map { TestBlock(text: samples[$0]!, language: "text", annotation: "<!-- check: kind=\($0.rawValue) -->") },
                                            options: options)
        // What each kind's checker makes of its block: the two that need an engine say, in their
        // own words, that they did not run (the check is offline); the others find the defect.
        let expected: [SampleKind: (status: SampleOutcome.Status, note: String?, rule: RuleID)] = [
            .generator: (.notRun, "shell sample not run: offline check", .engineMissing),
            .sql: (.notRun, "SQL not executed: offline check", .engineMissing),
            .output: (.failed, nil, .outputUnreadable),
            .cv: (.failed, nil, .cvAction),
            .json: (.failed, nil, .jsonInvalid),
            .yaml: (.failed, nil, .yamlInvalid),
        ]
        for (index, kind) in kinds.enumerated() {
            let outcome = try #require(report.outcomes[SampleKey(page: "index.md", index: index)], "\(kind)")
            let block = (lines[index].lowerBound - 1)...(lines[index].upperBound + 1)
            let rules = report.diagnostics.filter { block.contains($0.location.line) }.map(\.rule)
            guard let want = expected[kind] else {
                // Shell commands without cv are not about keys: claimed, and counted as such.
                #expect(kind == .command)
                #expect(outcome.status == .notAboutKeys && outcome.note == "shell commands, not about keys", "\(kind): \(outcome.note)")
                #expect(rules.isEmpty, "\(kind): \(rules)")
                continue
            }
            #expect(outcome.status == want.status, "\(kind): \(outcome.status) \(outcome.note)")
            if let note = want.note { #expect(outcome.note == note, "\(kind)") }
            #expect(rules == [want.rule], "\(kind): \(rules)")
        }
    }
}

/// JSON is judged only when it carries a key: a broken JSON example about something else (an
/// Order.create with a trailing comma) is not about keys, however it is written.
@Suite struct KeylessJSONTests {
    @Test(arguments: [
        ("{\"contact_id\": 3, \"total_amount\": 10,}", false),
        ("{\"line_items\": [{\"params\": {\"price_field_id\": 1}},]}", false),
        ("{\"first_name\": \"Ann\"}", false),
        ("{\"values\": {\"api_key\": \"ubnSstRNFUAH1qiJYLPZKjdcOmabn5sd\"},}", true),
        ("{\"site_key\": \"x\", }", true),
    ])
    func onlyJSONWithAKeyIsJudged(_ json: String, _ judged: Bool) throws {
        var options = CheckOptions()
        options.offline = true
        let (report, _) = try checkPage("JSON", [TestBlock(text: json, language: "json")], options: options)
        let outcome = try #require(report.outcomes.values.first)
        if judged {
            #expect(outcome.status != .notAboutKeys, "\(outcome)")
        } else {
            #expect(outcome.status == .notAboutKeys, "\(outcome)")
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        }
    }
}
