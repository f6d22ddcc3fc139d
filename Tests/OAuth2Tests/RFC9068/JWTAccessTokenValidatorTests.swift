import FoundationEssentials
import GatehouseCommon
import GatehouseJOSE
import OAuth2
import OAuthTestSupport
import Synchronization
import Testing

/// A resource server on another machine: RFC 9068 JWT access tokens verified with the issuer's
/// JWKS alone, through `requireOAuth` unchanged; every claim check and the key cache's refetch on
/// an unknown `kid`.
struct JWTAccessTokenValidatorTests {
    static let issuer = "https://id.example"
    let time = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))

    /// The issuer's side: keys, and a way to mint tokens with any claims.
    final class Issuer: Sendable {
        let keys: LockedValue<KeySet>
        let fetches = Atomic<Int>(0)
        let down = Atomic<Bool>(false)
        struct Down: Error {}
        init(_ keys: KeySet) { self.keys = LockedValue(keys) }
        func jwks() throws -> [UInt8] {
            fetches.add(1, ordering: .relaxed)
            if down.load(ordering: .relaxed) { throw Down() }
            return keys.withLock { $0.jwksJSON }
        }
        func token(_ claims: JWTAccessTokenClaims, type: String = "at+jwt") async throws -> String {
            try await keys.withLock { $0 }.sign(claims, algorithm: .es256, type: type)
        }
    }

    static func withSignature(_ signature: String, of token: String) -> String {
        token.split(separator: ".").prefix(2).joined(separator: ".") + "." + signature
    }

    func claims(
        aud: [String] = ["https://api.example"],
        iss: String = issuer,
        exp: Int = 1_800_000_600,
        iat: Int = 1_800_000_000
    )
        -> JWTAccessTokenClaims
    {
        JWTAccessTokenClaims(iss: iss, sub: "user-1", aud: aud, clientID: "client-1", exp: exp, iat: iat, jti: "j1", scope: "profile")
    }

    func protector(_ issuer: Issuer, audience: String? = "https://api.example") -> ResourceProtector {
        let protector = ResourceProtector(realm: "api", clock: time.clock)
        let keys = RemoteKeySet(clock: time.clock) { try issuer.jwks() }
        protector.registerTokenValidator(JWTAccessTokenValidator(issuer: Self.issuer, audience: audience, keys: keys, clock: time.clock))
        return protector
    }

    func check(
        _ protector: ResourceProtector,
        _ token: String,
        scopes: ScopeRequirement = "profile"
    ) async -> Result<
        (any OAuth2Token)?, OAuth2Error
    > {
        let request = OAuth2Request.get("https://api.example/me", [], headers: ["Authorization": "Bearer " + token])
        do { return .success(try await protector.validateRequest(request, scopes: scopes)) } catch { return .failure(error) }
    }

    @Test func aValidTokenPassesTheScopeGuardWithItsClaims() async throws {
        let issuer = Issuer(try await KeySet(current: [try .generate(.es256)]))
        let token = try await issuer.token(claims())
        let verified = try await check(protector(issuer), token).get() as? JWTAccessToken
        #expect(verified?.userID == "user-1" && verified?.clientID == "client-1" && verified?.scope == "profile")
        if case .failure(let error) = await check(protector(issuer), token, scopes: "notes") {
            #expect(error.code == .insufficientScope)
        } else {
            Issue.record("a token without the scope passed")
        }
    }

    @Test func everyClaimCheckRefuses() async throws {
        let issuer = Issuer(try await KeySet(current: [try .generate(.es256)]))
        let guarded = protector(issuer)
        let refused: [(String, String)] = [
            ("another issuer", try await issuer.token(claims(iss: "https://evil.example"))),
            ("another audience", try await issuer.token(claims(aud: ["https://other.example"]))),
            ("expired beyond the leeway", try await issuer.token(claims(exp: 1_800_000_000 - 61, iat: 1_799_990_000))),
            ("issued in the future", try await issuer.token(claims(exp: 1_800_010_000, iat: 1_800_000_061))),
            ("typ JWT, not at+jwt", try await issuer.token(claims(), type: "JWT")),
            ("signed by another key", try await Issuer(try await KeySet(current: [try .generate(.es256)])).token(claims())),
            ("not a JWT", "opaque-token"),
            ("a signature that is not base64url", try await Self.withSignature("!!!", of: issuer.token(claims()))),
            (
                "an ES256 signature one byte short",
                try await Self.withSignature(Base64URL.encode(Array(repeating: 7, count: 63)), of: issuer.token(claims()))
            ),
        ]
        for (reason, token) in refused {
            guard case .failure(let error) = await check(guarded, token) else {
                Issue.record("accepted: \(reason)")
                continue
            }
            #expect(error.code == .invalidToken, "\(reason)")
        }
        // Within the leeway: accepted; `application/at+jwt` names the same type (RFC 9068 §4);
        // and without an audience to check, any audience passes.
        #expect(try await check(guarded, try await issuer.token(claims(), type: "application/at+jwt")).get() != nil)
        #expect(try await check(guarded, try await issuer.token(claims(exp: 1_800_000_000 - 30, iat: 1_799_990_000))).get() != nil)
        #expect(try await check(protector(issuer, audience: nil), try await issuer.token(claims(aud: ["x"]))).get() != nil)
    }

    @Test func anUnknownKidRefetchesTheJWKSOnceNotInALoop() async throws {
        let issuer = Issuer(try await KeySet(current: [try .generate(.es256)]))
        let guarded = protector(issuer)
        #expect(try await check(guarded, try await issuer.token(claims())).get() != nil)
        #expect(issuer.fetches.load(ordering: .relaxed) == 1)

        // The issuer rotates: a token from the new key makes the cache fetch again, once.
        let old = try #require(issuer.keys.withLock { $0 }.current[.es256])
        let rotated = try await KeySet(current: [try .generate(.es256)], retiring: [old])
        issuer.keys.withLock { $0 = rotated }
        time.advance(by: .seconds(31))
        #expect(try await check(guarded, try await issuer.token(claims())).get() != nil)
        #expect(issuer.fetches.load(ordering: .relaxed) == 2)

        // Made-up kids within the refetch interval do not fetch again, even all at once.
        let stranger = try await Issuer(try await KeySet(current: [try .generate(.es256)])).token(claims())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { _ = await check(guarded, stranger) } }
        }
        #expect(issuer.fetches.load(ordering: .relaxed) == 2)

        // The issuer goes down: tokens of the cached keys still verify.
        issuer.down.store(true, ordering: .relaxed)
        time.advance(by: .seconds(3_601))
        #expect(try await check(guarded, try await issuer.token(claims(exp: 1_800_010_000, iat: 1_800_003_000))).get() != nil)
        #expect(issuer.fetches.load(ordering: .relaxed) == 3, "one attempt, failed")
    }
}
