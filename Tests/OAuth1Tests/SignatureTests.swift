import Crypto
import GatehouseCommon
import OAuth1
import Testing

struct SignatureTests {
    // MARK: OAuth Core 1.0a Appendix A

    static let appendixABase =
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"

    static func appendixAParameters(method: SignatureMethod) -> Parameters {
        [
            "oauth_consumer_key": "dpf43f3p2l4k3l03",
            "oauth_token": "nnch734d00sl2jdk",
            "oauth_signature_method": method.rawValue,
            "oauth_timestamp": "1191242096",
            "oauth_nonce": "kllo9940pd9333jh",
            "oauth_version": "1.0",
        ]
    }

    @Test func appendixABaseStringMatches() throws {
        let base = try SignatureBaseString.make(
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            parameters: Self.appendixAParameters(method: .hmacSHA1)
        )
        #expect(base == Self.appendixABase)
    }

    @Test func appendixASignatureIsHMACSHA1OfBothSecrets() throws {
        let input = SignatureInput(
            baseString: Self.appendixABase,
            clientSecret: "kd94hf93k423kf44",
            tokenSecret: "pfkkdhi9sl3r4s00"
        )
        let registry = SignatureMethodRegistry.standard
        #expect(try registry.sign(.hmacSHA1, input) == "tR3+Ty81lMeYAr/Fid0kMTYa/WM=")
        #expect(registry.verify(.hmacSHA1, signature: "tR3+Ty81lMeYAr/Fid0kMTYa/WM=", for: input))
        #expect(!registry.verify(.hmacSHA1, signature: "tR3+Ty81lMeYAr/Fid0kMTYa/WM", for: input))
        #expect(!registry.verify(.hmacSHA1, signature: "MdpQcU8iPSUjWoN/UDMsK2sui9I=", for: input))
        // Same bytes once decoded (the last character's two unused bits differ): only the canonical form passes.
        #expect(!registry.verify(.hmacSHA1, signature: "tR3+Ty81lMeYAr/Fid0kMTYa/WN=", for: input))
    }

    @Test func appendixARequestParsedFromHeaderVerifies() throws {
        var parameters = Self.appendixAParameters(method: .hmacSHA1)
        parameters.append("oauth_signature", "tR3+Ty81lMeYAr/Fid0kMTYa/WM=")
        let request = try OAuth1Request(
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            headers: ["authorization": OAuth1AuthorizationHeader.render(parameters, realm: "http://photos.example.net/")]
        )
        #expect(request.signatureBaseString == Self.appendixABase)
        #expect(request.realm == "http://photos.example.net/")
        #expect(request.signature == "tR3+Ty81lMeYAr/Fid0kMTYa/WM=")
    }

    // MARK: RFC 5849 §1.2

