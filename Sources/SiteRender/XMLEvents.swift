import DocModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML file as one parse saw it: its events in order, with every element's and attribute's
/// name resolved to its namespace, as a browser resolves them. What keydocs vets of an SVG or
/// XML file of the docs, and what it writes again. Only a file that a browser and this parse
/// read alike is read at all: UTF-8, well-formed, and with no DTD declarations of its own.
struct XMLEvents {
    /// A name with its namespace (nil: none).
    struct Name: Equatable {
        var prefix: String?
        var local: String
        var namespace: String?

        /// The name as written.
        var qualified: String { prefix.map { $0 + ":" + local } ?? local }
    }

    /// An attribute other than a namespace declaration.
    struct Attribute {
        var name: Name
        var value: String
    }

    /// One event of the parse.
    enum Event {
        /// A start tag, its attributes by qualified name, and its line.
        case start(Name, [Attribute], line: Int)
        /// The end of the element last started.
        case end
        /// Character data, CDATA sections included.
        case text(String)
        /// A comment.
        case comment
        /// A processing instruction (the XML declaration is none), and its line.
        case instruction(target: String, line: Int)
    }

    /// Why a file is not published, and the line that says so.
    struct Refusal: Error {
        var line: Int
        var reason: String
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The events, in document order.
    var events: [Event]
    /// Whether a DOCTYPE (without declarations of its own) came before the root.
    var hasDoctype: Bool

    /// The parse of `data`, or why it cannot be vetted.
    static func parse(_ data: Data) -> Result<XMLEvents, Refusal> {
        guard !data.contains(0), String(validating: data, as: UTF8.self) != nil else {
            return .failure(Refusal(line: 1, reason: "it is not UTF-8 text"))
        }
        let hasDoctype: Bool
        switch Prolog.read([UInt8](data)) {
        case .success(let doctype): hasDoctype = doctype
        case .failure(let refusal): return .failure(refusal)
        }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        collector.flushText()
        // The parser may say it succeeded after it reported an error (extra content after the root).
        if let refusal = collector.refusal { return .failure(refusal) }
        guard parsed, collector.depth == 0, !collector.events.isEmpty else {
            return .failure(Refusal(line: parser.lineNumber, reason: "it is not well-formed XML"))
        }
        return .success(XMLEvents(events: collector.events, hasDoctype: hasDoctype))
    }

    // MARK: - The parse

    /// Collects the events, resolving names with the namespace declarations in scope.
    private final class Collector: NSObject, XMLParserDelegate {
        var events: [Event] = []
        var refusal: Refusal?
        /// Prefix ("" for the default) → the namespaces bound to it by open elements, innermost last.
        var bindings: [String: [String]] = ["xml": [XMLEvents.xmlNamespace]]
        /// The prefixes each open element binds.
        var declared: [[String]] = []
        var depth: Int { declared.count }
        /// Character data not yet an event: text comes in pieces, joined here in linear time.
        var pendingText = ""

        func fail(_ parser: XMLParser, _ reason: String) {
            if refusal == nil { refusal = Refusal(line: max(parser.lineNumber, 1), reason: reason) }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            flushText()
            var prefixes: [String] = []
            for (name, value) in attributeDict where name == "xmlns" || name.hasPrefix("xmlns:") {
                let prefix = name == "xmlns" ? "" : String(name.dropFirst(6))
                bindings[prefix, default: []].append(value)
                prefixes.append(prefix)
            }
            declared.append(prefixes)
            func resolve(_ qualified: String, isElement: Bool) -> Name? {
                let parts = qualified.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2 {
                    guard let namespace = bindings[parts[0]]?.last, !namespace.isEmpty else { return nil }
                    return Name(prefix: parts[0], local: parts[1], namespace: namespace)
                }
                // An unprefixed attribute is in no namespace; an unprefixed element in the default one.
                let namespace = isElement ? bindings[""]?.last.flatMap { $0.isEmpty ? nil : $0 } : nil
                return Name(prefix: nil, local: qualified, namespace: namespace)
            }
            guard let name = resolve(elementName, isElement: true) else { return fail(parser, "it uses an undeclared prefix in <\(elementName)>") }
            var attributes: [Attribute] = []
            for (qualified, value) in attributeDict.sorted(by: { $0.key < $1.key }) where qualified != "xmlns" && !qualified.hasPrefix("xmlns:") {
                guard let attributeName = resolve(qualified, isElement: false) else {
                    return fail(parser, "it uses an undeclared prefix in \(qualified)")
                }
                attributes.append(Attribute(name: attributeName, value: value))
            }
            events.append(.start(name, attributes, line: max(parser.lineNumber, 1)))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            flushText()
            for prefix in declared.removeLast() { bindings[prefix]?.removeLast() }
            events.append(.end)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text(String(decoding: CDATABlock, as: UTF8.self)) }

