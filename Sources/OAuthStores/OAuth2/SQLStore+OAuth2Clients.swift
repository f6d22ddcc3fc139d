import GatehouseCommon
public import OAuth2
import SQLKit

extension SQLStore {
    /// Registers an OAuth 2 client (the developer-facing "new application" form; RFC 7591 metadata).
    ///
    /// A `client_id` and, unless the client is public (`none`), a secret are generated. Only the
    /// secret's SHA-256 digest is stored: show the returned secret to the developer once.
    ///
    /// ```swift
    /// let (client, secret) = try await store.createOAuth2Client(
    ///     name: "Printer", redirectURIs: ["https://printer.example/cb"],
    ///     grantTypes: [.authorizationCode, .refreshToken], responseTypes: [.code],
    ///     scope: "profile", tokenEndpointAuthMethod: .clientSecretBasic, ownerUserID: developer.id)
    /// ```
    ///
    /// - Parameters:
    ///   - name: the name shown on consent pages.
    ///   - redirectURIs: the exact redirect URIs (RFC 6749 §3.1.2.2).
    ///   - grantTypes: the grant types it may use.
    ///   - responseTypes: the response types it may use.
    ///   - scope: the scopes it may request, space-delimited.
    ///   - tokenEndpointAuthMethod: `client_secret_basic`, `client_secret_post` or `none` (public client).
    ///   - ownerUserID: the application user registering it.
    ///   - clientID: a fixed identifier, to provision a client known in advance (say from deployment
    ///     configuration). **Default:** a random one.
    ///   - clientSecret: a fixed secret for such a client; ignored for `none`. **Default:** a random one.
    ///   - allowInsecureRedirectURIs: accept `http` redirect URIs to hosts other than loopback
    ///     (development with insecure transport only). **Default:** `false`.
    /// - Returns: the client and its secret in clear (`nil` for `none`).
    /// - Throws: `OAuth2Error` `invalid_redirect_uri` for a redirect URI that
    ///   ``/OAuth2/RedirectURIRegistration`` refuses (`http` to a public host among them, RFC 9700 §2.6);
    ///   ``StoreError``, also when `clientID` is already taken.
    public func createOAuth2Client(
        name: String,
        redirectURIs: [String],
        grantTypes: Set<GrantType> = [.authorizationCode, .refreshToken],
        responseTypes: Set<ResponseType> = [.code],
        scope: String,
        tokenEndpointAuthMethod: ClientAuthMethod = .clientSecretBasic,
        ownerUserID: String?,
        clientID: String? = nil,
        clientSecret: String? = nil,
        allowInsecureRedirectURIs: Bool = false
    ) async throws -> (client: SQLOAuth2Client, secret: String?) {
        for uri in redirectURIs {
            if let problem = RedirectURIRegistration.problem(with: uri, allowInsecureHTTP: allowInsecureRedirectURIs) {
                throw OAuth2Error(.invalidRedirectURI, description: problem)
            }
        }
        let secret = tokenEndpointAuthMethod == .none ? nil : clientSecret ?? TokenGenerator.generate(length: 48)
        let client = SQLOAuth2Client(
            clientID: clientID ?? TokenGenerator.generate(length: 24),
            clientSecretDigest: secret.map(SecretDigest.sha256Hex),
            name: name,
            redirectURIs: redirectURIs,
            grantTypes: grantTypes,
            responseTypes: responseTypes,
            scope: scope,
            tokenEndpointAuthMethod: tokenEndpointAuthMethod,
            ownerUserID: ownerUserID,
            issuedAt: UnixTime.date(clock.unixSeconds)
        )
        try await write { database in
            try await database.raw(
                """
                INSERT INTO oauth2_clients (client_id, client_secret_digest, client_name, redirect_uris, grant_types,
                    response_types, scope, token_endpoint_auth_method, owner_user_id, issued_at)
                VALUES (\(bind: client.clientID), \(bind: client.clientSecretDigest), \(bind: client.name),
                    \(bind: StringListColumn.encode(client.redirectURIs)),
                    \(bind: StringListColumn.encode(client.grantTypes.map(\.rawValue).sorted())),
                    \(bind: StringListColumn.encode(client.responseTypes.map(\.rawValue).sorted())),
                    \(bind: client.scope), \(bind: client.tokenEndpointAuthMethod.rawValue), \(bind: client.ownerUserID),
                    \(bind: UnixTime.seconds(client.issuedAt)))
                """
            ).run()
        }
        return (client, secret)
    }

    /// The OAuth 2 client `clientID`, or `nil`.
    ///
    /// - Throws: ``StoreError``.
    public func oauth2Client(id clientID: String) async throws -> SQLOAuth2Client? {
        try await read { database in
            try await database.raw("SELECT \(unsafeRaw: Self.oauth2ClientColumns) FROM oauth2_clients WHERE client_id = \(bind: clientID)")
                .first().map(Self.oauth2Client(row:))
        }
    }

