import DocModel

/// The page keydocs writes at a redirect's old address: a refresh to the new one, a canonical
/// link to it, and a link a reader follows when the browser does not refresh. Every address is
/// relative, and names a file (`../tools/index.html`, not `../tools/`), so that it works from
/// disk as on a server. It is keydocs' own page, written with the escaping writer: it has the
/// pages' Content-Security-Policy and runs no script, and its target is a page of the guide or
/// an `http(s)` address that `RedirectResolver` accepted.
enum RedirectPage {
    /// The whole HTML document of `redirect`.
    static func html(_ redirect: Redirect, site: SiteContext) -> String {
        let href: String, canonical: String, title: String
        switch redirect.target {
        case .page(let path, let fragment):
            let target = site.output(path)
            let suffix = fragment.map { "#" + percentEncoded($0) } ?? ""
            href = percentEncoded(SitePaths.relative(from: SitePaths.directory(of: redirect.output), to: target)) + suffix
            if let base = site.config.siteURL {
                canonical = PageRenderer.absolute(base, percentEncoded(site.paths.href(from: "", to: target))) + suffix
            } else {
                canonical = percentEncoded(site.paths.href(from: redirect.output, to: target)) + suffix
            }
            title = TitleHTML.text(site.titles[path] ?? path)
        case .external(let url):
            (href, canonical, title) = (url, url, url)
        }
        var h = HTML()
        h.raw("<!DOCTYPE html>\n")
        h.open("html", ["lang": site.language])
        h.raw("\n<head>\n<meta charset=\"utf-8\">\n")
        h.open("meta", ["http-equiv": "Content-Security-Policy", "content": PageRenderer.contentSecurityPolicy])
        h.raw("\n")
        h.open("meta", ["http-equiv": "refresh", "content": "0; url=" + href])
        h.raw("\n<meta name=\"robots\" content=\"noindex\">\n")
        h.element("title", text: "\(title) - \(site.siteName)")
        h.raw("\n")
        h.open("link", ["rel": "canonical", "href": canonical])
        h.raw("\n")
        h.open("link", ["rel": "stylesheet", "href": site.rootPrefix(fromOutput: redirect.output) + "assets/keydocs.css"])
        h.raw("\n</head>\n<body>\n<main id=\"content\">\n<article class=\"page\">\n")
        h.element("h1", text: site.words(.movedTitle))
        // The link stands where the sentence puts it.
        let sentence = site.words.split(.moved)
        h.raw("\n<p>")
        h.text(sentence.before)
        h.open("a", ["href": href])
        h.text(title)
        h.close("a")
        h.text(sentence.after)
        h.raw("</p>\n</article>\n</main>\n</body>\n</html>\n")
        return h.output
    }

    /// `path` with every byte that an address may not hold as it is written as `%XX`: spaces,
    /// quotes, `%` itself and what is not ASCII.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, byte > 0x20, !"\"%'<>\\^`{|}#?".unicodeScalars.contains(scalar), byte != 0x7F {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
