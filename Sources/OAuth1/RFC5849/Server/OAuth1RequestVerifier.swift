import GatehouseCommon
import Logging

/// The settings a request's signature, timestamp and transport are checked with: what the
/// authorization server's and the resource protector's configurations share.
protocol OAuth1VerificationSettings {
    var supportedSignatureMethods: [SignatureMethod] { get }
    var timestampWindow: Int { get }
    var allowInsecureTransport: Bool { get }
    var allowInsecureLoopback: Bool { get }
    var clock: WallClock { get }
}

extension OAuth1AuthorizationServer.Configuration: OAuth1VerificationSettings {}
extension OAuth1ResourceProtector.Configuration: OAuth1VerificationSettings {}

/// The checks every signed OAuth 1 request goes through, shared by ``OAuth1AuthorizationServer`` and
/// ``OAuth1ResourceProtector`` (Authlib's `BaseServer`): transport, version, signature method,
/// timestamp window, signature and nonce.
struct OAuth1RequestVerifier: Sendable {
    var supportedSignatureMethods: [SignatureMethod]
    var signatureMethods: SignatureMethodRegistry
    var timestampWindow: Int
    var allowInsecureTransport: Bool
    var allowInsecureLoopback: Bool
    var clock: WallClock
    var logger: Logger

    /// The verifier of a server or protector with these settings.
    init(settings: some OAuth1VerificationSettings, signatureMethods: SignatureMethodRegistry, logger: Logger) {
        self.supportedSignatureMethods = settings.supportedSignatureMethods
        self.signatureMethods = signatureMethods
        self.timestampWindow = settings.timestampWindow
        self.allowInsecureTransport = settings.allowInsecureTransport
        self.allowInsecureLoopback = settings.allowInsecureLoopback
        self.clock = settings.clock
        self.logger = logger
    }

    /// TLS is required for every endpoint (RFC 5849 §2, §3, §4.1) unless insecure transport is
    /// explicitly allowed (`AUTHLIB_INSECURE_TRANSPORT`), or allowed for loopback hosts and the request
    /// names one (`AUTHLIB_INSECURE_TRANSPORT=loopback`). Unlike Authlib, loopback hosts get no silent
    /// exemption: a development server says so by setting the flag.
    func checkTransport(_ request: OAuth1Request) throws(OAuth1Error) {
        guard request.isSecureTransport || allowsPlainHTTP(request) else {
            throw .insecureTransport()
        }
    }

    /// Whether the settings let `request` travel over plain http.
    func allowsPlainHTTP(_ request: OAuth1Request) -> Bool {
        allowInsecureTransport || (allowInsecureLoopback && LoopbackHost.isLoopbackURI(request.uri))
    }

    /// `oauth_version`, when present, MUST be `1.0` (RFC 5849 §3.1).
    func checkVersion(_ request: OAuth1Request) throws(OAuth1Error) {
        if let version = request.version, version != "1.0" {
            throw .unsupportedParameter("\"oauth_version\" must be \"1.0\"")
        }
    }

    /// Verifies the signature, then the timestamp and nonce of a request signed by `client` with the
    /// token shared-secret `tokenSecret`.
    ///
    /// The nonce is recorded only after the signature verifies, so unsigned noise cannot fill the
    /// nonce store.
    func verify(
        _ request: OAuth1Request,
        client: any OAuth1Client,
        tokenSecret: String,
        existsNonce: (TimestampNonce) async throws -> Bool
    ) async throws(OAuth1Error) {
        guard let method = request.signatureMethod else { throw .missingParameter("oauth_signature_method") }
        guard supportedSignatureMethods.contains(method), let algorithm = signatureMethods[method] else {
            throw .unsupportedSignatureMethod(method.rawValue)
        }
        if algorithm.requiresSecureTransport, !request.isSecureTransport, !allowsPlainHTTP(request) {
            throw .insecureTransport("\"\(method.rawValue)\" may only be used over TLS")
        }
        guard let signature = request.signature else { throw .missingParameter("oauth_signature") }

        let needsTimestamp = algorithm.requiresTimestampAndNonce || request.timestamp != nil || request.nonce != nil
        var nonceRecord: TimestampNonce?
        if needsTimestamp {
            guard let timestamp = request.timestamp else { throw .missingParameter("oauth_timestamp") }
            guard !timestamp.isEmpty, timestamp.utf8.count <= 18, timestamp.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let seconds = Int(timestamp)
            else { throw .invalidRequest("invalid \"oauth_timestamp\" value") }
            if timestampWindow > 0 {
                let now = clock.secondsSince1970
                guard abs(now - Double(seconds)) <= Double(timestampWindow) else { throw .invalidTimestamp() }
            }
            guard let nonce = request.nonce, !nonce.isEmpty else { throw .missingParameter("oauth_nonce") }
            nonceRecord = TimestampNonce(
                nonce: nonce,
                timestamp: timestamp,
                clientID: client.clientID,
                oauthToken: request.token
            )
        }

        let input = SignatureInput(
            baseString: algorithm.usesBaseString ? request.signatureBaseString : "",
            clientSecret: client.clientSecret,
            tokenSecret: tokenSecret,
            rsaPublicKey: client.rsaPublicKey
        )
        guard algorithm.verify(signature, for: input) else { throw .invalidSignature() }

        if let nonceRecord {
            let replayed = try await hook("existsNonce") { try await existsNonce(nonceRecord) }
            if replayed { throw .invalidNonce() }
        }
    }

    /// Runs a hook, turning an ``OAuth1ErrorConvertible`` into the error it names and any other
    /// non-OAuth error into `server_error` (500), logging the cause.
    func hook<T>(_ name: String, _ body: () async throws -> T) async throws(OAuth1Error) -> T {
        do {
            return try await body()
        } catch let error as OAuth1Error {
            throw error
        } catch {
            if let mapped = (error as? any OAuth1ErrorConvertible)?.oauth1Error {
                logger.warning("OAuth 1 hook failed", metadata: ["hook": .string(name), "error": .string("\(error)")])
                throw mapped
            }
            logger.error("OAuth 1 hook failed", metadata: ["hook": .string(name), "error": .string("\(error)")])
            throw .serverError()
        }
    }
}
