// libyaml, as Yams builds it: Yams resolves every alias to its anchor's node while it composes,
// and hashes mapping keys there, so an expansion must be counted from the events, before Yams.
import CYaml

/// How much YAML aliases would add to a text once expanded, counted from libyaml's events before
/// anything is built: nine lines of nested aliases stand for hundreds of millions of values (the
/// "billion laughs"), and every reader of the expanded tree, Yams' own included, would walk them.
/// Each anchor's size is counted once, when its node ends, so the count is linear in the text.
public enum YAMLAliasBudget {
    /// The values aliases may add to a document; far above what a real config repeats.
    public static let limit = 100_000

    /// Where the aliases went over `limit`.
    public struct Exceeded: Error, Sendable, Equatable {
        /// The 1-based line of the alias whose expansion went over.
        public var line: Int
        /// The anchor it names.
        public var anchor: String
        /// The values that may be added.
        public var limit: Int

        /// What happened, for a message.
        public var reason: String {
            "YAML aliases here would add more than \(Self.grouped(limit)) values (at '*\(anchor)'); "
                + "write the repeated part out, or nest fewer aliases"
        }

        /// `n` with its thousands grouped by commas.
        static func grouped(_ n: Int) -> String {
            var digits = Array(String(n)), out = ""
            while digits.count > 3 {
                out = "," + String(digits.suffix(3)) + out
                digits.removeLast(3)
            }
            return String(digits) + out
        }
    }

    /// Nil when the aliases of `text` add at most `limit` values, else where they went over. A
    /// text that is not YAML gives nil too: its reader reports that with its own message.
    public static func check(_ text: String, limit: Int = limit) -> Exceeded? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var counter = Counter(limit: limit)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_SCALAR_EVENT:
                    counter.leaf(anchor: name(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    counter.open(anchor: name(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    counter.open(anchor: name(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    counter.close()
                case YAML_ALIAS_EVENT:
                    let anchor = name(event.data.alias.anchor) ?? ""
                    if !counter.alias(anchor) { return Exceeded(line: line, anchor: anchor, limit: limit) }
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    break
                }
            }
            return nil
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }

    /// Sizes in values of the nodes still open and of every anchor seen, each capped just above
    /// the limit so that no sum can overflow.
    private struct Counter {
        let limit: Int
        var open: [(size: Int, anchor: String?)] = []
        var anchors: [String: Int] = [:]
        var added = 0

        init(limit: Int) { self.limit = limit }

        mutating func leaf(anchor: String?) {
            if let anchor { anchors[anchor] = 1 }
            grow(by: 1)
        }

        mutating func open(anchor: String?) { open.append((1, anchor)) }

        mutating func close() {
            guard let (size, anchor) = open.popLast() else { return }
            // An anchor counts from where its node ends, as its aliases may refer to it only after.
            if let anchor { anchors[anchor] = size }
            grow(by: size)
        }

        /// Adds what an alias stands for; false once aliases have added more than the limit.
        mutating func alias(_ anchor: String) -> Bool {
            // An alias to no anchor is the reader's error to report; it counts as one value here.
            let size = anchors[anchor] ?? 1
            added = min(added + size, limit + 1)
            grow(by: size)
            return added <= limit
        }

        private mutating func grow(by size: Int) {
            guard !open.isEmpty else { return }
            open[open.count - 1].size = min(open[open.count - 1].size + size, limit + 1)
        }
    }
}
