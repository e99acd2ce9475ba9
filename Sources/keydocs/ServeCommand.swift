import ArgumentParser
import Preview

/// `keydocs serve`: a preview that rebuilds on every change and reloads the open page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on 127.0.0.1, rebuilding and reloading on every change.",
        discussion: """
            Builds into a temporary folder and serves it on a loopback address only (127.0.0.1, or \
            another that -a/--dev-addr names). Edits to the docs or the config rebuild the site and \
            reload the open page; check results show on the blocks' badges and in a banner, and a \
            build error is shown in the browser while the server keeps running. Ctrl-C stops it and \
            removes the temporary folder.
            """
    )

    @OptionGroup var options: DocsOptions

    @Option(help: "The port on 127.0.0.1 (default: 8000; 0 picks a free one).")
    var port: Int?

    @Option(name: [.customShort("a"), .customLong("dev-addr")], help: ArgumentHelp("""
        mkdocs' address to serve on, IP:PORT: only a loopback address (127.0.0.1, another 127.x.x.x, localhost or \
        [::1]), since the preview shows unpublished pages.
        """, valueName: "IP:PORT"))
    var devAddr: String?

    @OptionGroup var rendering: RenderOptions

    func validate() throws {
        try rendering.mkdocs.validate(with: options)
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if port != nil && devAddr != nil { throw ValidationError("--port and -a/--dev-addr both name the port; give one of them") }
        _ = try address()
    }

    /// Where to listen: `-a`'s loopback address, else 127.0.0.1 with `--port` or 8000.
    func address() throws -> ListenAddress {
        guard let devAddr else { return ListenAddress(port: UInt16(port ?? 8000)) }
        switch ListenAddress.parse(devAddr) {
        case .success(let address): return address
        case .failure(let refusal): throw ValidationError(refusal.description)
        }
    }

    func run() async throws {
        rendering.mkdocs.noteIgnored()
        var serve = Serve(settings: rendering.settings(options), address: try address()) { line in
            Console.err(line)
        }
        serve.verbose = rendering.mkdocs.verbose
        serve.colour = Terminal.colour
        serve.progress = options.progressLine()
        let mkdocs = rendering.mkdocs
        serve.details = { mkdocs.details($0) }
        do { try await serve.run() } catch {
            Console.err("keydocs: error: \(error)")
            throw ExitCode(2)
        }
    }
}
