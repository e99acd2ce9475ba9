import DocModel
import Foundation
import KeyPolicy

/// The state of one `keydocs key check` run: the validator, the keys seen so far (for
/// duplicates) and the diagnostics collected.
struct KeyCheckSession {
    let validator: KeyValidator
    private var duplicates: DuplicateIndex
    private(set) var diagnostics: [Diagnostic] = []
    private var checked = 0, invalid = 0, warned = 0

    init(policy: Policy) {
        validator = KeyValidator(policy: policy)
        duplicates = DuplicateIndex(policy: policy)
    }

    /// Counts for the summary line and the JSON.
    var summary: [String: Int] {
        ["keys": checked, "valid": checked - invalid, "invalid": invalid, "warnings": warned]
    }

    /// Reads keys already in use from `path`, one a line (blank lines and `#` comments skipped).
    mutating func loadExisting(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError(path: path, reason: "cannot read: \((error as NSError).localizedDescription)")
        }
        for (index, line) in Self.lines(Array(data)).enumerated() {
            let key = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if key.isEmpty || key.hasPrefix("#") { continue }
            _ = duplicates.insert(key, label: "\(path):\(index + 1)")
        }
    }

    /// Checks each line of `bytes` as a key; a final newline does not make an empty key.
    mutating func check(lines bytes: [UInt8], file: String) {
        for (index, line) in Self.lines(bytes).enumerated() {
            check(key: String(decoding: line, as: UTF8.self), location: SourceLocation(file: file, line: index + 1))
        }
    }

    /// Checks one key and records its findings at `location`.
    mutating func check(key: String, location: SourceLocation) {
        checked += 1
        var findings = validator.findings(for: key)
        if !key.isEmpty, let earlier = duplicates.insert(key, label: "\(location.file):\(location.line)") {
            findings.append(DuplicateIndex.finding(earlier: earlier, caseInsensitive: validator.policy.caseInsensitive))
        }
        if findings.contains(where: { $0.severity == .error }) { invalid += 1 }
        else if !findings.isEmpty { warned += 1 }
        let shown = Self.preview(key)
        for finding in findings {
            var at = location
            at.column = finding.position ?? 1
            diagnostics.append(Diagnostic(
                finding.severity == .error ? .error : .warning, at: at, rule: finding.rule.rawValue,
                finding.message, context: [shown]))
        }
    }

    /// What may be shown of a key: its first 4 characters when it is long enough that they give
    /// little away, and its length.
    static func preview(_ key: String) -> String {
        let length = key.unicodeScalars.count
        let visible = key.unicodeScalars.prefix(4).allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }
        if length >= 16 && visible {
            return "key \(String(key.unicodeScalars.prefix(4)))… (\(length) characters)"
        }
        return "key of \(length) characters"
    }

    /// Splits at "\n", dropping one "\r" before it and the empty piece after a final newline.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result = bytes.split(separator: 10, omittingEmptySubsequences: false)
        if bytes.last == 10 { result.removeLast() }
        return result.map { $0.last == 13 ? $0.dropLast() : $0 }
    }
}
