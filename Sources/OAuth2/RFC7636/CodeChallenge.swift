import Crypto
import FoundationEssentials
import GatehouseCommon

/// PKCE for the authorization code grant (RFC 7636), with RFC 9700's stricter defaults.
///
/// - `S256` only, unless `allowPlain` (Authlib defaults to `plain`; RFC 9700 §2.1.1 says S256).
/// - Challenge and verifier: 43–128 unreserved characters (RFC 7636 §4.1, §4.2).
/// - Mandatory for public clients by default, and for every client with `required: true`.
/// - A `code_verifier` for a code issued without a challenge is refused (downgrade, RFC 9700 §4.8.2).
///
/// ```swift
/// server.registerGrant(codeGrant, extensions: [CodeChallenge(required: true)])
/// ```
public struct CodeChallenge: GrantExtension {
    /// Require PKCE from every client.
    public var required: Bool
    /// Require PKCE from public clients (RFC 9700 §2.1.1). **Default:** `true`.
    public var requiredForPublicClients: Bool
    /// The accepted methods. **Default:** `[.s256]`.
    public var allowedMethods: Set<CodeChallengeMethod>

    /// Creates the extension.
    ///
    /// - Parameters:
    ///   - required: require PKCE from every client (default `false`: public clients only).
    ///   - requiredForPublicClients: require PKCE from public clients (default `true`).
    ///   - allowPlain: also accept the `plain` method (default `false`).
    public init(required: Bool = false, requiredForPublicClients: Bool = true, allowPlain: Bool = false) {
        self.required = required
        self.requiredForPublicClients = requiredForPublicClients
        self.allowedMethods = allowPlain ? [.s256, .plain] : [.s256]
    }

    /// Whether `client` must use PKCE.
    public func isRequired(for client: any OAuth2Client) -> Bool {
        required || (requiredForPublicClients && client.isPublic)
    }

    /// RFC 7636 §4.4: checks `code_challenge` and `code_challenge_method` and records them for the code.
    public func validateAuthorizationRequest(_ grantRequest: inout GrantRequest, context: GrantContext) async throws(OAuth2Error) {
        guard grantRequest.responseType == .code else { return }
        let data = grantRequest.request.data
        guard let challenge = data["code_challenge"] else {
            if data.contains("code_challenge_method") {
                throw .invalidRequest("code_challenge_method without code_challenge.")
            }
            if isRequired(for: grantRequest.client) {
                throw .invalidRequest("Missing code_challenge.")
            }
            return
        }
        // RFC 7636 §4.3: the method defaults to plain when omitted.
        let methodName = data["code_challenge_method"] ?? CodeChallengeMethod.plain.rawValue
        guard let method = CodeChallengeMethod(rawValue: methodName), allowedMethods.contains(method) else {
            throw .invalidRequest("Unsupported code_challenge_method \(methodName).")
        }
        guard Self.isWellFormed(challenge) else {
            throw .invalidRequest("Invalid code_challenge.")
        }
        grantRequest.codeChallenge = challenge
        grantRequest.codeChallengeMethod = method.rawValue
    }

    /// RFC 7636 §4.6: verifies `code_verifier` against the code's challenge.
    public func validateTokenRequest(_ grantRequest: GrantRequest, context: GrantContext) async throws(OAuth2Error) {
        guard grantRequest.grantType == .authorizationCode else { return }
        let verifier = grantRequest.request.form["code_verifier"]
        guard let challenge = grantRequest.codeChallenge else {
            if verifier != nil {
                throw .invalidGrant("code_verifier sent for a code issued without code_challenge.")
            }
            if isRequired(for: grantRequest.client) {
                throw .invalidGrant("The code was issued without code_challenge.")
            }
            return
        }
        guard let verifier else { throw .invalidRequest("Missing code_verifier.") }
        guard Self.isWellFormed(verifier) else { throw .invalidRequest("Invalid code_verifier.") }
        let methodName = grantRequest.codeChallengeMethod ?? CodeChallengeMethod.plain.rawValue
        guard let method = CodeChallengeMethod(rawValue: methodName), allowedMethods.contains(method) else {
            throw .invalidGrant("Unsupported code_challenge_method \(methodName).")
        }
        guard Self.verify(verifier: verifier, challenge: challenge, method: method) else {
            throw .invalidGrant("code_verifier does not match code_challenge.")
        }
    }

    public var metadata: [String: JSONValue] {
        [
            "code_challenge_methods_supported": .array(
                CodeChallengeMethod.allCases.filter(allowedMethods.contains).map { .string($0.rawValue) }
            )
        ]
    }

    /// Whether `value` is 43–128 characters of `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"` (RFC 7636 §4.1).
    public static func isWellFormed(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard (43...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy(TokenGenerator.unreserved.contains)
    }

    /// The challenge for `verifier` (RFC 7636 §4.2).
    public static func challenge(for verifier: String, method: CodeChallengeMethod) -> String {
        switch method {
        case .plain:
            return verifier
        case .s256:
            let digest = SHA256.hash(data: Array(verifier.utf8))
            let base64 = Data(digest).base64EncodedString()
            return String(
                base64.compactMap { character -> Character? in
                    switch character {
                    case "+": "-"
                    case "/": "_"
                    case "=": nil
                    default: character
                    }
                }
            )
        }
    }

    /// Whether `verifier` matches `challenge`, compared in constant time (RFC 7636 §4.6).
    public static func verify(verifier: String, challenge: String, method: CodeChallengeMethod) -> Bool {
        ConstantTimeComparison.isEqual(Self.challenge(for: verifier, method: method), challenge)
    }
}
