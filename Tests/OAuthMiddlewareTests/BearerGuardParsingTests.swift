import Foundation
import HTTPCore
import OAuthMiddleware
import OAuthTestSupport
import Testing

/// The bearer guard's fast path (only the fields and parameters the check reads) parses with the
/// parser of `oauth2Request()`: a NUL in the token or the query is the same `invalid_request`.
struct BearerGuardParsingTests {
    /// ``Provider`` with query tokens allowed, and routes that check the token on the slow path
    /// (the whole request parsed by `oauth2Request()`).
    func provider() throws -> Provider {
        let provider = try Provider()
        provider.requireOAuth.allowsQueryToken = true
        let protector = provider.requireOAuth
        let slow: Responder = { request in
            let token = try await protector.validateRequest(try request.oauth2Request())
            return .text("client=\(token?.clientID ?? "none")")
        }
        provider.app.post("/slow/form", slow)
        provider.app.get("/slow/me", slow)
        return provider
    }

    /// Expects both responses to be the same 400 `invalid_request`.
    func expectSameInvalidRequest(_ fast: TestResponse, _ slow: TestResponse) throws {
        #expect(fast.status == .badRequest)
        #expect(slow.status == .badRequest)
        let (fastBody, slowBody) = (try fast.jsonObject(), try slow.jsonObject())
        #expect(fastBody["error"] as? String == "invalid_request")
        #expect(slowBody["error"] as? String == "invalid_request")
        #expect(fastBody["error_description"] as? String == slowBody["error_description"] as? String)
    }

    @Test func nulInAFormTokenIsInvalidRequestAsOnTheSlowPath() async throws {
        let provider = try provider()
        let token = provider.token(scope: "profile")
        try await provider.app.test { client throws in
            let form = [("access_token", "\(token)\u{0}")]
            try expectSameInvalidRequest(
                try await client.post("/api/form", form: form),
                try await client.post("/slow/form", form: form)
            )
            let other = [("access_token", token), ("note", "a\u{0}b")]
            try expectSameInvalidRequest(
                try await client.post("/api/form", form: other),
                try await client.post("/slow/form", form: other)
            )
            #expect(try await client.post("/api/form", form: [("access_token", token)]).text == "client=confidential")
        }
    }

    @Test func nulInTheQueryIsInvalidRequestAsOnTheSlowPath() async throws {
        let provider = try provider()
        let token = provider.token(scope: "profile")
        try await provider.app.test { client throws in
            try expectSameInvalidRequest(
                try await client.get("/api/me?access_token=\(token)%00"),
                try await client.get("/slow/me?access_token=\(token)%00")
            )
            try expectSameInvalidRequest(
                try await client.get("/api/me?page=%00", auth: .bearer(token)),
                try await client.get("/slow/me?page=%00", auth: .bearer(token))
            )
            #expect(try await client.get("/api/me?access_token=\(token)").text == "me=user-1")
        }
    }
}
