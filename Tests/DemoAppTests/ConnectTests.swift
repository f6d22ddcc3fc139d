import Foundation
import NIOHTTP1
import Testing

/// `/connect/gatehouse`: the demo as a client of the client registry, logging in with its own
/// provider (authorization code + PKCE) and showing the profile fetched from `/api/me`.
@Suite(.serialized)
struct ConnectTests {
    @Test func connectLogsInWithTheDemoProviderAndShowsTheProfile() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let me = try await demo.api(
                .GET,
                "/api/me",
                bearer: try #require(try await demo.passwordToken(scope: "profile")["access_token"] as? String)
            )
            let userID = try #require(me.field("id") as? String)

            let start = try await browser.get("/connect/gatehouse")
            #expect(start.status == 302 || start.status == 303)
            let authorize = try #require(start.location)
            #expect(authorize.hasPrefix(demo.base + "/oauth/authorize?"))
            let request = try #require(URLComponents(string: authorize))
            let query = Dictionary((request.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { first, _ in first }
            #expect(query["response_type"] == "code")
            #expect(query["redirect_uri"] == demo.base + "/connect/gatehouse/callback")
            #expect(query["scope"] == "profile")
            #expect(query["code_challenge_method"] == "S256" && query["code_challenge"]?.isEmpty == false)
            #expect(query["state"]?.isEmpty == false)

            let consent = try await browser.get(authorize)
            #expect(consent.status == 200)
            #expect(consent.body.contains("Authorize Gatehouse demo (log in with Gatehouse)"))
            #expect(consent.body.contains("<li><code>profile</code> see your user id and username</li>"))
            let granted = try await browser.submit(try consent.form(action: "/oauth/authorize"), [("confirm", "yes")])
            let callback = try #require(granted.location)
            #expect(callback.hasPrefix(demo.base + "/connect/gatehouse/callback?"))
            #expect(try granted.locationParameters()["state"] == query["state"])

            let profile = try await browser.get(callback)
            #expect(profile.status == 200)
            #expect(profile.body.contains("Logged in with Gatehouse"))
            #expect(profile.body.contains("<td>demo</td>"))
            #expect(profile.body.contains("<code>\(userID)</code>"))

            // The callback is single use: the same code and state again fail cleanly.
            let replay = try await browser.get(callback)
            #expect(replay.status == 400 && replay.body.contains("Log in with Gatehouse failed"))
        }
    }

    @Test func callbackWithAForgedStateIsRefused() async throws {
        try await SeededDemo.with { demo in
            let browser = try await demo.loggedInBrowser()
            let start = try await browser.get("/connect/gatehouse")
            #expect(start.location != nil)
            let forged = try await browser.get("/connect/gatehouse/callback?code=stolen&state=forged")
            #expect(forged.status == 400)
            #expect(forged.body.contains("Log in with Gatehouse failed"))
            #expect(!forged.body.contains("Logged in with Gatehouse</h1>"))
            let denied = try await browser.get("/connect/gatehouse/callback?error=access_denied&state=forged")
            #expect(denied.status == 400)
        }
    }
}
