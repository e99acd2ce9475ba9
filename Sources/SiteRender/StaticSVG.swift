import Foundation

/// The SVG that the site publishes: static drawing only (shapes, paths, text, paint, filters,
/// markers, clipping and masks, styles), whose references stay inside the file or are raster
/// images in `data:` addresses. Nothing on these lists runs script; anything else is left out.
enum StaticSVG {
    static let namespace = "http://www.w3.org/2000/svg"
    static let xlink = "http://www.w3.org/1999/xlink"

    /// The elements kept, all of SVG's namespace.
    static let elements: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "a", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "image",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    ]

    /// The attributes kept, in no namespace (`href` is judged by its value, `data-` and `aria-`
    /// attributes are kept as well).
    static let attributes: Set<String> = [
        // Structure, geometry and conditions.
        "id", "class", "style", "lang", "role", "version", "baseProfile", "viewBox", "preserveAspectRatio", "transform",
        "x", "y", "width", "height", "d", "pathLength", "cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2", "points",
        "systemLanguage", "requiredFeatures", "requiredExtensions", "type", "media",
        // Text.
        "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side", "path",
        // Paint servers, clipping, masks, markers, patterns.
        "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "offset", "clipPathUnits", "maskUnits",
        "maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "patternUnits",
        "patternContentUnits", "patternTransform",
        // Filters.
        "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
        "values", "tableValues", "slope", "intercept", "amplitude", "exponent", "scale", "xChannelSelector", "yChannelSelector",
        "baseFrequency", "numOctaves", "seed", "stitchTiles", "radius", "order", "kernelMatrix", "divisor", "bias", "targetX",
        "targetY", "edgeMode", "preserveAlpha", "surfaceScale", "specularConstant", "specularExponent", "diffuseConstant",
        "kernelUnitLength", "azimuth", "elevation", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle", "z",
        // Presentation attributes.
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
        "color-interpolation-filters", "color-rendering", "direction", "display", "dominant-baseline", "fill", "fill-opacity",
        "fill-rule", "filter", "flood-color", "flood-opacity", "font", "font-family", "font-size", "font-size-adjust",
        "font-stretch", "font-style", "font-variant", "font-weight", "glyph-orientation-horizontal",
        "glyph-orientation-vertical", "image-rendering", "isolation", "kerning", "letter-spacing", "lighting-color", "marker",
        "marker-end", "marker-mid", "marker-start", "mask", "mix-blend-mode", "opacity", "overflow", "paint-order",
        "pointer-events", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor",
        "text-decoration", "text-rendering", "transform-origin", "unicode-bidi", "vector-effect", "visibility",
        "white-space", "word-spacing", "writing-mode", "enable-background",
    ]

    /// Namespaces of drawing programs' own data (Inkscape, Sodipodi, Sketch, Affinity) and of RDF
    /// metadata: no browser gives their elements or attributes any behaviour, so leaving them out
    /// is no finding. SVG's `<metadata>` element, which holds such data, is left out likewise.
    static let editorNamespaces: Set<String> = [
        "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.bohemiancoding.com/sketch/ns", "http://www.serif.com/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
    ]

    /// What the site publishes of an SVG file.
    enum Outcome {
        /// The file as it is: everything in it is on the lists.
        case unchanged
        /// The file written again from its parse with only what the lists hold, what was left
        /// out that was more than editors' data (nothing: no finding), and the line of the first.
        case rewritten(Data, removed: [String], line: Int)
        /// Nothing, and why.
        case refused(XMLEvents.Refusal)
    }

    /// Judges the SVG file `data`. A file with anything off the lists is written again from the
    /// parse rather than refused: drawing programs add their own data, and the browser then
    /// reads exactly what was vetted, never the file's own bytes.
    static func publish(_ data: Data) -> Outcome {
        let parsed: XMLEvents
        switch XMLEvents.parse(data) {
        case .success(let events): parsed = events
        case .failure(let refusal): return .refused(refusal)
        }
        let root = parsed.events.lazy.compactMap { if case .start(let name, _, _) = $0 { name } else { nil } }.first
        guard let root, root.namespace == namespace, root.local == "svg" else {
            return .refused(.init(line: 1, reason: "its root element is <\(root?.qualified ?? "")>, not SVG's <svg>"))
        }
        var writer = Writer()
        for event in parsed.events { writer.take(event) }
        if !writer.changed && !parsed.hasDoctype { return .unchanged }
        return .rewritten(Data(writer.output().utf8), removed: writer.removed, line: writer.firstLine ?? 1)
    }

    /// Whether a reference (`href`) stays in the file or is a raster image: `#fragment`, or a
    /// `data:` address of PNG, JPEG, GIF or WebP.
    static func isStatic(reference: String) -> Bool {
        if reference.hasPrefix("#") { return true }
        let lower = reference.lowercased()
        return ["png", "jpeg", "gif", "webp"].contains { lower.hasPrefix("data:image/\($0);") || lower.hasPrefix("data:image/\($0),") }
    }

    /// Whether `attribute` is kept.
    static func keeps(_ attribute: XMLEvents.Attribute) -> Bool {
        let name = attribute.name
        switch name.namespace {
        case nil:
            if name.local == "href" { return isStatic(reference: attribute.value) }
            return attributes.contains(name.local) || name.local.hasPrefix("data-") || name.local.hasPrefix("aria-")
        case xlink?: return name.local == "href" && isStatic(reference: attribute.value)
        case XMLEvents.xmlNamespace?: return name.local == "space" || name.local == "lang"
        default: return false
        }
    }

    /// Whether leaving out an element or attribute called `name` is no finding.
    static func isEditorData(_ name: XMLEvents.Name, element: Bool) -> Bool {
        if let namespace = name.namespace, editorNamespaces.contains(namespace) { return true }
        return element && name.namespace == StaticSVG.namespace && name.local == "metadata"
    }

    // MARK: - Writing

    /// Writes the kept events as XML: SVG's elements without a prefix, attributes in name order.
    struct Writer {
        private var out = ""
        /// Where (a UTF-8 offset) the root's namespace declarations go, once it is known whether XLink is used.
        private var declarations: Int?
        private var usesXLink = false
        /// The names of open elements; nil for one left out.
        private var open: [String?] = []
        private var leftOut = 0
        /// Whether the last start tag written still lacks its `>`.
        private var startPending = false
        /// Whether anything (editors' data too) was left out.
        private(set) var changed = false
        /// What was left out that is more than editors' data, each name once.
        private(set) var removed: [String] = []
        private var seen: Set<String> = []
        private(set) var firstLine: Int?

        mutating func note(_ name: String, line: Int, quiet: Bool) {
            changed = true
            guard !quiet else { return }
            if firstLine == nil { firstLine = line }
            if seen.insert(name).inserted { removed.append(name) }
        }

        mutating func finishStart() {
            if startPending { out += ">" }
            startPending = false
        }

        mutating func take(_ event: XMLEvents.Event) {
            switch event {
            case .start(let name, let attributes, let line):
                guard leftOut == 0, name.namespace == StaticSVG.namespace, StaticSVG.elements.contains(name.local) else {
                    note("<\(name.qualified)>", line: line, quiet: StaticSVG.isEditorData(name, element: true))
                    leftOut += 1
                    open.append(nil)
                    return
                }
                finishStart()
                out += "<" + name.local
                if open.isEmpty { declarations = out.utf8.count }
                var kept: [(String, String)] = []
                for attribute in attributes {
                    guard StaticSVG.keeps(attribute) else {
                        note(attribute.name.qualified, line: line, quiet: StaticSVG.isEditorData(attribute.name, element: false))
                        continue
                    }
                    switch attribute.name.namespace {
                    case StaticSVG.xlink?:
                        usesXLink = true
                        kept.append(("xlink:" + attribute.name.local, attribute.value))
                    case XMLEvents.xmlNamespace?: kept.append(("xml:" + attribute.name.local, attribute.value))
                    default: kept.append((attribute.name.local, attribute.value))
                    }
                }
                for (name, value) in kept.sorted(by: { $0.0 < $1.0 }) { out += " \(name)=\"\(Self.escape(value, attribute: true))\"" }
                startPending = true
                open.append(name.local)
            case .end:
                guard let name = open.removeLast() else {
                    leftOut -= 1
                    return
                }
                if startPending { out += "/>" } else { out += "</\(name)>" }
                startPending = false
            case .text(let text):
                guard leftOut == 0, !open.isEmpty else { return }
                finishStart()
                out += Self.escape(text, attribute: false)
            case .comment:
                // Left out of a file written again; no reason to write one again.
                break
            case .instruction(let target, let line):
                note("<?\(target)?>", line: line, quiet: false)
            }
        }

        /// The document written.
        func output() -> String {
            var text = out
            if let offset = declarations {
                let declarations = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
                text.insert(contentsOf: " xmlns=\"\(StaticSVG.namespace)\"" + (usesXLink ? " xmlns:xlink=\"\(StaticSVG.xlink)\"" : ""),
                            at: declarations)
            }
            return text + "\n"
        }

        /// `text` as XML character data or a double-quoted attribute value; white space other
        /// than a space is kept in a value as a reference, since a parse would make it a space.
        static func escape(_ text: String, attribute: Bool) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"" where attribute: out += "&quot;"
                case "\t" where attribute: out += "&#9;"
                case "\n" where attribute: out += "&#10;"
                case "\r": out += "&#13;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
    }
}
