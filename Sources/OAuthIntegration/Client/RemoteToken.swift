import GatehouseCommon
import OAuth2
public import OAuthClient

/// The token an ``OAuthRemoteApp`` works with: OAuth 1 token credentials (RFC 5849 §2.3) or an OAuth 2
/// access token (RFC 6749 §5.1), as returned by ``OAuthRemoteApp/authorizeAccessToken(_:)`` and as the
/// `fetchToken` hooks hand back.
///
/// Authlib passes both as a dictionary; here the version is explicit. It is `Codable` as the flat
/// JSON object of the provider's answer (`oauth_token`/`oauth_token_secret`, or `access_token`,
/// `refresh_token`, `expires_at`, ...), so it can be stored as is and read back.
///
/// ```swift
/// let token = try await oauth.twitter.authorizeAccessToken()
/// try await tokens.save(user: user, name: "twitter", token: token)
/// // later, in fetchToken:
/// return try await tokens.load(user: user, name: "twitter")   // a RemoteToken
/// ```
public enum RemoteToken: Sendable, Hashable, Codable {
    /// OAuth 1 token credentials.
    case oauth1(OAuth1Token)
    /// An OAuth 2 token.
    case oauth2(Token)

    /// The OAuth 2 token, or `nil` for OAuth 1 credentials.
    public var oauth2: Token? {
        if case .oauth2(let token) = self { return token }
        return nil
    }

    /// The OAuth 1 credentials, or `nil` for an OAuth 2 token.
    public var oauth1: OAuth1Token? {
        if case .oauth1(let token) = self { return token }
        return nil
    }

    /// Reads the flat JSON object: `access_token` makes an OAuth 2 token, `oauth_token` OAuth 1
    /// credentials (other string members are kept in their `extra`).
    public init(from decoder: any Decoder) throws {
        let object = try [String: JSONValue](from: decoder)
        if object["access_token"] != nil {
            self = .oauth2(try Token(from: decoder))
            return
        }
        var parameters = Parameters()
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            if let text = value.stringValue { parameters.append(name, text) }
        }
        do { self = .oauth1(try OAuth1Token(parameters: parameters)) } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message)
            )
        }
    }

    /// Writes the token's flat JSON object (the provider's field names).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .oauth1(let token):
            var object = token.extra.mapValues { JSONValue.string($0) }
            object["oauth_token"] = .string(token.oauthToken)
            object["oauth_token_secret"] = .string(token.oauthTokenSecret)
            try object.encode(to: encoder)
        case .oauth2(let token): try token.encode(to: encoder)
        }
    }
}
