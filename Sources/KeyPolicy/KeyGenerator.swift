import Support

/// Makes random keys that follow a policy.
///
/// Random bytes come in batches from a `RandomByteSource` (the kernel's CSPRNG by default) and
/// are mapped to the policy's symbols by rejection sampling: with an alphabet of m symbols, a
/// byte is kept only below the largest multiple of m that fits in a byte (248 for 62 symbols)
/// and then divided down, so every symbol is exactly equally likely.
public struct KeyGenerator: Sendable {
    /// The policy whose alphabet and lengths the generator follows.
    public let policy: Policy
    /// Bytes at or above this value are rejected.
    @usableFromInline let acceptBelow: Int
    /// An accepted byte divided by this is the symbol's index.
    @usableFromInline let divisor: Int

    /// A generator for `policy`.
    public init(policy: Policy = .civicrm) {
        self.policy = policy
        let m = policy.alphabet.count
        self.acceptBelow = 256 - 256 % m
        self.divisor = acceptBelow / m
    }

    /// A length the generator refuses, with the policy's bounds.
    public struct LengthError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The length asked for.
        public let length: Int
        /// The lengths the policy allows.
        public let allowed: ClosedRange<Int>
        /// The column the bound comes from, when the upper bound is the problem.
        public let column: String?

        public var description: String {
            if length > allowed.upperBound, let column {
                return "a key of \(counted(length, "character")) does not fit \(column); "
                    + "lengths from \(allowed.lowerBound) to \(allowed.upperBound) are allowed"
            }
            return "length \(length) is outside the policy: lengths from \(allowed.lowerBound) "
                + "to \(allowed.upperBound) are allowed"
        }
    }

    /// Throws unless `length` is within the policy's bounds.
    public func validate(length: Int) throws(LengthError) {
        guard policy.lengths.contains(length) else {
            let column = "\(policy.storage.column) (\(policy.storage.type))"
            throw LengthError(length: length, allowed: policy.lengths, column: column)
        }
    }

    /// One key of `length` characters (the policy's default when nil) from the system CSPRNG.
    public func generate(length: Int? = nil) throws(LengthError) -> String {
        var source = SystemRandomBytes()
        return try generate(length: length, using: &source)
    }

    /// One key of `length` characters (the policy's default when nil) from `source`.
    public func generate<S: RandomByteSource>(length: Int? = nil, using source: inout S) throws(LengthError) -> String {
        let length = length ?? policy.defaultLength
        try validate(length: length)
        var key = [UInt8](repeating: 0, count: length)
        key.withUnsafeMutableBufferPointer { out in
            var batch = RandomBatch(capacity: length + 16)
            fillSymbols(out, from: &batch, source: &source)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Writes `count` keys of `length` characters, each followed by a newline, in chunks.
    ///
    /// `sink` is called with chunks of at most about 64 KiB. Used by `keydocs key generate`
    /// to produce millions of keys without building them as strings.
    public func write<S: RandomByteSource>(
        count: Int, length: Int? = nil, using source: inout S,
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let length = length ?? policy.defaultLength
        try validate(length: length)
        let perChunk = max(1, 65536 / (length + 1))
        var chunk = [UInt8](repeating: 0, count: perChunk * (length + 1))
        var batch = RandomBatch(capacity: 65536)
        var remaining = count
        while remaining > 0 {
            let n = min(perChunk, remaining)
            try chunk.withUnsafeMutableBufferPointer { buffer in
                for k in 0..<n {
                    let start = k * (length + 1)
                    let slot = UnsafeMutableBufferPointer(rebasing: buffer[start..<start + length])
                    fillSymbols(slot, from: &batch, source: &source)
                    buffer[start + length] = 10
                }
                try sink(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<n * (length + 1)]))
            }
            remaining -= n
        }
    }

    /// Fills `out` with symbols, drawing and rejecting bytes from `batch`.
    @inlinable func fillSymbols<S: RandomByteSource>(
        _ out: UnsafeMutableBufferPointer<UInt8>, from batch: inout RandomBatch, source: inout S
    ) {
        policy.alphabet.withUnsafeBufferPointer { symbols in
            var i = 0
            while i < out.count {
                let byte = Int(batch.next(refillingFrom: &source))
                if byte < acceptBelow {
                    out[i] = symbols[byte / divisor]
                    i += 1
                }
            }
        }
    }
}

/// A buffer of random bytes refilled in one call to the source when it runs out.
@usableFromInline struct RandomBatch {
    @usableFromInline var bytes: [UInt8]
    @usableFromInline var index: Int

    @usableFromInline init(capacity: Int) {
        bytes = [UInt8](repeating: 0, count: capacity)
        index = capacity
    }

    @inlinable mutating func next<S: RandomByteSource>(refillingFrom source: inout S) -> UInt8 {
        if index == bytes.count {
            bytes.withUnsafeMutableBytes { source.fill($0) }
            index = 0
        }
        defer { index += 1 }
        return bytes[index]
    }
}
