import DocModel
import SampleCheck
import Testing

/// The check stage is linear in a block's size: a block of many keys is read once, not once
/// per key. The sizes are such that the per-key rescans took minutes.
@Suite struct LinearCheckTests {
    /// A JSON block of 20,000 objects, each with a key that is too short: every finding is at
    /// its own key's line.
    @Test func aJSONBlockOfManyKeys() throws {
        let n = 20_000
        let text = "[\n" + (0..<n).map { "  {\"api_key\": \"short\($0)\"}" }.joined(separator: ",\n") + "\n]"
        let (report, lines) = try checkPage("Keys", [TestBlock(text: text, language: "json")], options: CheckOptions())
        let found = report.diagnostics.filter { $0.rule == .keyTooShort }.map(\.location.line)
        #expect(found.count == n)
        #expect(found == (0..<n).map { lines[0].lowerBound + 1 + $0 }, "\(found.prefix(5))")
    }

    /// An HTTP block of 20,000 requests with the key in the URL: one finding a line.
    @Test func anHTTPBlockOfManyRequests() throws {
        let n = 20_000
        let text = (0..<n).map { "curl 'https://example.org/civicrm/ajax/api4/Contact/get?api_key=short\($0)'" }.joined(separator: "\n")
        let (report, lines) = try checkPage("Requests", [TestBlock(text: text, language: "bash")], options: CheckOptions())
        let inURL = report.diagnostics.filter { $0.rule == .keyInUrl }.map(\.location.line)
        #expect(inURL == (0..<n).map { lines[0].lowerBound + $0 })
    }
}
