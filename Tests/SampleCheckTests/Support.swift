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
    let docs = try LoadStage(docsDir: fixture(name), config: SiteConfig()).run()
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
