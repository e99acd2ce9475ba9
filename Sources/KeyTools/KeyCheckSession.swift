import Dispatch
import DocModel
import Foundation
import KeyPolicy
import Support

/// The state of one `keydocs key check` run: the validator, the keys seen so far (for
/// duplicates) and the diagnostics collected.
public struct KeyCheckSession {
    public let validator: KeyValidator
    /// The keys seen so far, in parts (`DuplicateIndex.part`) that are searched on their own cores.
    private let duplicates: [DuplicatePart]
    /// Where each key seen so far came from, by token: an index into `files` and a line.
    private var places: [(file: Int32, line: Int32)] = []
    private var files: [String] = []
    /// Where the keys of --existing came from, by token (negative tokens).
    private var existingPlaces: [String] = []
    public private(set) var diagnostics: [Diagnostic] = []
    private var checked = 0, invalid = 0, warned = 0

    public init(policy: Policy) {
        validator = KeyValidator(policy: policy)
        duplicates = (0..<max(ProcessInfo.processInfo.activeProcessorCount, 1)).map { _ in DuplicatePart(policy: policy) }
    }

    /// The token of an earlier key equal to `key`, after recording `key` under `token`.
    private func insertDuplicate(_ key: UnsafeBufferPointer<UInt8>, token: Int) -> Int? {
        duplicates[DuplicateIndex.part(of: key, among: duplicates.count)].index.insert(utf8: key, token: token)
    }

    /// Counts for the summary line and the JSON.
    public var summary: Tally {
        var tally = Tally()
        (tally.keys, tally.valid, tally.invalid, tally.warnings) = (checked, checked - invalid, invalid, warned)
        return tally
    }

    /// Reads keys already in use from `path`, one a line (blank lines and `#` comments skipped).
    public mutating func loadExisting(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DocError(stage: .load, path: path, "cannot read: \((error as NSError).localizedDescription)")
        }
        let bytes = Array(data)
        for (index, range) in Self.lineRanges(bytes).enumerated() {
            let key = String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if key.isEmpty || key.hasPrefix("#") { continue }
            existingPlaces.append("\(path):\(index + 1)")
            var text = key
            _ = text.withUTF8 { insertDuplicate($0, token: -existingPlaces.count) }
        }
    }

    /// Checks each line of `bytes` as a key; a final newline does not make an empty key. The
    /// policy's rules run on every core, then each part of the duplicate index takes its keys
    /// in input order on a core of its own.
    public mutating func check(lines bytes: [UInt8], file: String) {
        let lines = Self.lineRanges(bytes)
        let workers = lines.count >= 20_000 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let chunk = (lines.count + workers - 1) / max(workers, 1)
        let results = ConcurrentResults<[[Finding]]>(count: workers)
        let validator = self.validator
        let parts = duplicates
        let firstToken = places.count
        /// For each part, the lines (by index) that repeat an earlier key, with its token.
        let repeats = ConcurrentResults<[(line: Int, earlier: Int)]>(count: parts.count)
        bytes.withUnsafeBufferPointer { buffer in
            // The workers only read the input, which outlives them.
            nonisolated(unsafe) let input = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let range = min(lines.count, w * chunk)..<min(lines.count, (w + 1) * chunk)
                results.set(w, lines[range].map { validator.findings(utf8: UnsafeBufferPointer(rebasing: input[$0])) })
            }
            DispatchQueue.concurrentPerform(iterations: parts.count) { p in
                let part = parts[p]
                var found: [(line: Int, earlier: Int)] = []
                part.index.reserveCapacity(lines.count / parts.count)
                for (index, range) in lines.enumerated() where !range.isEmpty {
                    let key = UnsafeBufferPointer(rebasing: input[range])
                    guard DuplicateIndex.part(of: key, among: parts.count) == p else { continue }
                    if let earlier = part.index.insert(utf8: key, token: firstToken + index) {
                        found.append((index, earlier))
                    }
                }
                repeats.set(p, found)
            }
        }
        var earlier = [Int: Int]()
        for (line, token) in repeats.values.joined() { earlier[line] = token }
        places.reserveCapacity(places.count + lines.count)
        bytes.withUnsafeBufferPointer { buffer in
            for (index, findings) in results.values.joined().enumerated() {
                record(UnsafeBufferPointer(rebasing: buffer[lines[index]]), findings: findings, earlier: earlier[index],
                       location: SourceLocation(file: file, line: index + 1))
            }
        }
    }

    /// Checks one key and records its findings at `location`.
    public mutating func check(key: String, location: SourceLocation) {
        var key = key
        key.withUTF8 { bytes in
            let earlier = bytes.isEmpty ? nil : insertDuplicate(bytes, token: places.count)
            record(bytes, findings: validator.findings(utf8: bytes), earlier: earlier, location: location)
        }
    }

    /// Records the findings for `key`; `earlier` is the token of an earlier equal key.
    private mutating func record(_ key: UnsafeBufferPointer<UInt8>, findings: [Finding], earlier: Int?, location: SourceLocation) {
        checked += 1
        var findings = findings
        if files.last != location.file { files.append(location.file) }
        places.append((file: Int32(files.count - 1), line: Int32(truncatingIfNeeded: location.line)))
        if let earlier {
            let label = earlier < 0 ? existingPlaces[-earlier - 1] : "\(files[Int(places[earlier].file)]):\(places[earlier].line)"
            findings.append(DuplicateIndex.finding(earlier: label, caseInsensitive: validator.policy.caseInsensitive))
        }
        guard !findings.isEmpty else { return }
        if findings.contains(where: { $0.severity == .error }) { invalid += 1 } else { warned += 1 }
        let shown = KeyPreview(String(decoding: key, as: UTF8.self)).description
        for finding in findings {
            var at = location
            at.column = finding.position ?? 1
            diagnostics.append(Diagnostic(
                at: at, rule: RuleID(finding.rule),
                finding.message, context: [shown]))
        }
    }

    /// The byte range of each line: split at "\n", without one "\r" before it, and no empty
    /// line after a final newline.
    public static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(bytes.count / 33 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while let newline = ByteSearch.find([10], in: buffer, from: start) {
                ranges.append(start..<(newline > start && buffer[newline - 1] == 13 ? newline - 1 : newline))
                start = newline + 1
            }
            if start < buffer.count { ranges.append(start..<(buffer.last == 13 ? buffer.count - 1 : buffer.count)) }
        }
        return ranges
    }
}

/// One part of a run's duplicate index, filled by one core at a time.
final class DuplicatePart: @unchecked Sendable {
    var index: DuplicateIndex
    init(policy: Policy) { index = DuplicateIndex(policy: policy) }
}
