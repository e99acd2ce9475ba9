import Foundation
import Testing

/// The formats CI reads: keydocs' JSON against its schema in the repository, SARIF 2.1.0 and
/// GitLab Code Quality, each from real runs on a fixture with findings of every severity.
@Suite(.serialized) struct ReportFormatTests {
    let folder = testFixture("cv-snapshot")

    func document(_ run: Run) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    /// The JSON document of a check, a build, a key check and a run that could not go on, each
    /// validated with the JSON Schema in schema/ by Python's jsonschema (Debian python3-jsonschema).
    @Test func jsonOutputMatchesTheSchemaInTheRepository() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let runs = [
            try keydocs(["check", "--format", "json"], directory: folder),
            try keydocs(["build", "--no-check", "--format", "json", "--site", scratch.appendingPathComponent("site").path], directory: folder),
            try keydocs(["key", "check", "--format", "json", "abc", "Q7dfK2mX9pLr4TvB8nZc3WsY"]),
            try keydocs(["check", "--format", "json", "--docs", scratch.appendingPathComponent("missing").path]),
        ]
        #expect(runs.map(\.status) == [1, 0, 1, 2])
        for (k, run) in runs.enumerated() {
            let file = scratch.appendingPathComponent("doc\(k).json")
            try run.stdout.write(to: file, atomically: true, encoding: .utf8)
            let object = try #require(try document(run) as? [String: Any])
            #expect(object["version"] as? Int == 1)
            #expect(object["keydocs"] as? String == (try keydocs(["--version"])).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let result = try validate(file)
            #expect(result.status == 0, "run \(k): \(result.output)")
        }
        // The validator is not a formality: a document that breaks the schema is refused.
        let broken = scratch.appendingPathComponent("broken.json")
        try runs[0].stdout.replacingOccurrences(of: "\"severity\":\"error\"", with: "\"severity\":\"fatal\"")
            .write(to: broken, atomically: true, encoding: .utf8)
        #expect(try validate(broken).status != 0)
    }

    /// Runs the schema validator on `file`.
    func validate(_ file: URL) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, packageRoot.appendingPathComponent("schema/diagnostics.schema.json").path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func sarifHasOneResultForEachFindingWithItsRuleAndPlace() throws {
        let json = try #require(try document(try keydocs(["check", "--format", "json"], directory: folder)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let run = try keydocs(["check", "--format", "sarif"], directory: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("checked 5 samples"))
        let log = try #require(try document(run) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-2.1.0.json") == true)
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((sarifRun["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "keydocs")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(sarifRun["results"] as? [[String: Any]])
        #expect(results.count == diagnostics.count)
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["error", "warning"])
        var fingerprints = Set<String>()
        for (result, diagnostic) in zip(results, diagnostics) {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleID == diagnostic["rule"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == ruleID)
            #expect(((rules[index]["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(result["level"] as? String == diagnostic["severity"] as? String)
            #expect((result["message"] as? [String: Any])?["text"] as? String == diagnostic["message"] as? String)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == diagnostic["file"] as? String)
            let region = try #require(location["region"] as? [String: Any])
            #expect(region["startLine"] as? Int == diagnostic["line"] as? Int)
            #expect(region["endLine"] as? Int == diagnostic["endLine"] as? Int)
            fingerprints.insert(try #require((result["partialFingerprints"] as? [String: String])?["keydocs/v1"]))
        }
        #expect(fingerprints.count == results.count)
    }

    @Test func gitlabCodeQualityIssuesKeepTheirFingerprintWhenLinesMove() throws {
        let run = try keydocs(["check", "--format", "gitlab"], directory: folder)
        #expect(run.status == 1)
        let issues = try #require(try document(run) as? [[String: Any]])
        #expect(!issues.isEmpty)
        for issue in issues {
            #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
            #expect(["info", "minor", "major", "critical", "blocker"].contains(issue["severity"] as? String ?? ""))
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasPrefix("docs/") == true)
            #expect(((location["lines"] as? [String: Any])?["begin"] as? Int ?? 0) >= 1)
        }
        #expect(Set(issues.compactMap { $0["severity"] as? String }) == ["major", "minor"])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == issues.count)

        // The same guide with two lines added at the top of every page: the findings move down,
        // their fingerprints stay.
        let moved = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: moved) }
        try FileManager.default.removeItem(at: moved)
        try FileManager.default.copyItem(at: folder, to: moved)
        for page in try FileManager.default.contentsOfDirectory(atPath: moved.appendingPathComponent("docs").path) where page.hasSuffix(".md") {
            let url = moved.appendingPathComponent("docs").appendingPathComponent(page)
            try ("<!-- moved -->\n\n" + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let after = try #require(try document(try keydocs(["check", "--format", "gitlab"], directory: moved)) as? [[String: Any]])
        func lines(_ issues: [[String: Any]]) -> [Int] {
            issues.compactMap { (($0["location"] as? [String: Any])?["lines"] as? [String: Any])?["begin"] as? Int }
        }
        #expect(lines(after) == lines(issues).map { $0 + 2 })
        #expect(after.compactMap { $0["fingerprint"] as? String } == issues.compactMap { $0["fingerprint"] as? String })
    }

    @Test func aRunThatCannotGoOnIsOneFindingInEveryDocumentFormat() throws {
        for format in ["sarif", "gitlab"] {
            let run = try keydocs(["check", "--format", format, "--docs", "/nonexistent-\(UUID())"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("the docs folder does not exist"))
            let text = run.stdout
            #expect(text.contains("load.failed"), "\(format): \(text)")
            _ = try document(run)
        }
        // A workflow command's properties end at a comma or colon: the path's own are escaped.
        let github = try keydocs(["check", "--format", "github", "--docs", "/nonexistent,title=x:y"])
        #expect(github.status == 2)
        #expect(github.stdout == "::error file=/nonexistent%2Ctitle=x%3Ay,line=1,endLine=1,col=1,title=load.failed::the docs folder does not exist\n",
                "\(github.stdout)")
    }
}