    struct WalkthroughVector: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var uri: String
        var token: String?
        var tokenSecret: String
        var timestamp: String
        var nonce: String
        var extra: Parameters
        var signature: String
        var testDescription: String { name }
    }

    static let walkthrough: [WalkthroughVector] = [
        WalkthroughVector(
            name: "temporary credentials (https)",
            method: "POST",
            uri: "https://photos.example.net/initiate",
            token: nil,
            tokenSecret: "",
            timestamp: "137131200",
            nonce: "wIjqoS",
            extra: ["oauth_callback": "http://printer.example.com/ready"],
            signature: "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
        ),
        WalkthroughVector(
            name: "temporary credentials (http)",
            method: "POST",
            uri: "http://photos.example.net/initiate",
            token: nil,
            tokenSecret: "",
            timestamp: "137131200",
            nonce: "wIjqoS",
            extra: ["oauth_callback": "http://printer.example.com/ready"],
            signature: "mIPx9sQqO97OuihOwUEyB7c4/GI="
        ),
        WalkthroughVector(
            name: "token credentials",
            method: "POST",
            uri: "https://photos.example.net/token",
            token: "hh5s93j4hdidpola",
            tokenSecret: "hdhd0244k9j7ao03",
            timestamp: "137131201",
            nonce: "walatlh",
            extra: ["oauth_verifier": "hfdp7dh39dks9884"],
            signature: "gKgrFCywp7rO0OXSjdot/IHF7IU="
        ),
        WalkthroughVector(
            name: "protected resource",
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            token: "nnch734d00sl2jdk",
            tokenSecret: "pfkkdhi9sl3r4s00",
            timestamp: "137131202",
            nonce: "chapoH",
            extra: [:],
            signature: "MdpQcU8iPSUjWoN/UDMsK2sui9I="
        ),
    ]

    @Test(arguments: walkthrough)
    func walkthroughSignaturesMatchRFC5849(_ vector: WalkthroughVector) throws {
        var parameters: Parameters = ["oauth_consumer_key": "dpf43f3p2l4k3l03"]
        if let token = vector.token { parameters.append("oauth_token", token) }
        parameters.append("oauth_signature_method", "HMAC-SHA1")
        parameters.append("oauth_timestamp", vector.timestamp)
        parameters.append("oauth_nonce", vector.nonce)
        parameters.pairs.append(contentsOf: vector.extra.pairs)
        let base = try SignatureBaseString.make(method: vector.method, uri: vector.uri, parameters: parameters)
        let input = SignatureInput(baseString: base, clientSecret: "kd94hf93k423kf44", tokenSecret: vector.tokenSecret)
        #expect(try SignatureMethodRegistry.standard.sign(.hmacSHA1, input) == vector.signature)

        // The same request parsed from an Authorization header with realm "Photos" verifies too.
        parameters.append("oauth_signature", vector.signature)
        let header = OAuth1AuthorizationHeader.render(parameters, realm: "Photos")
        let request = try OAuth1Request(method: vector.method, uri: vector.uri, headers: ["authorization": header])
        #expect(request.signatureBaseString == base)
        let parsed = SignatureInput(
            baseString: request.signatureBaseString,
            clientSecret: "kd94hf93k423kf44",
            tokenSecret: vector.tokenSecret
        )
        #expect(SignatureMethodRegistry.standard.verify(.hmacSHA1, signature: try #require(request.signature), for: parsed))
    }

    @Test func percentEncodedHeaderSignatureIsDecoded() throws {
        let header =
            #"OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="hh5s93j4hdidpola", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="walatlh", oauth_verifier="hfdp7dh39dks9884", oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D""#
        let request = try OAuth1Request(
            method: "POST",
            uri: "https://photos.example.net/token",
            headers: ["Authorization": header]
        )
        #expect(request.signature == "gKgrFCywp7rO0OXSjdot/IHF7IU=")
        let input = SignatureInput(
            baseString: request.signatureBaseString,
            clientSecret: "kd94hf93k423kf44",
            tokenSecret: "hdhd0244k9j7ao03"
        )
        #expect(SignatureMethodRegistry.standard.verify(.hmacSHA1, signature: "gKgrFCywp7rO0OXSjdot/IHF7IU=", for: input))
    }

    // MARK: RFC 5849 §3.4.1

    static let section341Base =
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"

    static func section341Request() throws -> OAuth1Request {
        let header =
            #"OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D""#
        let headers = ["authorization": header, "content-type": "application/x-www-form-urlencoded", "host": "example.com"]
        return try OAuth1Request(
            method: "POST",
            uri: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            headers: headers,
            rawBody: Array("c2&a3=2+q".utf8)
        )
    }

    @Test func section341BaseStringExcludesRealmAndSignature() throws {
        let request = try Self.section341Request()
        #expect(request.signatureBaseString == Self.section341Base)
        #expect(request.realm == "Example")
        #expect(request.parameterLocation == .header)
        #expect(request.body?.values(for: "a3") == ["2 q"])
    }

    @Test func section341PrintedSignatureDoesNotReproduceButErratumDoes() throws {
        let input = SignatureInput(baseString: Self.section341Base, clientSecret: "j49sk3j29djd", tokenSecret: "dh893hdasih9")
        let registry = SignatureMethodRegistry.standard
        #expect(try registry.sign(.hmacSHA1, input) == "r6/TJjbCOr97/+UU0NsvSne7s5g=")
        #expect(!registry.verify(.hmacSHA1, signature: "bYT5CMsGcbgUdFHObYMEfcx6bsw=", for: input))
    }

    static let erratumInput = SignatureInput(
        baseString: section341Base,
        clientSecret: "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ",
        tokenSecret: "just-a-string    asdasd"
    )

    @Test func erratumHMACSHA1WithEncodedSecrets() throws {
        #expect(try SignatureMethodRegistry.standard.sign(.hmacSHA1, Self.erratumInput) == "wsdNmjGB7lvis0UJuPAmjvX/PXw=")
    }

    @Test func customHMACSHA256MethodCanBeRegistered() throws {
        let hmacSHA256 = SignatureMethod("HMAC-SHA256")
        var registry = SignatureMethodRegistry.standard
        #expect(registry[hmacSHA256] == nil)
        #expect(throws: OAuth1Error.self) { try registry.sign(hmacSHA256, Self.erratumInput) }
        registry.register(hmacSHA256, HMACSignatureAlgorithm<SHA256>())
        let expected = "wdfdHUKXHbOnOGZP8WFAWMSAmWzN3EVBWWgXGlC/Eo4="
        #expect(try registry.sign(hmacSHA256, Self.erratumInput) == expected)
        #expect(registry.verify(hmacSHA256, signature: expected, for: Self.erratumInput))
        #expect(!SignatureMethodRegistry.standard.verify(hmacSHA256, signature: expected, for: Self.erratumInput))
    }

    @Test func plaintextIsBothEncodedSecrets() throws {
        let expected = "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&just-a-string%20%20%20%20asdasd"
        let registry = SignatureMethodRegistry.standard
        #expect(try registry.sign(.plaintext, Self.erratumInput) == expected)
        #expect(registry.verify(.plaintext, signature: expected, for: Self.erratumInput))
        #expect(!registry.verify(.plaintext, signature: "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ&", for: Self.erratumInput))
        #expect(try registry.sign(.plaintext, SignatureInput(baseString: "", clientSecret: "kd94hf93k423kf44")) == "kd94hf93k423kf44&")
    }

    // MARK: §3.4.1.2 base string URI

    @Test(arguments: [
        ("HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X"),
        ("https://www.example.net:8080/?q=1", "https://www.example.net:8080/"),
        ("https://Example.com:443", "https://example.com/"),
        ("http://example.com:8080/path#fragment", "http://example.com:8080/path"),
        ("http://user:pass@example.com/a?b", "http://example.com/a"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ])
    func baseStringURIIsNormalized(_ uri: String, _ expected: String) throws {
        #expect(try SignatureBaseString.normalizeURI(uri) == expected)
    }

    @Test(arguments: ["/relative/path", "example.com/x", "http://", "http://host:99999/", "http://host:8a/"])
    func relativeOrBrokenURIIsRejected(_ uri: String) {
        #expect(throws: OAuth1Error.self) { try SignatureBaseString.normalizeURI(uri) }
    }

    @Test func parametersSortByEncodedNameThenValue() {
        let parameters = Parameters([("b", "2"), ("a", "z"), ("a", "y"), ("a b", ""), ("oauth_signature", "x")])
        #expect(SignatureBaseString.normalizeParameters(parameters) == "a=y&a=z&a%20b=&b=2")
    }

    // MARK: RSA-SHA1

    static let rsaBase =
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DRSA-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal"
    static let rsaSignature =
        "UKXaIuILuAJecrRpTzwocMWvSUKRUpaiZObS5SaZmV0Nii4tWi5pjAzisgbSc+tAkhMvRt/YD/TvaTZ1TwC5W5k7yO3dbnosayd8PtR0CS9x5sCZvoZ16gO4tUEpwh93LXccdo+Kz0smyjJwd2k6MwYJlhCJy4zbE4KR8/gxfinqBeHnKfRH5grNrSgDfINvpLTxaiXX5VBFZ3/cA7y0pP9d5wpcgTe2IEoQdZTKaGa7FQ5PfFQV62u45l9HREwhkkAjEyGFUyspriZTXcIfR0Lpd3MJRtU7/cpQdOz1V/F9vcDfy1CsERAT66cs3koumtsYOmsnXMUTI55CTRVrXg=="

    @Test func rsaSHA1BaseStringMatches() throws {
        let base = try SignatureBaseString.make(
            method: "GET",
            uri: "http://photos.example.net/photos?file=vacation.jpg&size=original",
            parameters: Self.appendixAParameters(method: .rsaSHA1)
        )
        #expect(base == Self.rsaBase)
    }

    @Test func rsaSHA1SignsWithPrivateKey() throws {
        let input = SignatureInput(baseString: Self.rsaBase, rsaPrivateKey: try Vectors.read("rsa-sha1-private.pem"))
        #expect(try SignatureMethodRegistry.standard.sign(.rsaSHA1, input) == Self.rsaSignature)
    }

    @Test func rsaSHA1VerifiesWithPublicKey() throws {
        let input = SignatureInput(baseString: Self.rsaBase, rsaPublicKey: try Vectors.read("rsa-sha1-public.pem"))
        let registry = SignatureMethodRegistry.standard
        #expect(registry.verify(.rsaSHA1, signature: Self.rsaSignature, for: input))

        var tampered = input
        tampered.baseString = Self.appendixABase
        #expect(!registry.verify(.rsaSHA1, signature: Self.rsaSignature, for: tampered))
        #expect(!registry.verify(.rsaSHA1, signature: "not base64!", for: input))
        var noKey = input
        noKey.rsaPublicKey = nil
        #expect(!registry.verify(.rsaSHA1, signature: Self.rsaSignature, for: noKey))
        var badKey = input
        badKey.rsaPublicKey = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"
        #expect(!registry.verify(.rsaSHA1, signature: Self.rsaSignature, for: badKey))
    }

    @Test func rsaSHA1WithoutPrivateKeyCannotSign() {
        #expect(throws: OAuth1Error.self) {
            try SignatureMethodRegistry.standard.sign(.rsaSHA1, SignatureInput(baseString: Self.rsaBase))
        }
    }
}
