import Database
import DocModel
import Foundation
import Support
import Testing

/// What one run of the built `keydocs` binary did.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The `keydocs` binary built beside this test bundle.
let keydocsBinary: URL = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("keydocs")
}()

/// Runs `keydocs` with `arguments`, feeding `stdin`, and waits for it.
func keydocs(_ arguments: [String], stdin: String? = nil, directory: URL? = nil, environment: [String: String]? = nil) throws -> Run {
    let process = Process()
    process.executableURL = keydocsBinary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    let input = Data((stdin ?? "").utf8)
    let group = DispatchGroup()
    // Feed stdin and drain stderr on other threads, so that no pipe fills up and blocks the child.
    DispatchQueue.global().async(group: group) {
        try? inPipe.fileHandleForWriting.write(contentsOf: input)
        try? inPipe.fileHandleForWriting.close()
    }
    let errBox = DataBox()
    DispatchQueue.global().async(group: group) { errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile() }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let errData = errBox.data
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Every file under `url` with its bytes, by relative path.
func folderContents(_ url: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: url.path) {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path, isDirectory: &isDirectory)
        if !isDirectory.boolValue { files[path] = try Data(contentsOf: url.appendingPathComponent(path)) }
    }
    return files
}

/// Processes and servers that shared test fixtures start, stopped when the test process exits.
enum ExitCleanup {
    nonisolated(unsafe) private static var pids: [Int32] = []
    private static let lock = NSLock()
    private static let installed: Void = {
        atexit {
            ExitCleanup.lock.lock()
            for pid in ExitCleanup.pids { kill(pid, SIGTERM) }
            ExitCleanup.lock.unlock()
            // Private MariaDB servers register their own clean-up here.
            Interrupts.shared.runAll()
        }
    }()

    /// Terminates `pid` when the test process exits.
    static func terminate(_ pid: Int32) {
        _ = installed
        lock.lock()
        pids.append(pid)
        lock.unlock()
    }

    /// Runs the registered clean-up (private servers) when the test process exits.
    static func install() { _ = installed }
}
