import Database
import DocModel
import Foundation
import SampleCheck
import Testing

/// The folder of fixture docs beside this file.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// Loads a fixture folder and checks it with the real engines. A missing engine fails the
/// test: `make test` installs bubblewrap and MariaDB, and CI must have them. The fixtures ask
/// for full coverage, as the project's own guide does.
func checkFixture(_ name: String, runs: Int = 20, fullCoverage: Bool = true) throws -> CheckReport {
    let sandbox = Sandbox.detect()
    if case .failure(let error) = sandbox { Issue.record("bubblewrap is required: \(error)") }
    #expect(MariaDBServer.locate() != nil, "mariadbd is required (Debian package mariadb-server-core)")
    let docs = try LoadStage(docsFolder: fixture(name), config: SiteConfig()).run()
    var options = CheckOptions()
    options.runs = runs
    options.fullCoverage = fullCoverage
    return CheckStage(docs: docs, options: options).run()
}

extension CheckReport {
    /// Diagnostics of the page whose file name ends with `file`.
    func diagnostics(in file: String) -> [Diagnostic] {
        diagnostics.filter { $0.location.file.hasSuffix("/" + file) }
    }
}

/// One code block of a page written for a test.
struct TestBlock {
    var text: String
    var language = "bash"
    var annotation: String?
}

/// Writes `blocks` as one page in a temporary folder, checks it with `options` and removes the
/// folder; returns the report and the lines each block's code takes on the page.
func checkPage(_ title: String, _ blocks: [TestBlock], options: CheckOptions) throws -> (CheckReport, [ClosedRange<Int>]) {
    let (report, ranges) = try checkPages([blocks], title: title, options: options)
    return (report, ranges[0])
}

/// Writes each list of blocks as a page of its own (`index.md`, `page-1.md`, …) in one
/// temporary folder and checks them together; returns the report and, per page, the lines
/// each block's code takes.
func checkPages(_ pages: [[TestBlock]], title: String = "Page", options: CheckOptions) throws -> (CheckReport, [[ClosedRange<Int>]]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var ranges: [[ClosedRange<Int>]] = []
    for (number, blocks) in pages.enumerated() {
        var markdown = "# \(title)\n\n"
        var lines: [ClosedRange<Int>] = []
        for block in blocks {
            if let annotation = block.annotation { markdown += annotation + "\n" }
            markdown += "```\(block.language)\n"
            let first = markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            markdown += block.text + "\n```\n\n"
            lines.append(first...(first + max(1, block.text.split(separator: "\n").count) - 1))
        }
        ranges.append(lines)
        let name = number == 0 ? "index.md" : "page-\(number).md"
        try markdown.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let docs = try LoadStage(docsFolder: folder.path, config: SiteConfig()).run()
    return (CheckStage(docs: docs, options: options).run(), ranges)
}

/// An annotation that marks a block as a generator, as a hostile page would mark it to have it run.
func asGenerator(_ annotation: String?) -> String {
    (annotation ?? "<!-- check: -->").replacingOccurrences(of: "check:", with: "check: kind=generator")
}
