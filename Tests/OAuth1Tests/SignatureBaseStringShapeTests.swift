import GatehouseCommon
import OAuth1
import Testing

/// The base string is written byte by byte into one buffer: checked against the definition of
/// RFC 5849 §3.4.1 spelled out with plain string operations, for URIs and parameters of every shape.
struct SignatureBaseStringShapeTests {
    /// §3.4.1.1, §3.4.1.3.2 and §3.6 as written: encode, sort by name then value, join, encode again.
    static func reference(method: String, baseStringURI: String, parameters: Parameters) -> String {
        let pairs = parameters.pairs.filter { $0.name != "oauth_signature" }
            .map { (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value)) }
            .sorted { lhs, rhs in
                lhs.0 != rhs.0
                    ? lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) : lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
            }
        let normalized = pairs.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
        return [method.uppercased(), baseStringURI, normalized].map { PercentEncoding.encode($0) }.joined(separator: "&")
    }

    static let uris: [(uri: String, base: String)] = [
        ("http://example.com/r%20v/X?id=123", "http://example.com/r%20v/X"),
        ("HTTP://EXAMPLE.COM:80/", "http://example.com/"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a/b?x=1&x=2&y=%E2%82%AC", "https://example.com:8443/a/b"),
        ("http://[::1]:8080/api?z", "http://[::1]:8080/api"),
        ("http://user@Host.Example:65535", "http://host.example:65535/"),
        ("http://h/p%2Fq+r~s?a+b=c%20d&oauth_signature=x", "http://h/p%2Fq+r~s"),
    ]

    static let parameters: [Parameters] = [
        [:],
        ["oauth_nonce": "n", "oauth_token": "t", "oauth_signature": "sig"],
        Parameters([("b", "2"), ("a", "z"), ("a%20b", ""), ("a", "y"), ("é", "ü"), ("~", "%"), ("a=b", "c&d")]),
        ["oauth_consumer_key": String(repeating: "k", count: 300), "oauth_nonce": "\u{0}\u{7F}"],
        // More pairs than the in-place insertion sort takes: the library sort, same order.
        Parameters((0..<40).map { ("p\(39 - $0 % 20)", "v\($0)") }),
    ]

    @Test(arguments: ["GET", "post", "M-SEARCH", "PATCH"])
    func matchesTheDefinition(method: String) throws {
        for (uri, base) in Self.uris {
            #expect(try SignatureBaseString.normalizeURI(uri) == base)
            for extra in Self.parameters {
                var all = Parameters()
                if let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first {
                    all = try FormURLEncoding.decode(String(query))
                }
                all.pairs.append(contentsOf: extra.pairs)
                let expected = Self.reference(method: method, baseStringURI: base, parameters: all)
                #expect(try SignatureBaseString.make(method: method, uri: uri, parameters: extra) == expected)
                #expect(SignatureBaseString.make(method: method, baseStringURI: base, allParameters: all) == expected)
            }
        }
    }

    @Test func parsedRequestMatchesTheDefinition() throws {
        let header = OAuth1AuthorizationHeader.render(["oauth_consumer_key": "c k", "oauth_nonce": "n", "oauth_signature": "s"])
        let request = try OAuth1Request(
            method: "POST",
            uri: "https://Example.COM:8443/p%20q?b=1&a=2",
            headers: ["authorization": header],
            body: ["z": "€", "a": "1"]
        )
        var all = Parameters([("b", "1"), ("a", "2"), ("z", "€"), ("a", "1")])
        all.pairs.append(contentsOf: [.init("oauth_consumer_key", "c k"), .init("oauth_nonce", "n")])
        let expected = Self.reference(method: "POST", baseStringURI: "https://example.com:8443/p%20q", parameters: all)
        #expect(request.signatureBaseString == expected)
    }
}
