import Foundation
import Testing

/// Compares `actual` with the snapshot `name` in the `Snapshots` folder beside the calling test
/// file, or records it there when KEYDOCS_RECORD=1.
public func assertSnapshot(_ actual: String, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["KEYDOCS_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "snapshot \(name) differs; KEYDOCS_RECORD=1 re-records it", sourceLocation: sourceLocation)
}
