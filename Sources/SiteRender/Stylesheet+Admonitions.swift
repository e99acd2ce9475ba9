extension Stylesheet {
    /// An icon of its own for each kind of admonition, in its title, in the kind's colour: a
    /// mask over the colour, drawn from an SVG in a `data:` address (which the pages' policy
    /// lets images load from).
    static var admonitionIcons: String {
        let kinds: [(selectors: [String], path: String)] = [
            (["note", "seealso"], "M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"),
            (["abstract", "summary", "tldr"], "M4 5h16v2H4zM4 11h16v2H4zM4 17h10v2H4z"),
            (["info", "todo"], "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM11 7h2v2h-2zM11 11h2v6h-2z"),
            (["tip", "hint", "important"], "M9 21h6v-1.5H9V21zm3-19a7 7 0 0 0-4 12.74V17.5h8v-2.76A7 7 0 0 0 12 2z"),
            (["success", "check", "done"], "M9 16.17L4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z"),
            (["question", "help", "faq"], "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20zM11 16h2v2h-2zM12 6a4 4 0 0 0-4 4h2a2 2 0 1 1 4 0c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4z"),
            (["warning", "caution", "attention"], "M1 21h22L12 2 1 21zM13 18h-2v-2h2v2zM13 14h-2v-4h2v4z"),
            (["failure", "fail", "missing", "error", "forbidden"], "M19 6.41L17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"),
            (["danger"], "M11 21h-1l1-7H7.5c-.58 0-.57-.32-.38-.66C8.48 10.94 10.42 7.54 13 3h1l-1 7h3.5c.49 0 .56.33.47.51C12.96 17.55 11 21 11 21z"),
            (["bug"], "M20 8h-2.81a6 6 0 0 0-1.82-1.96L17 4.41 15.59 3l-2.17 2.17a6 6 0 0 0-2.83 0L8.41 3 7 4.41l1.62 1.63A6 6 0 0 0 6.81 8H4v2h2.09A6 6 0 0 0 6 11v1H4v2h2v1c0 .34.04.67.09 1H4v2h2.81A6 6 0 0 0 17.19 18H20v-2h-2.09c.05-.33.09-.66.09-1v-1h2v-2h-2v-1c0-.34-.04-.67-.09-1H20V8zm-6 8h-4v-2h4v2zm0-4h-4v-2h4v2z"),
            (["example"], "M7 2v2h1v6.5L3.5 19A2 2 0 0 0 5.2 22h13.6a2 2 0 0 0 1.7-3L16 10.5V4h1V2H7z"),
            (["quote", "cite"], "M6 17h3l2-4V7H5v6h3zm8 0h3l2-4V7h-6v6h3z"),
        ]
        var css = """

            /* Admonition icons: the note's for any kind without one of its own. */
            .page .admonition-title::before, .page details:not(.badge-info) > summary::before {
              content: ""; display: inline-block; width: 1.15em; height: 1.15em; margin-right: .45em; vertical-align: -.2em;
              background-color: var(--adm, var(--accent));
              -webkit-mask: var(--adm-icon) center / contain no-repeat; mask: var(--adm-icon) center / contain no-repeat;
            }
            .page .admonition, .page details:not(.badge-info) { --adm-icon: \(url(kinds[0].path)); }

            """
        for kind in kinds.dropFirst() {
            let selectors = kind.selectors.flatMap { [".page .admonition.\($0)", ".page details.\($0)"] }
            css += selectors.joined(separator: ", ") + " { --adm-icon: \(url(kind.path)); }\n"
        }
        return css
    }

    /// `path` on a 24-unit square, filled (holes by the even-odd rule), as a CSS `url()`.
    private static func url(_ path: String) -> String {
        let svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path fill-rule='evenodd' d='\(path)'/></svg>"
        let escaped = svg.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "<", with: "%3C")
            .replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "#", with: "%23").replacingOccurrences(of: "\"", with: "%22")
        return "url(\"data:image/svg+xml," + escaped + "\")"
    }
}
