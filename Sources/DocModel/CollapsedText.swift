#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text gathered piece by piece, with each run of ASCII white space (space, tab, line breaks),
/// and each join between pieces, made one space, and none at either end: a section's words as
/// search reads them. Pieces are copied as they come and collapsed once, in `take()`.
struct CollapsedText {
    private var bytes: [UInt8] = []

    /// Adds a piece, apart from the one before it.
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        if !bytes.isEmpty { bytes.append(32) }
        bytes.append(contentsOf: piece)
    }

    /// Adds a string piece.
    mutating func append(_ piece: String) {
        var piece = piece
        piece.withUTF8 { append($0) }
    }

    /// Adds a C string piece.
    mutating func append(_ piece: UnsafePointer<CChar>) {
        append(UnsafeBufferPointer(start: UnsafeRawPointer(piece).assumingMemoryBound(to: UInt8.self), count: strlen(piece)))
    }

    /// The text so far, collapsed; the text is then cleared.
    mutating func take() -> String {
        defer { bytes.removeAll(keepingCapacity: true) }
        let kept = bytes.withUnsafeMutableBufferPointer { buffer in
            var kept = 0
            var pendingSpace = false
            for byte in buffer {
                if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 {
                    pendingSpace = kept > 0
                } else {
                    if pendingSpace {
                        buffer[kept] = 32
                        kept += 1
                        pendingSpace = false
                    }
                    buffer[kept] = byte
                    kept += 1
                }
            }
            return kept
        }
        return String(decoding: bytes[..<kept], as: UTF8.self)
    }
}
