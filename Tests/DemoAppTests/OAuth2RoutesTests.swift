import Foundation
import NIOHTTP1
import Testing

/// The OAuth 2 routes of the built DemoApp, driven as a browser and a client would: the consent page,
/// every grant, revocation, introspection, metadata and the protected API.
@Suite(.serialized)
struct OAuth2RoutesTests {
    @Test func authorizationCodeWithPKCEThroughTheConsentPage() async throws {
        try await SeededDemo.with { demo in
            let browser = demo.browser()
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile notes")

            // Logged out: to the login page, which comes back to the same authorization request.
            let anonymous = try await browser.get(flow.authorizeURL)
            #expect(anonymous.status == 303)
            let loginURL = try #require(anonymous.location)
            #expect(loginURL == "/login?next=" + CookieJarClient.percentEncode(flow.authorizeURL))
            let login = try await browser.submit(
                try await browser.get(loginURL).form(action: "/login"),
                [("username", "demo"), ("password", demo.password)]
            )
            #expect(login.location == flow.authorizeURL)

            let consent = try await browser.follow(login)
            #expect(consent.status == 200)
            #expect(consent.body.contains("Authorize Demo OAuth 2 client"))
            #expect(consent.body.contains("<code>\(demo.clientID)</code>"))
            #expect(consent.body.contains("with these scopes:"))
            #expect(
                consent.body.contains("<li><code>profile</code> see your user id and username</li>")
                    && consent.body.contains("<li><code>notes</code> read your notes and write new ones</li>")
            )
            #expect(consent.body.contains("<code>\(SeededDemo.redirectURI)</code>"))
            #expect(consent.body.contains(#"name="confirm" value="yes""#))

            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            #expect(granted.status == 303)  // See Other after the POST (RFC 9700 §4.12)
            #expect(granted.location?.hasPrefix(SeededDemo.redirectURI + "?") == true)
            let parameters = try granted.locationParameters()
            #expect(parameters["state"] == flow.state)
            #expect(parameters["iss"] == demo.base)  // RFC 9207
            let code = try #require(parameters["code"])

            let wrongVerifier = try await demo.token(flow.tokenForm(code: code, verifier: String(repeating: "a", count: 64)))
            #expect(wrongVerifier.status == 400 && (wrongVerifier.field("error") as? String) == "invalid_grant")

            // A fresh code with the right verifier is redeemed once.
            let second = try await browser.submit(
                try await browser.get(flow.authorizeURL).form(action: "/oauth/authorize"),
                [("confirm", "yes")]
            )
            let code2 = try #require(try second.locationParameters()["code"])
            let token = try await demo.token(flow.tokenForm(code: code2))
            #expect(token.status == 200)
            #expect(token.header("cache-control") == "no-store")
            let json = try token.json()
            #expect(json["token_type"] as? String == "Bearer")
            #expect(json["scope"] as? String == "profile notes")
            #expect(json["refresh_token"] is String)
            let access = try #require(json["access_token"] as? String)
            let me = try await demo.api(.GET, "/api/me", bearer: access)
            #expect(me.status == 200 && (me.field("username") as? String) == "demo")

            let reused = try await demo.token(flow.tokenForm(code: code2))
            #expect(reused.status == 400 && (reused.field("error") as? String) == "invalid_grant")
        }
    }

    @Test func codeWithoutTheRightVerifierOrRedirectURIIsRefused() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            func code() async throws -> String {
                let granted = try await browser.submit(
                    try await browser.get(flow.authorizeURL).form(action: "/oauth/authorize"),
                    [("confirm", "yes")]
                )
                return try #require(try granted.locationParameters()["code"])
            }
            let noVerifier = try await demo.token(Array(flow.tokenForm(code: try await code()).dropLast()))
            #expect(noVerifier.status == 400)
            let otherRedirect = try await demo.token(
                [
                    ("grant_type", "authorization_code"), ("code", try await code()),
                    ("redirect_uri", demo.base + "/connect/gatehouse/callback"),
                ]
                    + [("code_verifier", flow.verifier)]
            )
            #expect(otherRedirect.status == 400 && (otherRedirect.field("error") as? String) == "invalid_grant")

            // An unregistered redirect URI is never redirected to: the error shows on the provider's page.
            var evil = flow
            evil.redirectURI = "https://evil.example/cb"
            let refused = try await browser.get(evil.authorizeURL)
            #expect(refused.status == 400 && refused.location == nil)
            #expect(refused.body.contains("redirect_uri is not registered for this client"))
        }
    }

    @Test func denyingTheConsentSendsAccessDeniedToTheClient() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            let consent = try await browser.get(flow.authorizeURL)
            let denied = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "no")])
            #expect(denied.status == 303)
            #expect(denied.location?.hasPrefix(SeededDemo.redirectURI + "?") == true)
            let parameters = try denied.locationParameters()
            #expect(parameters["error"] == "access_denied")
            #expect(parameters["state"] == flow.state)
            #expect(parameters["code"] == nil)
            // Anything but confirm=yes denies, including no confirm field at all.
            let silent = try await browser.submit(try (try await browser.get(flow.authorizeURL)).form(action: "/oauth/authorize"))
            #expect(try silent.locationParameters()["error"] == "access_denied")
            #expect(try await browser.get("/").body.contains("No active grants."))
        }
    }

    @Test func implicitGrantReturnsTheTokenInTheFragment() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            var flow = OAuth2Flow(clientID: demo.clientID, redirectURI: SeededDemo.redirectURI, scope: "profile")
            flow.responseType = "token"
            let consent = try await browser.get(flow.authorizeURL)
            #expect(consent.status == 200 && consent.body.contains("Authorize Demo OAuth 2 client"))
            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            #expect(granted.status == 303)  // See Other after the POST (RFC 9700 §4.12)
            #expect(granted.location?.hasPrefix(SeededDemo.redirectURI + "#") == true)
            let fragment = try granted.locationParameters(fragment: true)
            #expect(fragment["token_type"] == "Bearer")
            #expect(fragment["state"] == flow.state)
            #expect(fragment["refresh_token"] == nil)  // RFC 6749 §4.2.2
            let access = try #require(fragment["access_token"])
            let me = try await demo.api(.GET, "/api/me", bearer: access)
            #expect(me.status == 200 && (me.field("username") as? String) == "demo")
        }
    }

    @Test func passwordGrantIssuesForTheRightPasswordOnly() async throws {
        try await SeededDemo.with { demo in
            let issued = try await demo.passwordToken(scope: "profile")
            #expect(issued["scope"] as? String == "profile")
            let access = try #require(issued["access_token"] as? String)
            #expect(try await demo.api(.GET, "/api/me", bearer: access).json()["username"] as? String == "demo")

            let wrong = try await demo.token([("grant_type", "password"), ("username", "demo"), ("password", "wrong password")])
            #expect(wrong.status == 400 && (wrong.field("error") as? String) == "invalid_grant")
            let badClient = try await demo.token(
                [("grant_type", "password"), ("username", "demo"), ("password", demo.password)],
                authorization: SeededDemo.basic(demo.clientID, "wrong secret")
            )
            #expect(badClient.status == 401 && (badClient.field("error") as? String) == "invalid_client")
            #expect(badClient.header("www-authenticate")?.hasPrefix("Basic") == true)
            let badScope = try await demo.token(
                [("grant_type", "password"), ("username", "demo"), ("password", demo.password), ("scope", "admin")]
            )
            #expect(badScope.status == 400 && (badScope.field("error") as? String) == "invalid_scope")
        }
    }

    @Test func clientCredentialsGrantIssuesATokenWithoutAUser() async throws {
        try await SeededDemo.with { demo in
            let response = try await demo.token([("grant_type", "client_credentials"), ("scope", "profile notes")])
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json["refresh_token"] == nil)  // RFC 6749 §4.4.3
            let access = try #require(json["access_token"] as? String)
            let introspection = try await demo.browser().post(
                "/oauth/introspect",
                form: [("token", access)],
                headers: [("Authorization", demo.basic)]
            )
            let fields = try introspection.json()
            #expect(fields["active"] as? Bool == true && fields["client_id"] as? String == demo.clientID)
            #expect(fields["sub"] == nil)
            // The API needs a user behind the token.
            #expect(try await demo.api(.GET, "/api/me", bearer: access).status == 403)
            #expect(try await demo.api(.GET, "/api/notes", bearer: access).status == 403)
        }
    }

    @Test func refreshTokenGrantRotatesTheRefreshToken() async throws {
        try await SeededDemo.with { demo in
            let first = try await demo.passwordToken(scope: "profile notes")
            let refresh = try #require(first["refresh_token"] as? String)
            let renewed = try await demo.token([("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "profile")])
            #expect(renewed.status == 200)
            let json = try renewed.json()
            #expect(json["scope"] as? String == "profile")
            let access = try #require(json["access_token"] as? String)
            #expect(access != first["access_token"] as? String)
            #expect(try await demo.api(.GET, "/api/me", bearer: access).status == 200)
            #expect(try await demo.api(.GET, "/api/notes", bearer: access).status == 403)  // narrowed to profile

            let wider = try await demo.token([("grant_type", "refresh_token"), ("refresh_token", refresh), ("scope", "profile email")])
            #expect(wider.status == 400)
            let other = try await demo.credentials(
                ["create-client", "--name", "Other", "--redirect-uri", "https://other.example/cb", "--grant-type", "refresh_token"]
            )
            let stolen = try await demo.token(
                [("grant_type", "refresh_token"), ("refresh_token", json["refresh_token"] as? String ?? refresh)],
                authorization: SeededDemo.basic(other.id, other.secret)
            )
            #expect(stolen.status == 400 && (stolen.field("error") as? String) == "invalid_grant")
        }
    }

    @Test func revocationEndpointEndsTheToken() async throws {
        try await SeededDemo.with { demo in
            let issued = try await demo.passwordToken(scope: "profile")
            let access = try #require(issued["access_token"] as? String)
            let refresh = try #require(issued["refresh_token"] as? String)
            #expect(try await demo.isActive(access))

            let anonymous = try await demo.browser().post("/oauth/revoke", form: [("token", access)])
            #expect(anonymous.status == 401)
            #expect(try await demo.isActive(access))

            let revoked = try await demo.browser().post(
                "/oauth/revoke",
                form: [("token", refresh)],
                headers: [("Authorization", demo.basic)]
            )
            #expect(revoked.status == 200)
            #expect(try await !demo.isActive(access))  // revoking the refresh token ends its access token too (RFC 7009 §2.1)
            #expect(try await demo.waitForAPIStatus(401, bearer: access) == 401)
            let refreshed = try await demo.token([("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(refreshed.status == 400)

            // Unknown tokens are answered 200 too (RFC 7009 §2.2).
            let unknown = try await demo.browser().post(
                "/oauth/revoke",
                form: [("token", "no-such-token")],
                headers: [("Authorization", demo.basic)]
            )
            #expect(unknown.status == 200)
        }
    }

    @Test func introspectionDescribesTheTokenToItsClientOnly() async throws {
        try await SeededDemo.with { demo in
            let issued = try await demo.passwordToken(scope: "profile notes")
            let access = try #require(issued["access_token"] as? String)
            let response = try await demo.browser().post(
                "/oauth/introspect",
                form: [("token", access)],
                headers: [("Authorization", demo.basic)]
            )
            #expect(response.status == 200)
            let fields = try response.json()
            #expect(fields["active"] as? Bool == true)
            #expect(fields["scope"] as? String == "profile notes")
            #expect(fields["client_id"] as? String == demo.clientID)
            #expect(fields["token_type"] as? String == "Bearer")
            #expect(fields["iss"] as? String == demo.base)
            #expect((fields["exp"] as? Int ?? 0) > Int(Date().timeIntervalSince1970))
            let me = try await demo.api(.GET, "/api/me", bearer: access).json()
            #expect(fields["sub"] as? String == me["id"] as? String)

            let anonymous = try await demo.browser().post("/oauth/introspect", form: [("token", access)])
            #expect(anonymous.status == 401)
            let unknown = try await demo.browser().post(
                "/oauth/introspect",
                form: [("token", "nope")],
                headers: [("Authorization", demo.basic)]
            )
            #expect(unknown.status == 200 && (unknown.field("active") as? Bool) == false)

            // Another client may not learn about this client's token.
            let nosy = try await demo.credentials(
                ["create-client", "--name", "Nosy", "--redirect-uri", "https://nosy.example/cb", "--grant-type", "client_credentials"]
            )
            let peek = try await demo.browser().post(
                "/oauth/introspect",
                form: [("token", access)],
                headers: [("Authorization", SeededDemo.basic(nosy.id, nosy.secret))]
            )
            #expect(peek.status != 200 || (peek.field("active") as? Bool) != true)
        }
    }

    @Test func metadataDescribesTheProvider() async throws {
        try await SeededDemo.with { demo in
            let response = try await demo.browser().get("/.well-known/oauth-authorization-server")
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("application/json") == true)
            let metadata = try response.json()
            #expect(metadata["issuer"] as? String == demo.base)
            #expect(metadata["authorization_endpoint"] as? String == demo.base + "/oauth/authorize")
            #expect(metadata["token_endpoint"] as? String == demo.base + "/oauth/token")
            #expect(metadata["revocation_endpoint"] as? String == demo.base + "/oauth/revoke")
            #expect(metadata["introspection_endpoint"] as? String == demo.base + "/oauth/introspect")
            let grants = Set(metadata["grant_types_supported"] as? [String] ?? [])
            #expect(grants == ["authorization_code", "implicit", "password", "client_credentials", "refresh_token"])
            #expect(Set(metadata["response_types_supported"] as? [String] ?? []) == ["code", "token"])
            #expect(metadata["code_challenge_methods_supported"] as? [String] == ["S256"])
            #expect(Set(metadata["scopes_supported"] as? [String] ?? []) == ["profile", "email", "notes"])
        }
    }

    @Test func notesAPINeedsTheNotesScopeAndKeepsEachUsersNotes() async throws {
        try await SeededDemo.with { demo in
            let notes = try #require(try await demo.passwordToken(scope: "profile notes")["access_token"] as? String)
            let added = try await demo.api(.POST, "/api/notes", bearer: notes, json: #"{"text":"buy <milk>"}"#)
            #expect(added.status == 201)
            #expect(try added.json()["text"] as? String == "buy <milk>")
            _ = try await demo.api(.POST, "/api/notes", bearer: notes, json: #"{"text":"second"}"#)
            let listed = try await demo.api(.GET, "/api/notes", bearer: notes)
            #expect(listed.status == 200)
            let texts = (try listed.json()["notes"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(texts == ["buy <milk>", "second"])
            let empty = try await demo.api(.POST, "/api/notes", bearer: notes, json: #"{"text":"   "}"#)
            #expect(empty.status == 400)

            let profileOnly = try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            for (method, body) in [(HTTPMethod.GET, nil), (.POST, #"{"text":"sneaky"}"#)] {
                let refused = try await demo.api(method, "/api/notes", bearer: profileOnly, json: body)
                #expect(refused.status == 403)
                #expect(try refused.json()["error"] as? String == "insufficient_scope")
                #expect(refused.header("www-authenticate")?.contains(#"error="insufficient_scope""#) == true)
            }
            let anonymous = try await demo.browser().get("/api/notes")
            #expect(anonymous.status == 401)
            let unsupported = try await demo.api(.DELETE, "/api/notes", bearer: notes)
            #expect(unsupported.status == 405)

            // Another user's token sees none of demo's notes.
            let created = try await demo.command(["create-user", "--username", "alice", "--password", "alice's password"])
            #expect(created.status == 0)
            let alice = try await demo.token(
                [("grant_type", "password"), ("username", "alice"), ("password", "alice's password"), ("scope", "notes")]
            )
            let aliceToken = try #require(alice.field("access_token") as? String)
            let aliceNotes = try await demo.api(.GET, "/api/notes", bearer: aliceToken)
            #expect(aliceNotes.status == 200 && (aliceNotes.field("notes") as? [Any])?.isEmpty == true)
            #expect(try await demo.api(.GET, "/api/notes", bearer: notes).body.contains("second"))
        }
    }
}
