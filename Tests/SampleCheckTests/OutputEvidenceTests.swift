import DocModel
import SampleCheck
import Testing

/// A key shown after a generator is "impossible" only when the generator's runs settle it: the
/// runs have seen all the lengths and characters the generator prints, by the Good–Turing
/// estimate (the share of draws whose value was seen once) of what is still unseen. Too few runs
/// say nothing about what a generator cannot print.
@Suite(.serialized) struct OutputEvidenceTests {
    static let alphanumeric = "tr -dc 'A-Za-z0-9' </dev/urandom | head -c32; echo"
    static let hex = "openssl rand -hex 16"
    static let varying = "head -c24 /dev/urandom | base64 | tr -d '+/'"

    /// Checks a generator and the key block after it; the findings on the key block and its outcome note.
    func judge(_ generator: String, shows key: String, runs: Int) throws -> ([Diagnostic], String) {
        var options = CheckOptions()
        options.runs = runs
        let (report, ranges) = try checkPage("Output", [
            TestBlock(text: generator, annotation: asGenerator(nil)),
            TestBlock(text: key, language: "text", annotation: "<!-- check: kind=output -->"),
        ], options: options)
        let note = report.outcomes.first { $0.key.index == 1 }?.value.note ?? ""
        return (report.diagnostics.filter { ranges[1].contains($0.location.line) }, note)
    }

    @Test(arguments: [
        // One run of 32 characters from 62 has seen most characters once: nothing is settled.
        (alphanumeric, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJkLm", 1),
        (alphanumeric, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJkL", 1),
        (alphanumeric, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJkLm", 2),
        (hex, "7f3a9c01e4b2d58f6a0c93e7b41d2f", 1),
    ])
    func tooFewRunsJudgeNothing(_ generator: String, _ key: String, _ runs: Int) throws {
        let (found, note) = try judge(generator, shows: key, runs: runs)
        #expect(!found.contains { $0.rule == .outputImpossible }, "\(found)")
        #expect(note.contains("too few"), "\(note)")
    }

    @Test(arguments: [
        // A fixed length seen in every run is settled after a few runs; a character outside the
        // sixteen a hex generator printed over many runs is settled too.
        (alphanumeric, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1D", 20, "25 characters"),
        (hex, "7f3a9c01e4b2d58f6a0c93e7b41d2f5Z", 100, "'Z'"),
        (hex, "7f3a9c01e4b2d58f6a0c93e7b41d2f", 20, "30 characters"),
        (varying, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJkLmNp", 200, "34 characters"),
    ])
    func settledRunsFindTheImpossibleKey(_ generator: String, _ key: String, _ runs: Int, _ message: String) throws {
        let (found, _) = try judge(generator, shows: key, runs: runs)
        #expect(found.contains { $0.rule == .outputImpossible && $0.message.contains(message) }, "\(found.map(\.message))")
    }

    @Test(arguments: [
        (alphanumeric, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJkLm", 200),
        (varying, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1DfGhJ", 200),
        (hex, "7f3a9c01e4b2d58f6a0c93e7b41d2f5e", 100),
    ])
    func aPossibleKeyPasses(_ generator: String, _ key: String, _ runs: Int) throws {
        let (found, note) = try judge(generator, shows: key, runs: runs)
        #expect(found.isEmpty, "\(found)")
        #expect(note.contains("can print"), "\(note)")
    }

    /// Pages that show the same command share its runs: the check runs it once.
    @Test func theSameCommandOnSeveralPagesRunsOnce() throws {
        var options = CheckOptions()
        options.runs = 30
        let blocks = [TestBlock(text: Self.alphanumeric, annotation: asGenerator(nil)),
                      TestBlock(text: Self.hex, annotation: asGenerator(nil))]
        let (report, _) = try checkPages([blocks, blocks, blocks], options: options)
        #expect(report.count(.verified) == 6, "\(report.summaryLine)")
        #expect(report.generatorRuns == 60, "\(report.generatorRuns)")
    }
}
