import DocModel
import Foundation

/// What an annotation comment asks of the block after it:
/// `<!-- check: skip "needs a live site" -->`, `<!-- check: kind=generator runs=50 allow=cat -->`,
/// `<!-- check: expect=key.too-long -->` (a block that shows a failure on purpose).
public struct Directives: Sendable, Equatable {
    /// Why the block is not checked, when it is skipped.
    public var skipReason: String?
    /// The kind the block is, overriding what its content suggests.
    public var kind: SampleKind?
    /// How many times to run a generator.
    public var runs: Int?
    /// Commands allowed beyond the default list.
    public var allow: [String] = []
    /// Rule ids the block must produce: they are expected, not failures.
    public var expect: [RuleID] = []

    /// No directives.
    /// Rules whose findings this block does not report (`off=sql.warning`).
    public var off: [RuleID] = []

    public init() {}

    /// Reads an annotation; nil when the comment is not a `check:` annotation.
    public static func parse(_ annotation: Annotation?) -> Result<Directives, AnnotationError>? {
        guard let annotation else { return nil }
        let text = annotation.text
        guard text.hasPrefix("check:") else { return nil }
        var directives = Directives()
        var rest = Substring(text.dropFirst("check:".count))
        func fail(_ message: String) -> Result<Directives, AnnotationError> {
            .failure(AnnotationError(line: annotation.line, message: message))
        }
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            guard !rest.isEmpty else { break }
            let word = rest.prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "=" && $0 != "\"" }
            rest = rest.dropFirst(word.count)
            if word == "skip" {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                    return fail("skip needs a reason in double quotes: <!-- check: skip \"why\" -->")
                }
                let reason = rest[rest.index(after: rest.startIndex)..<close]
                guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { return fail("skip needs a reason") }
                directives.skipReason = String(reason)
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard rest.first == "=" else { return fail("'\(word)' is not a directive; use skip, kind=, runs=, allow=, expect= or off=") }
            rest = rest.dropFirst()
            let value = rest.prefix { $0 != " " && $0 != "\t" && $0 != "\n" }
            rest = rest.dropFirst(value.count)
            switch word {
            case "kind":
                guard let kind = SampleKind(rawValue: String(value)) else {
                    return fail("kind=\(value) is not a kind; kinds are \(SampleKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                directives.kind = kind
            case "runs":
                guard let runs = Int(value), (1...CheckOptions.maxRuns).contains(runs) else {
                    return fail("runs= takes a number from 1 to \(CheckOptions.maxRuns)")
                }
                directives.runs = runs
            case "allow":
                directives.allow += value.split(separator: ",").map(String.init)
            case "expect", "off":
                var rules: [RuleID] = []
                for name in value.split(separator: ",") {
                    switch RuleCatalog.adjustable(name) {
                    case .success(let rule): rules.append(rule)
                    case .failure(.unknown): return fail("\(word)=\(name) names no rule; keydocs rules lists them")
                    case .failure(let problem): return fail("\(word)=\(name): \(problem)")
                    }
                }
                if word == "expect" { directives.expect += rules } else { directives.off += rules }
            default:
                return fail("'\(word)' is not a directive; use skip, kind=, runs=, allow=, expect= or off=")
            }
        }
        return .success(directives)
    }
}

/// A malformed annotation.
public struct AnnotationError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}
