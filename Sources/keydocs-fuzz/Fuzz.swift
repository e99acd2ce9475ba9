import FuzzHarness
import Foundation

/// The harness named by KEYDOCS_FUZZ_TARGET (keys, shell, sql, table, cv, markdown).
let harness: Harness = {
    let name = ProcessInfo.processInfo.environment["KEYDOCS_FUZZ_TARGET"] ?? ""
    guard let harness = Harness(rawValue: name) else {
        FileHandle.standardError.write(Data("set KEYDOCS_FUZZ_TARGET to one of: \(Harness.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return harness
}()

#if FUZZING
/// libFuzzer's entry point: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    harness.run(Data(bytes: bytes, count: count))
    return 0
}
#else
/// Without libFuzzer: replays the files named as arguments.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            harness.run(data)
            print("ok \(path)")
        }
    }
}
#endif
