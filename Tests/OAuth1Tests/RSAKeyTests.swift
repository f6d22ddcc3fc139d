import GatehouseCommon
import OAuth1
import OAuthTestSupport
import Testing

/// The RSA public keys behind RSA-SHA1 (RFC 5849 §3.4.3, §4.1, §4.10): keys under 2048 bits are
/// refused unless `allowsLegacyKeySizes`, and the bounded cache of parsed keys changes neither that
/// nor the result of a verification.
struct RSAKeyTests {
    /// A 1024-bit key pair made for this test with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024`.
    static let legacyPrivateKey = """
        -----BEGIN PRIVATE KEY-----
        MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBAO13Ht20y3L3eoLz
        zAPOsclJ7GD8UUhP0IVD/S6Hc41Zf/XUfT0jWwfdHwEfE56wTrSNO8oyjlM97Was
        rvZ2Bfdx4evjixOFIwYucNTF5/ohZGM9ab9NZRlRTZNpyIjVVzGsspF9ZgZv7k5j
        jYAt5+0LxPg37BCEhYKruD10/LNJAgMBAAECgYAxUkiK6/5Fxrkfcdux/sBWepAq
        JL4NMuawh0qS23dYqHo3aQcKJ8nEfFzwMrA0iZIPVjZQ7Oc6yuYAKWW9sw3RzNHD
        W6s8yjfHPHlr/hoeRZA/EncwUqOH1O3PxwAQAWPty3RtOswKQxntSgaAG/s+efof
        F7uLesEr0htUcmytcQJBAP4TEofMwafelEyj/1/yObwPBiSgruyY7l0yWS/9O+VQ
        0F0CMJetc6/+q0m+b/6wEOt4MrAZlxR4ZsXaL7jvHPcCQQDvQ9Mpqw2HuQU/mMRn
        4E36/UKQzm2NCME/+vEDjtYM6eJWpLSQsJRFPG/yZLntQXFa5BwVM2HsY/LWT6y7
        p+G/AkEA+t9MMcjtAtuVJSPduhhMB7PyBeKfNkE/Q8i+JdNu+9vTEbNi1bHQBFx7
        N0KSBTJGUqsJqbZq5iyIlh39dyarOwJAGrWjmP8zX3dUEqlnI4FysxYanDevGxNj
        H1VQGmmTk5V4Ytu4HH7ZznDUvmZoKwgnM1JLoEJAKDdwIGR8j+ZJ2QJAASKET1Vs
        SEY+gMfJ8bhzDR9n8qJbdUBtbJdBTM0SqGeKdp98Fre2C1/aM946rmEF/+YgtiBI
        8xWvShGBB7gqdg==
        -----END PRIVATE KEY-----

        """
    static let legacyPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDtdx7dtMty93qC88wDzrHJSexg
        /FFIT9CFQ/0uh3ONWX/11H09I1sH3R8BHxOesE60jTvKMo5TPe1mrK72dgX3ceHr
        44sThSMGLnDUxef6IWRjPWm/TWUZUU2TaciI1VcxrLKRfWYGb+5OY42ALeftC8T4
        N+wQhIWCq7g9dPyzSQIDAQAB
        -----END PUBLIC KEY-----

