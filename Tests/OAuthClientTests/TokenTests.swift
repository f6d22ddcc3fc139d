import Foundation
import OAuth2
import OAuthClient
import Testing

/// The client-side token value.
struct TokenTests {
    @Test func responseFieldsAreReadAndExpiryComputed() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let token = try Token(
            json: [
                "access_token": "a", "token_type": "bearer", "refresh_token": "r", "expires_in": 3600,
                "scope": "profile", "id_token": "jwt",
            ],
            now: now
        )
        #expect(token.accessToken == "a")
        #expect(token.isBearer)
        #expect(token.refreshToken == "r")
        #expect(token.expiresAt == 1_003_600)
        #expect(token.scope == "profile")
        #expect(token.extra == ["id_token": "jwt"])
    }

    /// Found by the FuzzTokenResponse target: `Int(now) + expires_in` used to overflow and stop the process.
    @Test func absurdLifetimesAreIgnoredInsteadOfOverflowing() throws {
        let token = try Token(json: ["access_token": "a", "expires_in": .int(Int.max)], now: Date(timeIntervalSince1970: 1_000_000))
        #expect(token.expiresAt == nil)
        let old = try Token(json: ["access_token": "a", "expires_at": .int(Int.min)])
        #expect(old.expiresAt == nil)
    }

    @Test func numbersSentAsStringsAreAccepted() throws {
        let token = try Token(json: ["access_token": "a", "expires_in": "60", "expires_at": "1700000000"])
        #expect(token.expiresIn == 60)
        #expect(token.expiresAt == 1_700_000_000)
    }

    @Test func expiryHonoursTheLeeway() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let token = Token(accessToken: "a", expiresAt: 1_000_100)
        #expect(!token.isExpired(leeway: 60, now: now))
        #expect(token.isExpired(leeway: 120, now: now))
        #expect(!Token(accessToken: "a").isExpired(now: now))
    }

    @Test func codableRoundTripKeepsExpiresAt() throws {
        let token = Token(accessToken: "a", refreshToken: "r", expiresIn: 10, extra: ["x": 1])
        let decoded = try JSONDecoder().decode(Token.self, from: JSONEncoder().encode(token))
        #expect(decoded == token)
    }

    @Test func missingAccessTokenIsMalformed() {
        let error = #expect(throws: OAuthClientError.self) { try Token(json: ["token_type": "Bearer"]) }
        #expect(error?.code == .malformedResponse)
    }
}
