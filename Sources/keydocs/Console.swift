#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel
import Foundation

/// Where the command line writes: results to stdout, diagnostics to stderr. Everything written
/// is `ConsoleText`, so that what came from input is escaped here, whoever wrote the line: a path
/// or a message cannot drive the terminal or become a command in a CI log.
enum Console {
    /// Writes `text` and a newline to stdout.
    static func out(_ text: ConsoleText) { write(text.description + "\n", to: 1) }

    /// Writes `text` and a newline to stderr.
    static func err(_ text: ConsoleText) { write(text.description + "\n", to: 2) }

    /// Writes `text` to stderr with no newline (a line that is rewritten in place).
    static func err(partial text: ConsoleText) { write(text.description, to: 2) }

    /// Writes raw bytes to stdout, all of them: generated keys, which are letters and digits.
    static func out(bytes: UnsafeRawBufferPointer) throws {
        try writeAll(bytes, to: 1)
    }

    private static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { try? writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Writing failed (a closed pipe, a full disk).
    struct WriteError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "cannot write output: \(String(cString: strerror(code)))" }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = Glibc.write(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(code: errno)
            }
            base += n
            remaining -= n
        }
    }
}
