import Preview
import Testing

/// mkdocs' `-a/--dev-addr`, read as keydocs reads it: only this machine's loopback is served,
/// since the preview shows unpublished pages.
@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:8000", "127.0.0.1", 8000), ("localhost:0", "127.0.0.1", 0), ("127.3.2.1:65535", "127.3.2.1", 65535),
        ("[::1]:8080", "::1", 8080), ("::1:8081", "::1", 8081), ("LOCALHOST:9", "127.0.0.1", 9),
    ] as [(String, String, UInt16)])
    func loopbackAddressesAreServed(_ text: String, _ host: String, _ port: UInt16) throws {
        let address = try ListenAddress.parse(text).get()
        #expect(address.host == host && address.port == port)
    }

    @Test(arguments: ["0.0.0.0:8000", "192.168.1.2:80", "[::]:8000", "example.org:8000", "10.0.0.1:1"])
    func otherHostsAreRefused(_ text: String) {
        guard case .failure(.notLoopback) = ListenAddress.parse(text) else {
            Issue.record("\(text) was not refused as another machine's address")
            return
        }
    }

    @Test(arguments: ["8000", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:80a", ":8000", "127.0.0.1:-1"])
    func malformedValuesAreRefused(_ text: String) {
        guard case .failure(.form) = ListenAddress.parse(text) else {
            Issue.record("\(text) was not refused as malformed")
            return
        }
    }

    @Test func anIPv6AddressIsWrittenInBrackets() {
        var address = ListenAddress(port: 1)
        address.host = "::1"
        #expect(address.url(port: 8000) == "[::1]:8000")
        #expect(ListenAddress(port: 1).url(port: 8000) == "127.0.0.1:8000")
    }
}
