import FoundationEssentials
public import GatehouseCommon
public import GatehouseConfig
import OAuth1
import OAuth2
public import OAuthClient

extension OAuthRemoteApp {
    /// A remote app's settings: what ``OAuthRegistry/register(_:clientID:clientSecret:requestTokenURL:requestTokenParams:accessTokenURL:accessTokenParams:refreshTokenURL:authorizeURL:authorizeParams:apiBaseURL:clientKwargs:saveRequestToken:fetchRequestToken:fetchToken:updateToken:complianceFix:serverMetadataURL:)``
    /// was given, completed from the app configuration.
    ///
    /// The app is OAuth 1 when it has a ``requestTokenURL``, OAuth 2 otherwise (Authlib's rule).
    public struct Configuration: Sendable {
        /// `client_id` (OAuth 2) or consumer key (OAuth 1).
        public var clientID: String?
        /// `client_secret` or consumer secret.
        public var clientSecret: String?
        /// OAuth 1 temporary credential endpoint (RFC 5849 §2.1); its presence makes the app OAuth 1.
        public var requestTokenURL: String?
        /// Extra form fields of the temporary credential request.
        public var requestTokenParams: Parameters?
        /// Token endpoint (OAuth 2, RFC 6749 §3.2) or token credential endpoint (OAuth 1, RFC 5849 §2.3).
        public var accessTokenURL: String?
        /// OAuth 2: extra form fields of the code exchange.
        public var accessTokenParams: Parameters?
        /// OAuth 2: the endpoint for refreshing, when it is not the token endpoint.
        public var refreshTokenURL: String?
        /// Authorization endpoint (RFC 6749 §3.1, RFC 5849 §2.2).
        public var authorizeURL: String?
        /// Extra query parameters of the authorization URL (`prompt`, `access_type`, ...).
        public var authorizeParams: Parameters?
        /// The base that relative paths of ``OAuthRemoteApp/get(_:request:token:headers:)`` resolve against.
        public var apiBaseURL: String?
        /// Session settings (Authlib's `client_kwargs`).
        public var clientKwargs: ClientOptions?
        /// OAuth 2: the provider's RFC 8414 or OpenID Connect metadata document; its endpoints fill those
        /// not given, and its `authorization_response_iss_parameter_supported` turns on the RFC 9207 check.
        public var serverMetadataURL: String?
        /// OAuth 1: stores the temporary credential instead of the registry's cache.
        public var saveRequestToken: SaveRequestToken?
        /// OAuth 1: loads the temporary credential stored by ``saveRequestToken``.
        public var fetchRequestToken: FetchRequestToken?
        /// Loads the current user's token for API calls.
        public var fetchToken: FetchToken?
        /// OAuth 2: saves a refreshed token.
        public var updateToken: UpdateToken?
        /// Registers compliance hooks on every session of this app.
        public var complianceFix: ComplianceFix?

        /// Creates settings; every field is optional.
        public init() {}

        /// Whether the app speaks OAuth 1 (it has a ``requestTokenURL``).
        public var isOAuth1: Bool { requestTokenURL != nil }

        /// These settings completed from `config`: for each field left `nil`, the flat key
        /// `NAME_FIELD` (`TWITTER_CLIENT_ID`), then `AUTHLIB_OAUTH_CLIENTS` → `name` → `field`.
        ///
        /// - Configuration keys (for a remote app named `twitter`; `AUTHLIB_OAUTH_CLIENTS_TWITTER_*`
        ///   or `{"AUTHLIB_OAUTH_CLIENTS": {"twitter": {"client_id": ...}}}` work the same):
        ///   - `TWITTER_CLIENT_ID`, `TWITTER_CLIENT_SECRET` (string).
        ///   - `TWITTER_REQUEST_TOKEN_URL`, `TWITTER_ACCESS_TOKEN_URL`, `TWITTER_REFRESH_TOKEN_URL`,
        ///     `TWITTER_AUTHORIZE_URL`, `TWITTER_API_BASE_URL`, `TWITTER_SERVER_METADATA_URL` (string URL).
        ///   - `TWITTER_REQUEST_TOKEN_PARAMS`, `TWITTER_ACCESS_TOKEN_PARAMS`, `TWITTER_AUTHORIZE_PARAMS`
        ///     (a `[String: String]` or ``/GatehouseCommon/Parameters`` in code, or form-encoded text `a=1&b=2`).
        ///   - `TWITTER_CLIENT_KWARGS` (a ``ClientOptions`` in code) or its fields as nested keys
        ///     (`TWITTER_CLIENT_KWARGS_SCOPE`, see ``ClientOptions``).
        ///   - `TWITTER_FETCH_TOKEN`, `TWITTER_UPDATE_TOKEN`, `TWITTER_COMPLIANCE_FIX`,
        ///     `TWITTER_SAVE_REQUEST_TOKEN`, `TWITTER_FETCH_REQUEST_TOKEN` (the hook closures, in code).
        /// - Parameters:
        ///   - config: the app configuration.
        ///   - name: the remote app's name.
        /// - Returns: the completed settings.
        /// - Throws: ``/GatehouseConfig/ConfigError`` for a value of the wrong type or malformed text.
        public func completed(from config: Config, name: String) throws(ConfigError) -> Configuration {
            let reader = Reader(config: config, name: name)
            var result = self
            result.clientID = clientID ?? reader.string("client_id")
            result.clientSecret = clientSecret ?? reader.string("client_secret")
            result.requestTokenURL = requestTokenURL ?? reader.string("request_token_url")
            result.accessTokenURL = accessTokenURL ?? reader.string("access_token_url")
            result.refreshTokenURL = refreshTokenURL ?? reader.string("refresh_token_url")
            result.authorizeURL = authorizeURL ?? reader.string("authorize_url")
            result.apiBaseURL = apiBaseURL ?? reader.string("api_base_url")
            result.serverMetadataURL = serverMetadataURL ?? reader.string("server_metadata_url")
            if requestTokenParams == nil { result.requestTokenParams = try reader.parameters("request_token_params") }
            if accessTokenParams == nil { result.accessTokenParams = try reader.parameters("access_token_params") }
            if authorizeParams == nil { result.authorizeParams = try reader.parameters("authorize_params") }
            let configured = try reader.options()
            result.clientKwargs = clientKwargs.map { $0.merged(over: configured) } ?? configured
            if saveRequestToken == nil { result.saveRequestToken = try reader.value("save_request_token", as: SaveRequestToken.self) }
            if fetchRequestToken == nil { result.fetchRequestToken = try reader.value("fetch_request_token", as: FetchRequestToken.self) }
            if fetchToken == nil { result.fetchToken = try reader.value("fetch_token", as: FetchToken.self) }
            if updateToken == nil { result.updateToken = try reader.value("update_token", as: UpdateToken.self) }
            if complianceFix == nil { result.complianceFix = try reader.value("compliance_fix", as: ComplianceFix.self) }
            return result
        }
    }

