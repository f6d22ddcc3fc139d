import FoundationEssentials
import OAuth2
import SQLKit

extension SQLStore {
    /// Stores a new authorization code under its digest, with what the token request needs.
    func insertAuthorizationCode(_ code: String, request: GrantRequest, expiresAt: Date) async throws {
        guard let userID = request.user?.userID else {
            throw StoreError.failed("an authorization code needs the user who granted it")
        }
        let digest = SecretDigest.sha256Hex(code)
        let grantID = request.grantID ?? "code-" + digest
        let clientID = request.client.clientID
        try await write { database in
            try await database.raw(
                """
                INSERT INTO oauth2_codes (code_digest, client_id, user_id, redirect_uri, scope, code_challenge,
                    code_challenge_method, nonce, grant_id, expires_at, used)
                VALUES (\(bind: digest), \(bind: clientID), \(bind: userID), \(bind: request.redirectURIParameter),
                    \(bind: request.scope), \(bind: request.codeChallenge), \(bind: request.codeChallengeMethod),
                    \(bind: request.nonce), \(bind: grantID), \(bind: UnixTime.seconds(expiresAt)), 0)
                """
            ).run()
        }
    }

    /// The code issued to `clientID`, used or not; `nil` when unknown.
    func authorizationCode(_ code: String, clientID: String) async throws -> SQLAuthorizationCode? {
        let digest = SecretDigest.sha256Hex(code)
        return try await read { database in
            guard
                let row = try await database.raw(
                    """
                    SELECT client_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method, nonce, grant_id,
                        expires_at, used
                    FROM oauth2_codes WHERE code_digest = \(bind: digest) AND client_id = \(bind: clientID)
                    """
                ).first()
            else { return nil }
            return SQLAuthorizationCode(
                code: code,
                codeDigest: digest,
                clientID: try row.decode(column: "client_id", as: String.self),
                redirectURI: try row.decode(column: "redirect_uri", as: String?.self),
                scope: try row.decode(column: "scope", as: String?.self),
                userID: try row.decode(column: "user_id", as: String.self),
                expiresAt: UnixTime.date(try row.decode(column: "expires_at", as: Int.self)),
                isUsed: try row.decode(column: "used", as: Int.self) != 0,
                codeChallenge: try row.decode(column: "code_challenge", as: String?.self),
                codeChallengeMethod: try row.decode(column: "code_challenge_method", as: String?.self),
                nonce: try row.decode(column: "nonce", as: String?.self),
                grantID: try row.decode(column: "grant_id", as: String.self)
            )
        }
    }

    /// Marks a code used with one conditional `UPDATE`: of two nodes redeeming it at once, exactly
    /// one sees a row come back.
    ///
    /// - Returns: `false` when the code was already used (or is gone).
    func markAuthorizationCodeUsed(digest: String) async throws -> Bool {
        try await write { database in
            try await database.raw(
                "UPDATE oauth2_codes SET used = 1 WHERE code_digest = \(bind: digest) AND used = 0 RETURNING code_digest"
            ).first() != nil
        }
    }
}
