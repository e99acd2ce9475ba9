import DocModel
import Foundation
import SampleCheck
import Testing

/// A key can carry no more randomness than reaches it: the bits are followed along each
/// pipeline that prints to the key (what the source reads, then what each stage can pass on),
/// and a pipeline whose output is thrown away gives the key nothing.
@Suite struct KeyPathEntropyTests {
    func bits(_ text: String) throws -> Double? {
        ShellGenerator.keyBits(try ShellSyntax.parse(text))
    }

    @Test(arguments: [
        // Few bytes, however they are dressed.
        ("head -c 4 /dev/urandom | sha256sum | head -c 32", 32.0),
        ("xxd -l 4 -p /dev/urandom | sha256sum | head -c 32", 32),
        ("head -c 64 /dev/urandom | tail -c 3 | sha256sum | head -c 32", 24),
        ("head -c 64 /dev/urandom | base64 | cut -c1-4 | sha256sum | head -c 32", 24),
        ("od -An -N4 -tx1 /dev/urandom | sha256sum | head -c 32", 32),
        ("openssl rand 4 | sha256sum | head -c 32", 32),
        // A random-length line may be just its line break: as strong as one byte's chance.
        ("head -n 1 /dev/urandom | sha256sum | head -c 32", 8),
        // What is thrown away gives the key nothing.
        ("openssl rand -hex 16 > /dev/null; head -c 4 /dev/urandom | sha256sum | head -c 32", 32),
        // A hash passes on at most its own size.
        ("head -c 64 /dev/urandom | md5sum | head -c 32", 128),
        // Hex carries 4 bits a character, base64 6.
        ("openssl rand -hex 32 | head -c 10", 40),
        ("head -c 48 /dev/urandom | base64 | head -c 5", 30),
    ])
    func weakPathsAreBounded(_ text: String, _ expected: Double) throws {
        let found = try #require(try bits(text))
        #expect(abs(found - expected) < 0.01, "\(text): \(found)")
    }

    @Test(arguments: [
        "tr -dc 'A-Za-z0-9' </dev/urandom | head -c32; echo",
        "openssl rand -base64 24 | tr -d '+/'",
        "head -c24 /dev/urandom | base64 | tr -d '+/'",
        "openssl rand -hex 16",
        // A discarded pipeline's few bytes do not count against the key.
        "openssl rand -hex 16; head -c 1 /dev/urandom | head -c 0",
    ])
    func strongPathsAreNotBounded(_ text: String) throws {
        let found = try bits(text)
        #expect(found.map { $0 >= 128 } ?? true, "\(text): \(String(describing: found))")
    }
}
