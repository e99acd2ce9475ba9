import DocModel
import FlyingFox
import FlyingSocks
import Foundation
import SiteRender
import Support

/// Serves a built site on a loopback address only (127.0.0.1 unless told another), with a script on every page that reloads it when the
/// site is rebuilt, a banner listing the build's findings, and the build's error in place of
/// the site when a build fails. Paths that leave the site, however encoded, are refused.
public final class PreviewServer: @unchecked Sendable {
    let state: PreviewState
    let server: HTTPServer

    /// A server for `state` on `address` (port 0 picks a free port).
    public init(state: PreviewState, address: ListenAddress) throws {
        self.state = state
        server = HTTPServer(address: try address.socketAddress(), logger: .disabled)
    }

    /// Starts serving; returns once the server listens, with the port it listens on.
    public func start() async throws -> UInt16 {
        let state = self.state
        await server.appendRoute("GET /*") { request in Self.respond(to: request, state: state) }
        await server.appendRoute("HEAD /*") { request in Self.respond(to: request, state: state) }
        Task { try? await server.run() }
        try await server.waitUntilListening(timeout: 10)
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: return 0
        }
    }

    // MARK: - Responses

    static func respond(to request: HTTPRequest, state: PreviewState) -> HTTPResponse {
        var reply = answer(request, state: state)
        // A page of another origin can still ask (`<script src>` runs the search index, which holds
        // every page's text, in that page): every reply tells the browser to hand it to none but ours.
        reply.headers[HTTPHeader("Cross-Origin-Resource-Policy")] = "same-origin"
        return reply
    }

    private static func answer(_ request: HTTPRequest, state: PreviewState) -> HTTPResponse {
        // A web page the reader has open elsewhere can point its own host name at 127.0.0.1 (DNS
        // rebinding) and read the preview as a page of its own site: answer only loopback names.
        guard allowsHost(request.headers[.host]) else {
            return response(.misdirectedRequest, "421: the preview answers only for localhost, 127.0.0.1 and [::1]\n",
                            type: "text/plain; charset=utf-8", cache: false)
        }
        guard allowsFetchSite(request.headers.values(for: HTTPHeader("Sec-Fetch-Site"))) else {
            return response(.forbidden, "403: the preview answers only its own pages and the address bar\n",
                            type: "text/plain; charset=utf-8", cache: false)
        }
        // FlyingFox's `path` is standardised (no trailing slash); the target as sent says whether it had one.
        let folderAddress = request.target.path().hasSuffix("/")
        return state.reading { snapshot in respond(to: request.path, folderAddress: folderAddress, root: state.root, snapshot: snapshot) }
    }

    /// Whether a request's `Sec-Fetch-Site` values, as the browser sets them, allow an answer:
    /// from the preview's own pages (`same-origin`), from the reader's address bar or a bookmark
    /// (`none`), or from a client that sends none (curl, an older browser).
    public static func allowsFetchSite(_ values: [String]) -> Bool {
        values.allSatisfy { $0 == "same-origin" || $0 == "none" }
    }

    /// Whether a Host header names this machine's loopback: `localhost` (or a name under
    /// `.localhost`), an address in 127.0.0.0/8, or `[::1]`, with or without a port.
    public static func allowsHost(_ header: String?) -> Bool {
        guard var host = header?.lowercased(), !host.isEmpty else { return false }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(isDigit)) else { return false }
            return host[..<close] == "[::1"
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(isDigit) else { return false }
            host = String(host[..<colon])
        }
        if host.hasSuffix(".") { host.removeLast() }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(isDigit) && (Int($0) ?? 256) <= 255 }
    }

    /// The reply to a request for `rawPath`; `folderAddress` says whether the address asked for
    /// ended with a slash.
    static func respond(to rawPath: String, folderAddress: Bool, root: URL, snapshot: PreviewState.Snapshot) -> HTTPResponse {
        switch rawPath {
        case "/__keydocs/version.js":
            return response(.ok, "window.__keydocsVersion = \(snapshot.version);\n", type: "text/javascript", cache: false)
        case "/__keydocs/reload.js":
            return response(.ok, reloadScript, type: "text/javascript", cache: false)
        default:
            break
        }
        if let error = snapshot.error { return response(.internalServerError, errorPage(error), type: "text/html; charset=utf-8", cache: false) }
        guard let relative = resolve(rawPath) else {
            return response(.forbidden, "403: this path is outside the site\n", type: "text/plain; charset=utf-8", cache: false)
        }
        var url = root.appendingPathComponent(relative)
        if relative.isEmpty || isFolder(url.path) {
            // A folder asked for without its slash is sent to it, as static servers do: its page's
            // relative addresses (a redirect page's above all) resolve from the folder.
            if !relative.isEmpty, !folderAddress { return folderRedirect(relative) }
            url = url.appendingPathComponent("index.html")
        }
        guard let data = readWithoutLinks(root: root.path, relative: url.path.dropFirst(root.path.count + 1)) else {
            let notFound = (try? Data(contentsOf: root.appendingPathComponent("404.html"))) ?? Data("404: not found\n".utf8)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: inject(notFound, problems: snapshot.problems))
        }
        let type = contentType(url.pathExtension)
        let body = type.hasPrefix("text/html") ? inject(data, problems: snapshot.problems) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store",
                                                       HTTPHeader("Content-Security-Policy"): type.hasPrefix("text/html") ? pagePolicy : headerPolicy,
                                                       HTTPHeader("X-Content-Type-Options"): "nosniff"], body: body)
    }

    /// A 301 to `relative` (a folder under the site's root, with no empty segment) with a slash
    /// after it: an address on this server, never another host's (it starts with one `/` and a
    /// segment), percent-encoded so that the header holds no line break or comma.
    static func folderRedirect(_ relative: String) -> HTTPResponse {
        // A comma too is escaped: the server's headers read one as a list's separator.
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ","))
        let location = "/" + (relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "/"
        return HTTPResponse(statusCode: .movedPermanently, headers: [.contentType: "text/plain; charset=utf-8", HTTPHeader("Location"): location,
                                                                    HTTPHeader("Cache-Control"): "no-store"],
                            body: Data("301: \(location)\n".utf8))
    }

    /// The policy every file is served with: the pages' own, which also covers what a page's
    /// `<meta>` cannot (an SVG or an HTML file opened on its own, framing by other sites).
    static let headerPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The policy a page is served with: the other files' policy, but for the remote images and
    /// frames that a page's own `<meta>` policy then narrows to exactly the sites it uses.
    static let pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; "
        + "frame-src https: http:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The file at `relative` under `root`, opened one segment at a time without following a
    /// symbolic link anywhere on the way; nil when it is missing, a link or not a regular file.
    static func readWithoutLinks(root: String, relative: Substring) -> Data? {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let segments = relative.split(separator: "/")
        for (k, segment) in segments.enumerated() {
            let last = k == segments.count - 1
            let next = openat(fd, String(segment), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? 0 : O_DIRECTORY))
            close(fd)
            guard next >= 0 else { return nil }
            fd = next
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        return try? handle.readToEnd() ?? Data()
    }

    /// The path under the site's root for a request path: percent-decoded (twice, so that a
    /// doubly encoded `..` is seen too), with `..` refused; nil when the path leaves the site.
    public static func resolve(_ rawPath: String) -> String? {
        var path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        for _ in 0..<2 { path = path.removingPercentEncoding ?? path }
        guard !path.contains("\0"), !path.contains("\\") else { return nil }
        // Hidden files are not served, nor is anything in a hidden folder.
        guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") && $0 != "." && $0 != ".." }) else { return nil }
        return SitePaths.contained(path)
    }

    static func inject(_ html: Data, problems: [String]) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        if !problems.isEmpty, let body = text.range(of: "<body>") {
            var banner = "\n<div class=\"serve-banner\" role=\"alert\"><strong>\(counted(problems.count, "problem")) in the last build</strong><ul>"
            for line in problems.prefix(50) { banner += "<li>" + escape(line) + "</li>" }
            banner += "</ul></div>"
            text.insert(contentsOf: banner, at: body.upperBound)
        }
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: "<script src=\"/__keydocs/reload.js\"></script>\n", at: end.lowerBound)
        }
        return Data(text.utf8)
    }

    static func errorPage(_ message: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Build failed · keydocs</title></head>
        <body><h1>The build failed</h1><pre>\(escape(message))</pre>
        <p>The preview reloads when the build succeeds again.</p>
        <script src="/__keydocs/reload.js"></script></body></html>

        """
    }

    static func response(_ status: HTTPStatusCode, _ text: String, type: String, cache: Bool) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: type, HTTPHeader("Cache-Control"): cache ? "max-age=60" : "no-store"],
                     body: Data(text.utf8))
    }

    static func contentType(_ ext: String) -> String {
        switch ext.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// Polls the version by loading it as a script (the pages' policy allows scripts from the
    /// site, and no other kind of request), and reloads the page when it changes.
    static let reloadScript = #"""
(function () {
  'use strict';
  var seen = null;
  function poll() {
    var script = document.createElement('script');
    script.src = '/__keydocs/version.js?t=' + Date.now();
    script.onload = function () {
      var version = window.__keydocsVersion;
      script.remove();
      if (seen === null) seen = version;
      else if (version !== seen) { location.reload(); return; }
      setTimeout(poll, 500);
    };
    script.onerror = function () { script.remove(); setTimeout(poll, 1500); };
    document.head.appendChild(script);
  }
  poll();
})();
"""#
}