    /// Reads one remote app's keys, flat first, then from `AUTHLIB_OAUTH_CLIENTS`.
    struct Reader {
        let config: Config
        let name: String

        func keys(_ field: String) -> [Config.Key] {
            [Config.Key(name.uppercased() + "_" + field.uppercased()), Config.Key.authlibOAuthClients.child(name).child(field)]
        }

        func string(_ field: String) -> String? {
            keys(field).lazy.compactMap { config.string($0) }.first
        }

        func value<Value>(_ field: String, as type: Value.Type) throws(ConfigError) -> Value? {
            for key in keys(field) {
                if let value = try config.value(key, as: type) { return value }
            }
            return nil
        }

        func parameters(_ field: String) throws(ConfigError) -> Parameters? {
            for key in keys(field) {
                if let value = try? config.value(key, as: Parameters.self) { return value }
                if let value = try? config.value(key, as: [String: String].self) {
                    return Parameters(value.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                }
                if let value = try? config.value(key, as: [(String, String)].self) { return Parameters(value) }
                if let text = config.string(key) {
                    do { return try FormURLEncoding.decode(text) } catch {
                        throw .invalidValue(key: key, expected: "form-encoded parameters", found: text)
                    }
                }
            }
            return nil
        }

        /// The `client_kwargs` fields: a ``ClientOptions`` set in code wins, then JSON text (an
        /// environment variable `NAME_CLIENT_KWARGS='{"scope": "profile"}'`), then the nested keys.
        func options() throws(ConfigError) -> ClientOptions {
            var options = ClientOptions()
            for key in keys("client_kwargs") {
                if let value = try? config.value(key, as: ClientOptions.self) {
                    options = options.merged(over: value)
                } else if let text = config.string(key), !text.hasPrefix("[") {  // "[...]": a dictionary set in code
                    let object: [String: JSONValue]
                    do { object = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8)) } catch {
                        // Not the text itself: it may hold a private key (rsa_key).
                        throw .invalidValue(key: key, expected: "a JSON object", found: "\(text.count) characters of something else")
                    }
                    let fields = object.compactMapValues { value -> String? in
                        switch value {
                        case .string(let text): text
                        case .int(let number): String(number)
                        case .double(let number): String(number)
                        case .bool(let flag): String(flag)
                        default: nil
                        }
                    }
                    options = options.merged(over: try Self.options(key: key) { fields[$0] })
                }
                options = options.merged(over: try Self.options(key: key) { config.string(key.child($0)) })
            }
            return options
        }

        /// Options from `client_kwargs` fields given as text (`leeway` and `timeout` as numbers).
        static func options(key: Config.Key, text: (String) -> String?) throws(ConfigError) -> ClientOptions {
            var options = ClientOptions()
            options.scope = text("scope")
            options.tokenEndpointAuthMethod = text("token_endpoint_auth_method").map { ClientAuthMethod(rawValue: $0) }
            if let method = text("code_challenge_method") {
                guard let parsed = CodeChallengeMethod(rawValue: method) else {
                    throw .invalidValue(key: key.child("code_challenge_method"), expected: "S256 or plain", found: method)
                }
                options.codeChallengeMethod = parsed
            }
            options.signatureMethod = text("signature_method").map { SignatureMethod($0) }
            if let placement = text("signature_type") ?? text("signature_placement") {
                guard let parsed = OAuth1Request.ParameterLocation(rawValue: placement.lowercased()) else {
                    throw .invalidValue(key: key.child("signature_type"), expected: "HEADER, BODY or QUERY", found: placement)
                }
                options.signaturePlacement = parsed
            }
            options.rsaPrivateKey = text("rsa_key") ?? text("rsa_private_key")
            options.realm = text("realm")
            if let leeway = text("leeway") {
                guard let seconds = Int(leeway.filter { $0 != " " }) else {
                    throw .invalidValue(key: key.child("leeway"), expected: "an integer", found: leeway)
                }
                options.leeway = seconds
            }
            if let timeout = text("timeout") {
                guard let seconds = Double(timeout.filter { $0 != " " }), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                    throw .invalidValue(key: key.child("timeout"), expected: "a positive number of seconds, at most 86400", found: timeout)
                }
                options.timeout = .milliseconds(Int(seconds * 1000))
            }
            return options
        }
    }
}