        func text(_ string: String) { pendingText += string }

        func flushText() {
            guard !pendingText.isEmpty else { return }
            events.append(.text(pendingText))
            pendingText = ""
        }

        func parser(_ parser: XMLParser, foundComment comment: String) {
            flushText()
            events.append(.comment)
        }

        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
            flushText()
            events.append(.instruction(target: target, line: max(parser.lineNumber, 1)))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            fail(parser, "it is not well-formed XML")
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
            fail(parser, "it is not well-formed XML")
        }

        // The prolog's reading refuses a DOCTYPE with declarations; these are a second barrier.
        func parser(_ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String,
                    type: String?, defaultValue: String?) { fail(parser, Prolog.declarations) }
        func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) { fail(parser, Prolog.declarations) }
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { fail(parser, Prolog.declarations) }
        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, Prolog.declarations)
        }
        func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail(parser, Prolog.declarations)
        }
        func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                    notationName: String?) { fail(parser, Prolog.declarations) }
        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            fail(parser, Prolog.declarations)
            return nil
        }
    }
}

/// What comes before an XML file's root element, read as XML's grammar has it: the XML
/// declaration, comments, instructions and a DOCTYPE.
enum Prolog {
    static let declarations = "its DOCTYPE declares entities or attributes of its own, which keydocs cannot vet"

    /// Whether the prolog of `bytes` holds a DOCTYPE; a failure when the DOCTYPE declares
    /// anything (an internal subset), or the XML declaration names an encoding other than UTF-8.
    static func read(_ bytes: [UInt8]) -> Result<Bool, XMLEvents.Refusal> {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var doctype = false
        func starts(_ text: String) -> Bool { bytes[i...].starts(with: text.utf8) }
        /// Moves past the next `end`, counting lines; false when there is none.
        func skip(past end: String) -> Bool {
            let tail = Array(end.utf8)
            while i < bytes.count {
                if bytes[i...].starts(with: tail) { i += tail.count; return true }
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
            return false
        }
        if starts("<?xml"), i + 5 < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i + 5]) {
            let start = i
            guard skip(past: "?>") else { return .success(false) }
            if let encoding = encoding(in: bytes[start..<i]), !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) {
                return .failure(.init(line: 1, reason: "it declares the encoding \(encoding), and keydocs reads UTF-8 only"))
            }
        }
        while i < bytes.count {
            if [0x20, 0x09, 0x0D].contains(bytes[i]) {
                i += 1
            } else if bytes[i] == 10 {
                line += 1
                i += 1
            } else if starts("<!--") {
                guard skip(past: "-->") else { break }
            } else if starts("<?") {
                guard skip(past: "?>") else { break }
            } else if starts("<!DOCTYPE") {
                // To its `>`, past quoted identifiers: a `[` outside them opens declarations.
                doctype = true
                var quote: UInt8?
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte == 10 { line += 1 }
                    i += 1
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == 0x22 || byte == 0x27 {
                        quote = byte
                    } else if byte == UInt8(ascii: "[") {
                        return .failure(.init(line: line, reason: declarations))
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                }
            } else {
                // The root element, or something the parse will refuse.
                break
            }
        }
        return .success(doctype)
    }

    /// The value of `encoding="…"` in an XML declaration.
    static func encoding(in declaration: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: declaration, as: UTF8.self)
        guard let key = text.range(of: "encoding") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        return String(value.dropFirst().prefix { $0 != quote })
    }
}
