import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A new folder under the system's temporary folder, readable by its owner only (mkdtemp),
/// named `prefix` and six random characters; nil when it cannot be made.
public func makePrivateFolder(prefix: String) -> URL? {
    var template = Array((NSTemporaryDirectory() + prefix + "XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
        return nil
    }
    return URL(fileURLWithPath: String(cString: made))
}

/// Removes a folder and what it holds. An interrupt and the normal clean-up may remove it at the
/// same time, and a walk that finds files gone under it gives up: try again until it is gone.
public func removeFolder(_ path: String) {
    for _ in 0..<20 {
        try? FileManager.default.removeItem(atPath: path)
        if !FileManager.default.fileExists(atPath: path) { return }
        usleep(5_000)
    }
}
