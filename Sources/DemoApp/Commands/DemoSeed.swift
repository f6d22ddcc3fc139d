import DemoModel
import Foundation
import GatehouseCommon
import OAuth2
import OAuthStores

/// What the first start on an empty database creates, and prints so a newcomer can try it.
enum DemoSeed {
    static func seedIfEmpty(store: SQLStore, origin: String) async throws {
        let users = UserStore(store: store)
        guard try await users.isEmpty() else { return }
        let password = TokenGenerator.generate(length: 16)
        let user = try await users.create(username: "demo", password: password)
        let (oauth2, secret) = try await store.createOAuth2Client(
            name: "Demo OAuth 2 client",
            redirectURIs: ["\(origin)/connect/gatehouse/callback", "https://client.example/callback"],
            grantTypes: [.authorizationCode, .implicit, .password, .clientCredentials, .refreshToken],
            responseTypes: [.code, .token],
            scope: "profile email notes",
            tokenEndpointAuthMethod: .clientSecretBasic,
            ownerUserID: user.userID,
            allowInsecureRedirectURIs: true  // the demo's own origin (http on loopback)
        )
        // The client the demo's own `gatehouse-oauth1` remote app signs with: its callback is this
        // demo's `/authorize/gatehouse-oauth1`, so the OAuth 1 flow runs on the demo alone.
        let oauth1 = try await RemoteApps.ownOAuth1Client(store: store, origin: origin, ownerUserID: user.userID)
        let clientSecret = secret ?? ""
        say(
            """

            First start: created the demo user and two clients (keep these; the OAuth 2 secret is stored hashed).
              user            demo / \(password)
              OAuth 2 client  client_id=\(oauth2.clientID)  client_secret=\(clientSecret)
              OAuth 1 client  client_id=\(oauth1.clientID)  client_secret=\(oauth1.clientSecret)

            Try it:
              open \(origin)/ and log in as demo, then connect your accounts:
                OAuth 2 (code + PKCE)      \(origin)/login/gatehouse
                OAuth 1 (temporary credentials, authorize, verifier, token credentials)
                                           \(origin)/login/gatehouse-oauth1
              curl -u '\(oauth2.clientID):\(clientSecret)' -d grant_type=password -d username=demo -d 'password=\(password)' -d scope='profile notes' \(origin)/oauth/token
              curl -H 'Authorization: Bearer ACCESS_TOKEN' \(origin)/api/me
              curl -H 'Authorization: Bearer ACCESS_TOKEN' -H 'Content-Type: application/json' -d '{"text":"hello"}' \(origin)/api/notes
              curl \(origin)/.well-known/oauth-authorization-server

            """
        )
    }
}
