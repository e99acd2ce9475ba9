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
