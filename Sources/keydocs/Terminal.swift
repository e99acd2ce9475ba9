#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocModel
import Foundation

/// What stderr is: a terminal gets colour and a progress line; a pipe, a file, CI or
/// `NO_COLOR` get plain lines only.
enum Terminal {
    /// Whether stderr is a terminal that is not a dumb one.
    static let isInteractive: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return isatty(2) == 1 && environment["TERM"] != "dumb"
    }()

    /// Colour on stderr: on a terminal, unless `NO_COLOR` is set to anything (no-color.org).
    static let colour: Bool = isInteractive && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty

    /// A progress line: on a terminal, outside CI (`CI` set, as every CI service sets it), and not with `-q`.
    static func showsProgress(quiet: Bool) -> Bool {
        isInteractive && !quiet && (ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    /// The terminal's width in columns, 80 when it does not say.
    static var width: Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }
}

/// One line on stderr that says what a long run is doing, rewritten in place and cleared
/// before anything else is printed. Silent where `Terminal.showsProgress` says so.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(quiet: Bool) { enabled = Terminal.showsProgress(quiet: quiet) }

    /// Shows `message`, cut to the terminal's width.
    func show(_ message: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        // Cut after escaping: the width is what the terminal shows.
        let text = ConsoleText.visible("keydocs: " + message), width = Terminal.width
        let line = text.count < width ? text : String(text.prefix(width - 2)) + "…"
        Console.err(partial: "\r\u{1B}[K\(line)")
        shown = true
    }

    /// Removes the line, so that what follows starts on a clean one.
    func clear() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { Console.err(partial: "\r\u{1B}[K") }
        shown = false
    }
}
