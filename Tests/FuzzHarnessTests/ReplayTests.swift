import Foundation
import FuzzHarness
import Testing

/// Every input kept for a fuzz target (the seeds, and each input a fuzzer found a failure with)
/// runs through its harness on every test run.
@Suite struct ReplayTests {
    static let inputs: [(Harness, URL)] = Harness.allCases.flatMap { harness -> [(Harness, URL)] in
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Inputs").appendingPathComponent(harness.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { (harness, folder.appendingPathComponent($0)) }
    }

    @Test func everyTargetHasInputs() {
        for harness in Harness.allCases {
            #expect(Self.inputs.contains { $0.0 == harness }, "\(harness.rawValue) has no inputs")
        }
    }

    @Test func everyKeptInputKeepsEveryProperty() throws {
        #expect(Self.inputs.count >= Harness.allCases.count)
        for (harness, url) in Self.inputs {
            let broken = harness.violations(try Data(contentsOf: url))
            #expect(broken.isEmpty, "\(harness.rawValue)/\(url.lastPathComponent): \(broken)")
        }
    }
}
