public import GatehouseCommon
public import Metrics

/// The OAuth-level counters of one authorization server or resource protector, emitted through
/// swift-metrics so the protocol cores stay free of any HTTP stack or backend.
///
/// The series, named for a Prometheus scrape:
/// - `gatehouse_oauth_tokens_issued_total{protocol, grant_type}`: tokens issued and saved
///   (`authorization_code`, `client_credentials`, ...; OAuth 1 token credentials count as
///   `token_credential`)
/// - `gatehouse_oauth_guard_decisions_total{protocol, outcome, error}`: resource protector
///   decisions, `outcome` `allowed` (with `error="none"`) or `denied` with the error code
/// - `gatehouse_oauth_errors_total{protocol, error}`: errors the authorization server endpoints
///   answered with (token, authorization, revocation, introspection), by code
///
/// `protocol` is `oauth1` or `oauth2`. Every label value comes from the server's own vocabulary
/// (registered grant types, error codes), never from the request, so the series stay few. The
/// counter for an allowed request is made up front; the others once per label value, then reused.
///
/// Servers and protectors make theirs when they are created, from `MetricsSystem.factory`:
/// bootstrap the backend first, or create them inside `withMetricsFactory(_:_:)` (tests).
public final class OAuthMetrics: Sendable {
    /// Which protocol a server speaks: the `protocol` label.
    public struct ProtocolName: RawRepresentable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// OAuth 1.0 (RFC 5849).
        public static let oauth1 = ProtocolName(rawValue: "oauth1")
        /// OAuth 2.0 (RFC 6749).
        public static let oauth2 = ProtocolName(rawValue: "oauth2")
    }

    /// The tokens-issued counter's label.
    public static let tokensIssuedLabel = "gatehouse_oauth_tokens_issued_total"
    /// The guard-decisions counter's label.
    public static let guardDecisionsLabel = "gatehouse_oauth_guard_decisions_total"
    /// The errors counter's label.
    public static let errorsLabel = "gatehouse_oauth_errors_total"

    private enum Kind: Hashable {
        case tokenIssued, guardDenied, error
    }

    private struct Key: Hashable {
        var kind: Kind
        var value: String
    }

    private let factory: any MetricsFactory
    private let protocolName: String
    private let allowed: Counter
    private let counters = LockedValue<[Key: Counter]>([:])

    /// Creates the counters of one server or protector.
    ///
    /// - Parameters:
    ///   - protocolName: the `protocol` label.
    ///   - factory: where metrics go. **Default:** `MetricsSystem.factory` at the time of this call.
    public init(_ protocolName: ProtocolName, factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        self.protocolName = protocolName.rawValue
        self.allowed = Counter(
            label: Self.guardDecisionsLabel,
            dimensions: [("protocol", protocolName.rawValue), ("outcome", "allowed"), ("error", "none")],
            factory: factory
        )
    }

    /// Counts a token issued with `grantType`.
    public func recordTokenIssued(grantType: String) {
        counter(.tokenIssued, grantType).increment()
    }

    /// Counts a request a resource protector let through: one increment of a counter made up
    /// front, as this runs on every guarded request.
    public func recordGuardAllowed() {
        allowed.increment()
    }

    /// Counts a request a resource protector refused with the error `code`.
    public func recordGuardDenied(error code: String) {
        counter(.guardDenied, code).increment()
    }

    /// Counts an error an endpoint answered with.
    public func recordError(_ code: String) {
        counter(.error, code).increment()
    }

    private func counter(_ kind: Kind, _ value: String) -> Counter {
        counters.withLock { counters in
            let key = Key(kind: kind, value: value)
            if let found = counters[key] { return found }
            let counter: Counter
            switch kind {
            case .tokenIssued:
                counter = Counter(
                    label: Self.tokensIssuedLabel,
                    dimensions: [("protocol", protocolName), ("grant_type", value)],
                    factory: factory
                )
            case .guardDenied:
                counter = Counter(
                    label: Self.guardDecisionsLabel,
                    dimensions: [("protocol", protocolName), ("outcome", "denied"), ("error", value)],
                    factory: factory
                )
            case .error:
                counter = Counter(label: Self.errorsLabel, dimensions: [("protocol", protocolName), ("error", value)], factory: factory)
            }
            counters[key] = counter
            return counter
        }
    }
}
