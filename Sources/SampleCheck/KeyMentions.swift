import DocModel
import Foundation
import KeyPolicy

/// Keys written into HTTP samples and client code: `?api_key=…` in a URL (a `curl` or `wget`
/// command, a link, a PHP or JavaScript string), `X-Civi-Auth: Bearer …` and `Authorization:
/// Bearer …` headers, and `api_key` set in PHP, JavaScript or JSON configuration.
struct KeyMention: Equatable {
    /// The value as written.
    var value: String
    /// The 0-based line of the block.
    var line: Int
    /// The parameter or header it is in.
    var name: String
    /// It is in a URL's query string.
    var inURL: Bool
}

enum KeyMentions {
    /// A URL query parameter that carries a credential: the API key or the site key.
    static let urlParameter = try? NSRegularExpression(pattern: ##"[?&](api_key|key)=([^&\s'"#<>)\]]*)"##)
    /// `X-Civi-Auth: Bearer KEY` or `Authorization: Bearer KEY`.
    static let bearer = try? NSRegularExpression(pattern: #"(X-Civi-Auth|Authorization)\s*:\s*Bearer\s+([^\s'"\\]+)"#, options: [.caseInsensitive])
    /// `api_key` given a value in PHP (`'api_key' => 'v'`), JavaScript (`api_key: 'v'`) or shell (`api_key='v'`).
    static let assignment = try? NSRegularExpression(pattern: #"["']?\bapi_key\b["']?\s*(=>|:|=)\s*["']([^"'\s]*)["']"#)

    /// Every mention in `text`, line by line.
    static func find(in text: String) -> [KeyMention] {
        var found: [KeyMention] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let string = String(line)
            let range = NSRange(string.startIndex..., in: string)
            func capture(_ match: NSTextCheckingResult, _ group: Int) -> String {
                Range(match.range(at: group), in: string).map { String(string[$0]) } ?? ""
            }
            for match in urlParameter?.matches(in: string, range: range) ?? [] {
                found.append(KeyMention(value: capture(match, 2), line: k, name: capture(match, 1), inURL: true))
            }
            for match in bearer?.matches(in: string, range: range) ?? [] {
                found.append(KeyMention(value: capture(match, 2), line: k, name: capture(match, 1), inURL: false))
            }
            // A `?api_key=` already counted as part of a URL is not an assignment too.
            if !found.contains(where: { $0.line == k && $0.inURL }) {
                for match in assignment?.matches(in: string, range: range) ?? [] {
                    found.append(KeyMention(value: capture(match, 2), line: k, name: "api_key", inURL: false))
                }
            }
        }
        return found
    }
}

extension PageChecker {
    /// Advice to make a key up by hand (`your_key_you_made_up`): made-up keys are guessable.
    mutating func reportMadeUp(_ value: String, at location: SourceLocation, context: [String] = []) {
        report(.keyMadeUp, at: location, "the key '\(value)' is for the reader to make up; keys people make up are "
               + "guessable: generate one (see the recipes that read /dev/urandom)", context: context)
    }

    /// Checks the keys a block of HTTP commands or client code carries; returns whether the
    /// block mentions a key at all (a placeholder counts).
    mutating func checkKeyMentions(_ sample: Sample) -> Bool {
        let mentions = KeyMentions.find(in: sample.text)
        guard !mentions.isEmpty else { return false }
        for mention in mentions {
            let at = sample.location(ofLine: mention.line)
            if Placeholder.standsForKey(mention.value) {
                if mention.name != "key", SQLTemplate.asksToMakeUp(mention.value) { reportMadeUp(mention.value, at: at) }
                continue
            }
            if mention.inURL {
                report(.keyInUrl, at: at, "the \(mention.name == "key" ? "site key" : "API key") is in the URL's query string, "
                       + "which web servers and proxies log: send it in a header (X-Civi-Auth: Bearer KEY for the API key, "
                       + "X-Civi-Key for the site key)")
            }
            // The site key has rules of its own; the API key is held to the key policy.
            guard mention.name != "key" else { continue }
            for finding in validator.findings(for: mention.value, checkPublished: false) where finding.severity == .error {
                report(RuleID(finding.rule), at: at, "\(mention.name): " + finding.message)
            }
        }
        return true
    }
}
