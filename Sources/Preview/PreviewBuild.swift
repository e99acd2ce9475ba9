import Dispatch
import DocModel
import Foundation
import Pipeline
import Support

/// One preview build: load, check, render into the preview's folder, publish. Never throws: a
/// problem becomes the error the browser shows.
public struct PreviewBuild: Sendable {
    /// The pipeline, kept from one rebuild to the next.
    public let build: Build
    /// What the server shows, which each run publishes to.
    public let state: PreviewState
    /// `--verbose`: print the notes too, and `details`.
    public let verbose: Bool
    /// Whether the findings are printed in colour.
    public let colour: Bool
    /// Lines printed after the findings (`--verbose`'s block outcomes and redirects).
    public let details: @Sendable (Build.Outcome) -> [String]

    /// A preview build of `build` into `state`'s folder.
    public init(build: Build, state: PreviewState, verbose: Bool = false, colour: Bool = false,
                details: @escaping @Sendable (Build.Outcome) -> [String] = { _ in [] }) {
        self.build = build
        self.state = state
        self.verbose = verbose
        self.colour = colour
        self.details = details
    }

    /// Builds, publishes the result to `state` (the new site, or the error in its place) and
    /// returns the lines to print: each finding as `check` prints it, then a summary.
    public func run() async -> [ConsoleText] {
        await Self.background { self.runNow() }
    }

    private func runNow() -> [ConsoleText] {
        let started = Date()
        do {
            var shown: [Diagnostic] = []
            var printed: [Diagnostic] = []
            let preview = try build.preview(into: state.root.path) { outcome, commit throws(DocError) in
                shown = outcome.diagnostics.filter { $0.severity != .note }
                printed = verbose ? outcome.diagnostics : shown
                let problems = shown.map { DiagnosticRenderer.text($0, context: false).description }
                try state.publish(error: nil, problems: problems, commit: commit)
            }
            let outcome = preview.outcome
            var checked = ""
            if let report = outcome.report {
                checked = report.summaryLine + "; "
            }
            let rendered = preview.full ? "rebuilt \(counted(outcome.docs.pages.count, "page"))"
                : "rendered \(counted(preview.rendered, "changed page")) of \(outcome.docs.pages.count)"
            let seconds = String(Date().timeIntervalSince(started), decimals: 2)
            return printed.map { DiagnosticRenderer.text($0, colour: colour) }
                + details(outcome).map { "\($0)" as ConsoleText }
                + ["keydocs: \(checked)\(rendered) in \(seconds) s, \(counted(shown.count, "problem"))"]
        } catch {
            build.progress(nil)
            let message = error.description
            state.publish(error: message, problems: []) {}
            return ["keydocs: build failed: \(message)"]
        }
    }

    /// Runs `body` on a thread of its own, so that the server's tasks go on meanwhile.
    static func background<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}
