#if canImport(Glibc)
import Glibc
#endif
import FlyingSocks

/// Where the preview listens: a loopback address and a port. The preview shows pages nobody
/// has published yet, so nothing but this machine may reach it; an address of any other
/// interface is refused however it is written.
public struct ListenAddress: Sendable, Equatable {
    /// The address, numeric: `127.0.0.1` (what `localhost` means here), another address in
    /// 127.0.0.0/8, or `::1`.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: UInt16

    /// 127.0.0.1:`port`, the default.
    public init(port: UInt16) {
        host = "127.0.0.1"
        self.port = port
    }

    /// Whether the address is IPv6's loopback.
    public var isIPv6: Bool { host.contains(":") }

    /// The address as a URL writes it, with `port`: `127.0.0.1:8000`, `[::1]:8000`.
    public func url(port: UInt16) -> String { (isIPv6 ? "[\(host)]" : host) + ":\(port)" }

    /// mkdocs' `--dev-addr` value, `IP:PORT`, read: `127.0.0.1:8000`, `localhost:8000`,
    /// `[::1]:8000` or `::1:8000`; any other host is refused, saying why.
    public static func parse(_ text: String) -> Result<ListenAddress, Refusal> {
        guard let colon = text.lastIndex(of: ":") else { return .failure(.form(text)) }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = UInt16(portText) else { return .failure(.form(text)) }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.lowercased() == "localhost" { host = "127.0.0.1" }
        guard !host.isEmpty else { return .failure(.form(text)) }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // The first byte of the address in network order: 127 for the loopback network.
            guard UInt32(bigEndian: v4.s_addr) >> 24 == 127 else { return .failure(.notLoopback(host)) }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            let loopback = withUnsafeBytes(of: v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
            guard loopback else { return .failure(.notLoopback(host)) }
            host = "::1"
        } else {
            return .failure(.notLoopback(host))
        }
        var address = ListenAddress(port: port)
        address.host = host
        return .success(address)
    }

    /// Why a `--dev-addr` value is refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not `IP:PORT` with a port from 0 to 65535.
        case form(String)
        /// A host that is not this machine's loopback.
        case notLoopback(String)

        public var description: String {
            switch self {
            case .form(let text):
                "--dev-addr '\(text)' is not IP:PORT with a port from 0 to 65535 (as in mkdocs: 127.0.0.1:8000)"
            case .notLoopback(let host):
                "--dev-addr: only a loopback address may be served (127.0.0.1, localhost or [::1]): "
                    + "'\(host)' would let other machines read the preview"
            }
        }
    }

    /// The socket address to bind.
    func socketAddress() throws -> any SocketAddress {
        isIPv6 ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
    }

    /// Whether something already listens at this address and port, so that serve can say so at once.
    public var inUse: Bool {
        guard port > 0, let address = try? socketAddress() else { return false }
        let fd = socket(Int32(address.family), Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bound = address.withSockAddr { bind(fd, $0, $1) }
        return bound != 0 && errno == EADDRINUSE
    }
}