        """

    static var legacyRegistry: SignatureMethodRegistry {
        var registry = SignatureMethodRegistry.standard
        registry.register(.rsaSHA1, RSASHA1SignatureAlgorithm(allowsLegacyKeySizes: true))
        return registry
    }

    /// A temporary credential request signed with RSA-SHA1 and the 1024-bit key.
    static func legacySignedInitiate() throws -> OAuth1Request {
        try OAuth1RequestSigner(
            clientID: Fixtures.clientID,
            clientSecret: Fixtures.clientSecret,
            signatureMethod: .rsaSHA1,
            rsaPrivateKey: legacyPrivateKey,
            registry: legacyRegistry
        )
        .request(
            method: "POST",
            uri: "https://photos.example.net/initiate",
            protocolParameters: ["oauth_callback": Fixtures.callback],
            timestamp: Fixtures.timestamp
        )
    }

    @Test func a1024BitKeyDoesNotVerifyByDefault() async throws {
        let base = SignatureTests.rsaBase
        let legacy = RSASHA1SignatureAlgorithm(allowsLegacyKeySizes: true)
        let signature = try legacy.sign(SignatureInput(baseString: base, rsaPrivateKey: Self.legacyPrivateKey))
        let input = SignatureInput(baseString: base, rsaPublicKey: Self.legacyPublicKey)
        #expect(legacy.verify(signature, for: input))  // a good signature: only the key size is at stake
        #expect(!RSASHA1SignatureAlgorithm().verify(signature, for: input))
        #expect(!SignatureMethodRegistry.standard.verify(.rsaSHA1, signature: signature, for: input))
        #expect(throws: OAuth1Error.self) {
            try RSASHA1SignatureAlgorithm().sign(SignatureInput(baseString: base, rsaPrivateKey: Self.legacyPrivateKey))
        }

        // A server with RSA-SHA1 enabled refuses a client registered with the short key...
        let store = InMemoryOAuth1Store(clients: [
            InMemoryOAuth1Client(
                clientID: Fixtures.clientID,
                clientSecret: Fixtures.clientSecret,
                rsaPublicKey: Self.legacyPublicKey,
                redirectURIs: [Fixtures.callback]
            )
        ])
        let strict = OAuth1AuthorizationServer(hooks: store, configuration: Fixtures.configuration())
        let refused = await strict.createTemporaryCredentialsResponse(try Self.legacySignedInitiate())
        #expect(refused.status == 401)
        #expect(try refused.formParameters()["error"] == "invalid_signature")
        #expect(store.nonceCount == 0)
        // ...unless it opted in to legacy key sizes.
        let lenient = OAuth1AuthorizationServer(
            hooks: store,
            configuration: Fixtures.configuration(),
            signatureMethods: Self.legacyRegistry
        )
        let accepted = await lenient.createTemporaryCredentialsResponse(try Self.legacySignedInitiate())
        #expect(accepted.status == 200)
        #expect(try accepted.formParameters()["oauth_token"] != nil)
    }

    @Test func aKeyCachedUnderLegacySizesIsStillRefusedByAStrictCheck() throws {
        var algorithm = RSASHA1SignatureAlgorithm(allowsLegacyKeySizes: true)
        let signature = try algorithm.sign(SignatureInput(baseString: SignatureTests.rsaBase, rsaPrivateKey: Self.legacyPrivateKey))
        let input = SignatureInput(baseString: SignatureTests.rsaBase, rsaPublicKey: Self.legacyPublicKey)
        #expect(algorithm.verify(signature, for: input))  // parsed and cached as a legacy key
        algorithm.allowsLegacyKeySizes = false  // the same value, so the same cache
        #expect(!algorithm.verify(signature, for: input))
        algorithm.allowsLegacyKeySizes = true
        #expect(algorithm.verify(signature, for: input))
    }

    @Test func verificationStaysRightPastTheKeyCachesCapacity() throws {
        // 300 distinct PEM texts (the cache holds 256) of the same 2048-bit key: text before the
        // BEGIN line is ignored by the parser but makes a separate cache entry.
        let publicKey = try Vectors.read("rsa-sha1-public.pem")
        let variants = (0..<300).map { "key \($0)\n" + publicKey }
        let algorithm = RSASHA1SignatureAlgorithm()
        for (index, pem) in variants.enumerated() {
            let input = SignatureInput(baseString: SignatureTests.rsaBase, rsaPublicKey: pem)
            #expect(algorithm.verify(SignatureTests.rsaSignature, for: input), "variant \(index)")
        }
        // Entries dropped when the cache filled up are parsed again, with the same results.
        for pem in [variants[0], variants[255], variants[299]] {
            let input = SignatureInput(baseString: SignatureTests.rsaBase, rsaPublicKey: pem)
            #expect(algorithm.verify(SignatureTests.rsaSignature, for: input))
            let tampered = SignatureInput(baseString: SignatureTests.appendixABase, rsaPublicKey: pem)
            #expect(!algorithm.verify(SignatureTests.rsaSignature, for: tampered))
        }
        let noKey = SignatureInput(baseString: SignatureTests.rsaBase, rsaPublicKey: "key 0\n")
        #expect(!algorithm.verify(SignatureTests.rsaSignature, for: noKey))
    }
}
