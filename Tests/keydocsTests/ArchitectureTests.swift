import DocModel
import Foundation
import Testing

/// The layering ARCHITECTURE.md describes, read from the sources: the commands reach the stages
/// only through the pipeline, and each module imports only the modules below it.
@Suite struct ArchitectureTests {
    static let sources = packageRoot.appendingPathComponent("Sources")

    /// The modules each module's files import, of the project's own.
    static func imports(of module: String) throws -> Set<String> {
        let own: Set<String> = ["KeyPolicy", "DocModel", "Database", "SampleCheck", "SiteRender", "KeyTools", "Pipeline", "Preview"]
        var found: Set<String> = []
        let folder = sources.appendingPathComponent(module)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                let name = String(line.dropFirst("import ".count))
                if own.contains(name) { found.insert(name) }
            }
        }
        return found
    }

    @Test func theCommandsReachTheStagesThroughThePipeline() throws {
        let cli = try Self.imports(of: "keydocs")
        #expect(cli.isDisjoint(with: ["SampleCheck", "SiteRender"]), "the CLI imports \(cli)")
        #expect(cli.contains("Pipeline"))
    }

    static let layers: [String: Set<String>] = [
        "KeyPolicy": [],
        "DocModel": ["KeyPolicy"],
        "Database": ["KeyPolicy", "DocModel"],
        "SampleCheck": ["KeyPolicy", "DocModel", "Database"],
        "SiteRender": ["DocModel"],
        "KeyTools": ["KeyPolicy", "DocModel", "Database"],
        "Pipeline": ["KeyPolicy", "DocModel", "Database", "SampleCheck", "SiteRender"],
        "Preview": ["DocModel", "SiteRender"],
    ]

    @Test(arguments: layers.keys.sorted())
    func eachModuleImportsOnlyWhatIsBelowIt(_ module: String) throws {
        let used = try Self.imports(of: module)
        let allowed = Self.layers[module] ?? []
        #expect(used.isSubset(of: allowed), "\(module) imports \(used.subtracting(allowed))")
    }
}
