#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of random bytes for the key generator.
public protocol RandomByteSource {
    /// Fills `buffer` with random bytes.
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer)
}

/// The operating system's cryptographically secure generator.
///
/// On Linux this is glibc's `arc4random_buf`, which reads `getrandom(2)`; on Apple platforms
/// the system's `arc4random_buf`. Elsewhere it falls back to `SystemRandomNumberGenerator`,
/// which uses the same kernel source eight bytes at a time.
public struct SystemRandomBytes: RandomByteSource {
    /// Creates a handle on the system generator; it holds no state.
    public init() {}

    /// Fills `buffer` from the kernel's CSPRNG.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        #if canImport(Glibc) || canImport(Darwin)
        arc4random_buf(base, buffer.count)
        #else
        _ = base
        var fallback = GeneratorBytes(SystemRandomNumberGenerator())
        fallback.fill(buffer)
        #endif
    }
}

/// Adapts any `RandomNumberGenerator` (a seeded one in tests, for instance) to a byte source.
public struct GeneratorBytes<G: RandomNumberGenerator>: RandomByteSource {
    /// The wrapped generator.
    public var generator: G

    /// Wraps `generator`.
    public init(_ generator: G) { self.generator = generator }

    /// Fills `buffer` eight bytes at a time from the wrapped generator.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let word = generator.next()
            for i in 0..<min(8, buffer.count - offset) {
                buffer[offset + i] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))
            }
            offset += 8
        }
    }
}