    /// The OAuth 2 clients a user registered, oldest first (a developer's "my applications" page).
    ///
    /// - Throws: ``StoreError``.
    public func oauth2Clients(ownerUserID: String) async throws -> [SQLOAuth2Client] {
        try await read { database in
            try await database.raw(
                """
                SELECT \(unsafeRaw: Self.oauth2ClientColumns) FROM oauth2_clients
                WHERE owner_user_id = \(bind: ownerUserID) ORDER BY issued_at, client_id
                """
            ).all().map(Self.oauth2Client(row:))
        }
    }

    /// Deletes an OAuth 2 client with its codes and tokens (which stop working at once, or within a
    /// validator's cache lifetime).
    ///
    /// - Parameters:
    ///   - clientID: the client.
    ///   - ownerUserID: when set, the client is deleted only if this user owns it.
    /// - Returns: whether a client was deleted.
    /// - Throws: ``StoreError``.
    @discardableResult
    public func deleteOAuth2Client(id clientID: String, ownerUserID: String? = nil) async throws -> Bool {
        let deleted = try await write { database in
            let rows: [any SQLRow]
            if let ownerUserID {
                rows = try await database.raw(
                    """
                    DELETE FROM oauth2_clients WHERE client_id = \(bind: clientID) AND owner_user_id = \(bind: ownerUserID)
                    RETURNING client_id
                    """
                ).all()
            } else {
                rows = try await database.raw("DELETE FROM oauth2_clients WHERE client_id = \(bind: clientID) RETURNING client_id").all()
            }
            return !rows.isEmpty
        }
        if deleted { noteClientChange() }
        return deleted
    }

    /// The `queryClient` hook of an ``/OAuth2/AuthorizationServer`` (Authlib's `create_query_client_func`),
    /// with a look-up cache of 5 seconds: see ``queryClient(cacheLifetime:maxCachedClients:)``.
    ///
    /// ```swift
    /// let server = AuthorizationServer(queryClient: store.queryClient, saveToken: store.saveToken)
    /// ```
    public var queryClient: AuthorizationServer.QueryClient {
        queryClient(cacheLifetime: .seconds(5))
    }

    /// A `queryClient` hook that reuses each client it read for `cacheLifetime`.
    ///
    /// Every token request and authorization request looks its client up; clients change rarely,
    /// so a busy server need not read the same row for each of them. A client deleted through this
    /// store is forgotten at once; one deleted on another node stays usable here for at most
    /// `cacheLifetime`, as a revoked token does for ``SQLBearerTokenValidator``. Unknown client ids
    /// are never cached, so a client registered on any node works at once. Keep the hook: each call
    /// of this method starts a cache of its own.
    ///
    /// - Parameters:
    ///   - cacheLifetime: how long a look-up is reused; `.zero` reads the database every time.
    ///   - maxCachedClients: the most clients cached at once.
    /// - Returns: the hook.
    public func queryClient(cacheLifetime: Duration, maxCachedClients: Int = 1_000) -> AuthorizationServer.QueryClient {
        guard cacheLifetime > .zero, maxCachedClients > 0 else {
            return { [self] clientID in try await oauth2Client(id: clientID) }
        }
        let cache = LookupCache<String, SQLOAuth2Client>(lifetime: cacheLifetime, capacity: maxCachedClients, clock: clock)
        return { [self] clientID in
            let epoch = clientEpoch
            if let cached = cache.value(for: clientID, epoch: epoch) { return cached }
            guard let client = try await oauth2Client(id: clientID) else { return nil }
            cache.store(client, for: clientID, epoch: epoch)
            return client
        }
    }

    static let oauth2ClientColumns =
        "client_id, client_secret_digest, client_name, redirect_uris, grant_types, response_types, scope, token_endpoint_auth_method, owner_user_id, issued_at"

    static func oauth2Client(row: any SQLRow) throws -> SQLOAuth2Client {
        SQLOAuth2Client(
            clientID: try row.decode(column: "client_id", as: String.self),
            clientSecretDigest: try row.decode(column: "client_secret_digest", as: String?.self),
            name: try row.decode(column: "client_name", as: String.self),
            redirectURIs: StringListColumn.decode(try row.decode(column: "redirect_uris", as: String.self)),
            grantTypes: Set(StringListColumn.decode(try row.decode(column: "grant_types", as: String.self)).map(GrantType.init(rawValue:))),
            responseTypes: Set(
                StringListColumn.decode(try row.decode(column: "response_types", as: String.self)).map(ResponseType.init(rawValue:))
            ),
            scope: try row.decode(column: "scope", as: String.self),
            tokenEndpointAuthMethod: ClientAuthMethod(rawValue: try row.decode(column: "token_endpoint_auth_method", as: String.self)),
            ownerUserID: try row.decode(column: "owner_user_id", as: String?.self),
            issuedAt: UnixTime.date(try row.decode(column: "issued_at", as: Int.self))
        )
    }
}
